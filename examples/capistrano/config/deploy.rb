# config/deploy.rb
lock "~> 3.17"

set :application, "demo"
set :repo_url, "https://git.example.com/demo.git"
set :deploy_to, "/srv/demo"
set :keep_releases, 3

# rationale: refuse to run without one (cap production deploy RATIONALE="...",
# an exported RATIONALE, --set rationale=..., or the prompt on a terminal).
set :rationale_require, true
# Keep these equal to the servers' RationaleMinLength / RationalePattern.
set :rationale_min_length, 8
# set :rationale_pattern, "[A-Z]+-[0-9]+"
# What the servers record; the deploy's revision is added once it is known.
set :rationale_template, "%{tasks} %{stage}: %{rationale}"

# Your own ssh options stay as they are; the gem adds its send_env to them.
set :ssh_options, { send_env: [/\ALANG\z/] }
