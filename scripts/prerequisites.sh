#!/usr/bin/env bash
# Installs the Debian packages Willow's commands need, when they are missing. Sourced by the other scripts.
# Uses sudo when not root; does nothing when everything is there already.

willow_require_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  echo "Installing ${missing[*]} (Debian packages Willow needs) …"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}

willow_require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is needed: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 2
  fi
}
