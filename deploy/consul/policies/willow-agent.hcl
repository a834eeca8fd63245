# For every Willow agent (WILLOW__Consul__Token / CONSUL_AGENT_TOKEN): register, update and deregister itself as
# 'willow-agent' (PUT /v1/agent/service/register, /deregister), nothing else.
service "willow-agent" {
  policy = "write"
}
