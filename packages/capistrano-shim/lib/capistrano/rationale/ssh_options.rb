# net-ssh options that send the two variables, merged into what the project
# already has. Pure: a hash in, a new hash out; nothing is replaced.
module Capistrano
  module Rationale
    module SshOptions
      # Anchored: net-ssh matches send_env patterns unanchored, and a bare
      # "RATIONALE" would also send RATIONALE_ANYTHING from the deployer's shell.
      SEND_ENV = [/\ARATIONALE\z/, /\ARATIONALE_CLIENT\z/].freeze

      module_function

      # `options` with SEND_ENV added to its :send_env (kept as it was, in order).
      # `from_config` is what ~/.ssh/config says for the host (net-ssh drops it
      # once :send_env is given explicitly, so it is carried over here).
      def with_send_env(options, from_config = [])
        options = (options || {}).dup
        existing = Array(options[:send_env]) + Array(from_config)
        options[:send_env] = (existing + SEND_ENV).uniq
        options
      end
    end
  end
end
