#!/usr/bin/env bash
# Publishes 'willow' as one self-contained, trimmed, compressed file for a runtime (default linux-arm64, every
# Pi from the Zero 2 W up on 64-bit Raspberry Pi OS), with the dashboard beside it for a hub:
#   scripts/publish.sh                      → artifacts/publish/linux-arm64/willow (+ wwwroot/)
#   scripts/publish.sh linux-x64            → artifacts/publish/linux-x64/willow
#   scripts/publish.sh linux-arm64 DIR      → DIR/willow
# The settings live in src/Willow.Cli/Willow.Cli.csproj, so 'dotnet publish src/Willow.Cli -r RID' does the same.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/prerequisites.sh
willow_require_dotnet

rid="${1:-linux-arm64}"
case "$rid" in
  linux-arm64 | linux-x64) ;;
  *) echo "usage: scripts/publish.sh [linux-arm64|linux-x64] [OUTPUT-DIRECTORY]" >&2; exit 2 ;;
esac
out="${2:-$root/artifacts/publish/$rid}"

# The hub serves the dashboard from wwwroot/ beside the file; agents and gateways do not need it.
if command -v node >/dev/null 2>&1; then
  willow_require_node
  willow_build_dashboard "$root"
elif [ ! -f web/dist/index.html ]; then
  echo "Node.js is not installed: publishing without the dashboard (a hub from this file serves its API and /docs only)." >&2
fi

# A fresh directory, so that nothing from an earlier publish is mistaken for part of this one.
rm -rf "$out"
mkdir -p "$out"
started=$(date +%s)
dotnet publish src/Willow.Cli/Willow.Cli.csproj -c Release -r "$rid" -o "$out" -nologo -v quiet -clp:ErrorsOnly
elapsed=$(( $(date +%s) - started ))

file="$out/willow"
size=$(stat -c %s "$file")
echo "Published $file for $rid: $(awk -v b="$size" 'BEGIN { printf "%.1f MiB", b / 1048576 }') in ${elapsed} s."
if [ -d "$out/wwwroot" ]; then
  echo "The dashboard is in $out/wwwroot (for a hub: copy it to /usr/local/share/willow/wwwroot, see deploy/systemd/)."
fi
