# Ask on the user's terminal (/dev/tty, so it works when stdin is a pipe),
# again and again until the answer is acceptable. nil without a terminal
# (cron, CI) or at end of input.
module Capistrano
  module Rationale
    module Terminal
      module_function

      def ask(prompt)
        tty = File.open("/dev/tty", "r+")
      rescue SystemCallError
        nil
      else
        begin
          loop do
            tty.print(prompt)
            tty.flush
            line = tty.gets
            return nil if line.nil?

            problem = yield(line)
            return line.strip if problem.nil?

            tty.puts("Not accepted: #{problem}.")
          end
        ensure
          tty.close
        end
      end
    end
  end
end
