require_relative "lib/capistrano/rationale/version"

Gem::Specification.new do |spec|
  spec.name = "capistrano-rationale"
  spec.version = Capistrano::Rationale::VERSION
  spec.summary = "Every Capistrano deploy states why: RATIONALE and RATIONALE_CLIENT=capistrano on every SSH session"
  spec.description = <<~TEXT
    One line in the Capfile (require "capistrano/rationale") makes every cap
    invocation settle a rationale before any host is contacted (RATIONALE
    env, cap ... RATIONALE=..., --set rationale=..., or a prompt on the
    terminal) and send it with RATIONALE_CLIENT=capistrano on every net-ssh
    session, for the rationale SSH audit wrapper to record.
  TEXT
  spec.authors = ["rationale maintainers"]
  spec.license = "MIT"
  spec.homepage = "https://example.invalid/rationale"
  spec.files = Dir["lib/**/*.rb"] + ["README.md"]
  spec.require_paths = ["lib"]
  spec.required_ruby_version = ">= 2.7"
  # Tested with Debian 12: capistrano 3.17.2, sshkit 1.21.2, net-ssh 7.0.1.
  # send_env with regexes needs net-ssh >= 2.7; Capistrano::Plugin needs capistrano >= 3.7.
  spec.add_dependency "capistrano", ">= 3.7", "< 4"
  spec.add_dependency "net-ssh", ">= 2.7"
end
