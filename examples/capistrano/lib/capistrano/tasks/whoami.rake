# A custom task: it too runs only after the rationale is settled.
desc "Show who we are on each server and the rationale it received"
task :whoami do
  on roles(:app) do |host|
    info "#{host}: #{capture(:id, '-un')} / #{capture(:printenv, 'RATIONALE')}"
  end
end
