# config/deploy/production.rb
server "app1.example.com", user: "deploy", roles: %w[app web]
