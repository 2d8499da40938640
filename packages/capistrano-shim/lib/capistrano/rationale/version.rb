module Capistrano
  module Rationale
    VERSION = "0.1.0".freeze
  end
end
