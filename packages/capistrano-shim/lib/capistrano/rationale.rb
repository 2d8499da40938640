# require "capistrano/rationale" in the Capfile, after "capistrano/setup".
require_relative "rationale/version"
require_relative "rationale/plugin"

install_plugin Capistrano::Rationale::Plugin
