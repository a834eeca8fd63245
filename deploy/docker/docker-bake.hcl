# Both images for both platforms, from the repository's root:
#   docker buildx bake -f deploy/docker/docker-bake.hcl --push                          (REGISTRY and TAG below)
#   REGISTRY=192.168.1.10:5000/ TAG=0.1.0 docker buildx bake -f deploy/docker/docker-bake.hcl --push
# A multi-platform build needs a builder that can export it (docker buildx create --use) and, for willow-agent's
# arm64 apt-get, QEMU's binfmt handlers on an x86 machine; docs/operations.md walks through it.

variable "REGISTRY" {
  # Where the images go, ending in '/': the home's registry (192.168.1.10:5000/), or ghcr.io/you/ for a cloud hub.
  default = ""
}

variable "TAG" {
  default = "latest"
}

group "default" {
  targets = ["willow", "willow-agent"]
}

target "_common" {
  context    = "."
  dockerfile = "deploy/docker/Dockerfile"
  platforms  = ["linux/amd64", "linux/arm64"]
}

target "willow" {
  inherits = ["_common"]
  target   = "willow"
  tags     = ["${REGISTRY}willow:${TAG}"]
}

target "willow-agent" {
  inherits = ["_common"]
  target   = "willow-agent"
  tags     = ["${REGISTRY}willow-agent:${TAG}"]
}
