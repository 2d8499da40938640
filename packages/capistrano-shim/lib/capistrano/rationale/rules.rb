# The deploy's rationale: where it comes from, whether it is acceptable, and
# the text sent. Pure functions (no Capistrano, no I/O), tested on their own.
# The rules mean what the server's RationaleMinLength / RationalePattern mean:
# at least N characters after trimming, and a match of the pattern somewhere.
module Capistrano
  module Rationale
    module Rules
      RATIONALE = "RATIONALE".freeze
      RATIONALE_CLIENT = "RATIONALE_CLIENT".freeze
      CLIENT_NAME = "capistrano".freeze

      NO_RATIONALE = <<~TEXT.freeze
        this cap run has no rationale, and capistrano-rationale is set to require one
        (set :rationale_require, true). Give it in one of three ways:
          cap production deploy RATIONALE="INC-123 ship the login fix"
          RATIONALE="INC-123 ship the login fix" cap production deploy
          run cap from a terminal, and it will ask
      TEXT

      module_function

      # nil when acceptable, else what is wrong, as a sentence the user can act on.
      def check(text, min_length = 1, pattern = nil)
        t = text.to_s.strip
        return "a rationale is required" if t.empty?
        return "a rationale needs at least #{min_length} characters (got #{t.length})" if t.length < min_length
        return "a rationale must match #{pattern} (for example a ticket id)" if pattern && !Regexp.new(pattern).match?(t)

        nil
      end

      # [text, source] from $RATIONALE (which `cap ... RATIONALE=...` sets),
      # then the :rationale setting (--set rationale=...); [nil, nil] if neither.
      def choose(env_value, setting)
        return [env_value, "environment"] if env_value && !env_value.strip.empty?
        return [setting.to_s, "setting"] if setting && !setting.to_s.strip.empty?

        [nil, nil]
      end

      # The text sent: the template filled with the stage, the tasks and the
      # rationale, e.g. "deploy production: INC-1 fix login".
      def render(template, rationale:, stage:, tasks:)
        format(template, rationale: rationale.strip, stage: stage, tasks: tasks.join(" "))
      end

      # The same text with the deploy's revision, once Capistrano knows it.
      def with_revision(text, revision)
        return text if revision.nil? || revision.to_s.empty? || text.include?("(revision ")

        "#{text} (revision #{revision.to_s[0, 12]})"
      end

      # The top-level tasks of this run, without the stage name.
      def tasks_of_run(top_level_tasks, stage)
        tasks = top_level_tasks.reject { |t| t == stage.to_s || t.start_with?("--") }
        tasks.empty? ? ["default"] : tasks
      end
    end
  end
end
