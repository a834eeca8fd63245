# For each Consul agent itself (the server's, and a client's on another Pi): 'consul acl set-agent-token agent TOKEN'
# lets it register its own node and keep its coordinates; without it the log repeats "blocked by ACLs".
node_prefix "" {
  policy = "write"
}

service_prefix "" {
  policy = "read"
}
