#!/usr/bin/env bash
# Runs every Willow test: unit, integration and system tests (real processes on loopback).
# Installs what the tests need first. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/prerequisites.sh
willow_require_dotnet
willow_require_packages util-linux procps

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

summary() {
  local passed=0 failed=0 skipped=0 file line value
  for file in "$results"/*.trx; do
    [ -f "$file" ] || continue
    line=$(grep -o '<Counters [^>]*>' "$file" | head -n 1)
    value() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
  done
  failed=$((failed + $1))
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
}

echo "== Building (Release) =="
if ! dotnet build Willow.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed; no test ran."
  summary 1
  exit 1
fi

echo "== .NET tests =="
# One test project at a time: the system tests start real processes and measure waits.
status=0
crashed=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"
  code=$?
  if [ $code -ne 0 ]; then
    status=$code
    # A test host that crashed leaves no counters behind; count it rather than lose it.
    grep -q 'failed="[1-9]' "$results/$name.trx" 2>/dev/null || crashed=$((crashed + 1))
  fi
done

summary "$crashed"
exit $status
