require "capistrano/plugin"
require "net/ssh"
require_relative "rules"
require_relative "ssh_options"
require_relative "terminal"

module Capistrano
  module Rationale
    # Installed by `require "capistrano/rationale"` in the Capfile. The
    # rationale is settled right after the stage task has loaded the stage's
    # configuration and before any task of the run contacts a host.
    class Plugin < Capistrano::Plugin
      def set_defaults
        set_if_empty :rationale_require, false
        set_if_empty :rationale_prompt, true
        set_if_empty :rationale_min_length, 1
        set_if_empty :rationale_pattern, nil
        # What is sent: %{rationale}, %{stage} and %{tasks} ("deploy", "deploy:rollback", ...).
        set_if_empty :rationale_template, "%{tasks} %{stage}: %{rationale}"
        set_if_empty :rationale_add_revision, true
      end

      def define_tasks
        plugin = self
        namespace :rationale do
          desc "Settle this run's rationale and send it on every SSH session (runs after the stage task)"
          task :settle do
            plugin.settle
          end

          desc "Add the deploy's revision to the rationale, for the sessions that follow"
          task :add_revision do
            plugin.add_revision
          end
        end
      end

      def register_hooks
        defined = stages.select { |s| Rake::Task.task_defined?(s) }
        if defined.empty? && !stages.empty?
          raise 'capistrano-rationale: require "capistrano/rationale" after require "capistrano/setup" in the Capfile'
        end

        defined.each { |s| Rake::Task[s].enhance { invoke "rationale:settle" } }
        after "deploy:set_current_revision", "rationale:add_revision" if Rake::Task.task_defined?("deploy:set_current_revision")
      end

      def settle
        return if @settled

        @settled = true
        min_length = fetch(:rationale_min_length).to_i
        pattern = fetch(:rationale_pattern)
        problem_of = ->(t) { Rules.check(t, min_length, pattern) }
        text, source = Rules.choose(ENV[Rules::RATIONALE], fetch(:rationale, nil))
        if text.nil? && fetch(:rationale_prompt)
          text = Terminal.ask(%(Rationale for "cap #{Rake.application.top_level_tasks.join(' ')}" (why?): ), &problem_of)
          source = "prompt" unless text.nil?
        end
        if text.nil?
          abort("capistrano-rationale: #{Rules::NO_RATIONALE}") if fetch(:rationale_require)
          warn "capistrano-rationale: this run has no rationale; servers will record it as missing (or refuse it)"
        else
          problem = problem_of.call(text)
          abort("capistrano-rationale: the rationale from #{source} is not accepted: #{problem}") if problem

          stage = fetch(:stage)
          tasks = Rules.tasks_of_run(Rake.application.top_level_tasks, stage)
          begin
            ENV[Rules::RATIONALE] = Rules.render(fetch(:rationale_template), rationale: text, stage: stage, tasks: tasks)
          rescue KeyError, ArgumentError => e
            abort("capistrano-rationale: :rationale_template #{fetch(:rationale_template).inspect} is not usable (#{e.message}); " \
                  "it may contain %{rationale}, %{stage} and %{tasks}")
          end
          $stderr.puts "rationale: #{ENV[Rules::RATIONALE].lines.first.chomp}"
        end
        ENV[Rules::RATIONALE_CLIENT] = Rules::CLIENT_NAME
        send_env_everywhere
      end

      def add_revision
        return unless fetch(:rationale_add_revision) && ENV[Rules::RATIONALE]

        # net-ssh reads send_env variables when each session opens: the
        # sessions after this point carry the revision.
        ENV[Rules::RATIONALE] = Rules.with_revision(ENV[Rules::RATIONALE], fetch(:current_revision))
      end

      private

      # Capistrano merges options from three places (global :ssh_options, the
      # SSHKit backend, each server's own ssh_options, which replace the
      # global ones): add the variables to each, replacing nothing.
      def send_env_everywhere
        set :ssh_options, SshOptions.with_send_env(fetch(:ssh_options, {}))
        backend = SSHKit::Backend::Netssh.config
        backend.ssh_options = SshOptions.with_send_env(backend.ssh_options)
        roles(:all).each do |server|
          from_config = Net::SSH::Config.for(server.hostname)[:send_env]
          server.ssh_options = SshOptions.with_send_env(server.ssh_options, from_config)
        end
      end
    end
  end
end
