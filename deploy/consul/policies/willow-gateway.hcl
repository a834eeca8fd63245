# For the gateway (WILLOW__Consul__Token / CONSUL_GATEWAY_TOKEN): read the healthy willow-agent instances
# (GET /v1/health/service/willow-agent needs service:read and node:read), change nothing.
service "willow-agent" {
  policy = "read"
}

node_prefix "" {
  policy = "read"
}
