# A Consul client agent on one of the home's other Pis (optional: compose.agent.yml's "consul-client" profile, or
# /etc/consul.d/ without Docker). The Willow agent on this Pi then registers with http://127.0.0.1:8500, and this
# client runs its health check locally and keeps it registered while the server restarts. Without it, the agent
# registers straight with the server (WILLOW_CONSUL_ADDRESS=http://GATEWAY-PI:8500), and the Pi Zero's memory
# is the agent's alone.

datacenter = "home"
server = false
data_dir = "/consul/data"

# The server(s) to join: compose.agent.yml adds -retry-join=$WILLOW_CONSUL_SERVER; without Docker, write it here.
# retry_join = ["192.168.1.10"]

# This Pi's LAN address (the interface of its default route, not docker0's); the API only on loopback.
bind_addr = "{{ GetDefaultInterfaces | include \"type\" \"IPv4\" | attr \"address\" }}"
client_addr = "127.0.0.1"

ports {
  dns = -1
}

acl {
  enabled = true
  default_policy = "deny"
  down_policy = "extend-cache"
  enable_token_persistence = true
  # This client's own token (policies/consul-client.hcl), so that it may register its node:
  #   consul acl set-agent-token agent TOKEN     (kept in data_dir: enable_token_persistence)
}

# The same gossip key as the server's.
# encrypt = "…"
