# The home's Consul server: one node on the gateway Pi (compose.home.yml mounts this as /consul/config/server.hcl and
# runs it with host networking, as HashiCorp advises for Consul in Docker). Without Docker: copy it to
# /etc/consul.d/ and set data_dir to /opt/consul. README.md beside this file: ACL tokens, gossip key, client agents.

datacenter = "home"
server = true
# A home has one server: it elects itself. (Three would survive losing one, on three always-on Pis.)
bootstrap_expect = 1
data_dir = "/consul/data"

# The gateway Pi's LAN address, found from its default route, so that Consul does not pick docker0's (172.17.0.1)
# among the host's private addresses. Set an address instead if the Pi has several default routes.
bind_addr = "{{ GetDefaultInterfaces | include \"type\" \"IPv4\" | attr \"address\" }}"
# The HTTP API and UI (8500) on loopback for the gateway and this Pi's agents, and on the LAN for the other Pis'
# agents, which register here ("pointing at the server") or through a client agent of their own (client.hcl).
client_addr = "127.0.0.1 {{ GetDefaultInterfaces | include \"type\" \"IPv4\" | attr \"address\" }}"

ui_config {
  enabled = true
}

ports {
  # Willow asks the HTTP API, never DNS.
  dns = -1
}

# Anyone on the home's Wi-Fi reaches 8500: without ACLs they could register a fake willow-agent, and the gateway
# would send that board's commands to them (signed, so they cannot be replayed to the real board, but they would
# never reach it). Deny by default; tokens per role (README.md, policies/).
acl {
  enabled = true
  default_policy = "deny"
  down_policy = "extend-cache"
  enable_token_persistence = true
}

# Gossip encryption: the same key on every Consul agent of the home ('consul keygen' prints one).
# encrypt = "…"

# A critical agent is removed after Willow's own DeregisterCriticalServiceAfter; nothing to add here.
