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

# Node 20.19 or later and npm build the dashboard (Vite 7). Debian 12's own nodejs is 18: too old.
willow_require_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Node.js 20.19 or later with npm is needed to build the dashboard: https://nodejs.org/en/download (or NodeSource's Debian packages)" >&2
    exit 2
  fi
  local version
  version=$(node -p 'process.versions.node')
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Node.js $version is too old for the dashboard's build: 20.19 or later is needed." >&2
    exit 2
  fi
}

# Builds the dashboard into web/dist when its sources changed (npm ci when package-lock.json did).
willow_build_dashboard() {
  local web="$1/web"
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "Installing the dashboard's packages (npm ci) …"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  if [ ! -f "$web/dist/index.html" ] || [ -n "$(find "$web/src" "$web/public" "$web/index.html" "$web/package-lock.json" "$web/vite.config.ts" -newer "$web/dist/index.html" -print -quit)" ]; then
    echo "Building the dashboard …"
    (cd "$web" && npm run build --silent >/dev/null) || { (cd "$web" && npm run build); return 1; }
  fi
}

# A loopback TCP port nobody listens on (bash only: a fresh machine may have no python).
willow_free_port() {
  local port
  while true; do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
}
