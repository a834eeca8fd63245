#!/usr/bin/env bash
# Runs every Willow test: unit, integration and system tests (real processes on loopback).
# Installs what the tests need first. Ends with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/prerequisites.sh
willow_require_dotnet
willow_require_node
# Chromium for the dashboard's browser tests (driven by Playwright through /usr/bin/chromium); Redis for
# the Redis store, the multi-node tests and redis-benchmark; ffmpeg (the camera), espeak-ng and alsa-utils
# (the speaker: speech, aplay, amixer) for the agents' drivers, used for real; qemu's user-mode emulator and
# Debian's arm64 C/C++ libraries to run the Pi's arm64 file here; systemd for 'systemd-analyze verify' of the units;
# mosquitto, the MQTT broker Home Assistant listens on; docker-compose (no engine) to check deploy/'s compose files.
willow_require_packages util-linux procps chromium redis-server redis-tools ffmpeg espeak-ng alsa-utils \
  qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross systemd mosquitto docker-compose
# Caddy validates deploy/caddy/Caddyfile ('caddy adapt --validate'). Debian's package also starts a web server on
# port 80 as a service where systemd runs; the tests need only the program, so a fresh install's service is stopped.
if ! dpkg-query -W -f='${Status}' caddy 2>/dev/null | grep -q "install ok installed"; then
  willow_require_packages caddy
  if [ -d /run/systemd/system ]; then
    $([ "$(id -u)" -ne 0 ] && echo sudo) systemctl disable --now caddy.service >/dev/null 2>&1 || true
  fi
fi

# One Redis on loopback for the whole run (tests share it under key prefixes of their own), stopped by its
# PID when the run ends. Tests that crash and restart Redis start private ones.
redis_dir=$(mktemp -d)
redis_port=$(willow_free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --save "" --appendonly no --daemonize no --logfile "$redis_dir/redis.log" &
redis_pid=$!
# One MQTT broker on loopback for the run, the same way (tests keep apart by household; those that kill the
# broker start private ones).
mqtt_dir=$(mktemp -d)
mqtt_port=$(willow_free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mqtt_port" > "$mqtt_dir/mosquitto.conf"
mosquitto -c "$mqtt_dir/mosquitto.conf" >"$mqtt_dir/mosquitto.log" 2>&1 &
mqtt_pid=$!
trap 'kill "$redis_pid" "$mqtt_pid" 2>/dev/null; wait "$redis_pid" "$mqtt_pid" 2>/dev/null; rm -rf "$redis_dir" "$mqtt_dir"' EXIT
for _ in $(seq 1 100); do
  redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
export WILLOW_TEST_REDIS="127.0.0.1:$redis_port"
echo "Redis for the tests: $WILLOW_TEST_REDIS (pid $redis_pid)"
for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$mqtt_port") 2>/dev/null && break
  sleep 0.1
done
export WILLOW_TEST_MQTT="127.0.0.1:$mqtt_port"
echo "MQTT broker for the tests: $WILLOW_TEST_MQTT (pid $mqtt_pid)"

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
    # A skipped test is counted in "total" but not in "executed" (its result says NotExecuted, the counter stays 0).
    skipped=$((skipped + $(value total) - $(value executed)))
  done
  # The dashboard's Vitest run (JUnit XML).
  for file in "$results"/*.junit.xml; do
    [ -f "$file" ] || continue
    line=$(grep -o '<testsuites [^>]*>' "$file" | head -n 1)
    value() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    local tests failures errors skips
    tests=$(value tests); failures=$(value failures); errors=$(value errors)
    # The <testsuites> line has no skipped count; each <testsuite> has one.
    skips=$(grep -o '<testsuite [^>]*>' "$file" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
    passed=$((passed + ${tests:-0} - ${failures:-0} - ${errors:-0} - ${skips:-0}))
    failed=$((failed + ${failures:-0} + ${errors:-0}))
    skipped=$((skipped + ${skips:-0}))
  done
  failed=$((failed + $1))
  if [ "$skipped" -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
  else
    echo "$passed passed, $failed failed"
  fi
}

echo "== Dashboard (web/) =="
if ! willow_build_dashboard "$root"; then
  echo "The dashboard's build failed; no test ran."
  summary 1
  exit 1
fi
(cd web && npx vitest run --reporter=default --reporter=junit --outputFile.junit="$results/web.junit.xml")
web_status=$?

echo "== Building (Release) =="
if ! dotnet build Willow.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "The build failed; no test ran."
  summary 1
  exit 1
fi

echo "== .NET tests =="
# One test project at a time: the system tests start real processes and measure waits.
status=$web_status
crashed=0
# Vitest that died before writing its report counts as one failure rather than none.
[ -f "$results/web.junit.xml" ] || crashed=1
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

echo "== The hub's tests again, on Redis =="
WILLOW_TEST_STORAGE=redis dotnet test tests/Willow.Hub.Tests/Willow.Hub.Tests.csproj -c Release --no-build -nologo \
  --logger "trx;LogFileName=Willow.Hub.Tests.on-redis.trx" --logger "console;verbosity=minimal" --results-directory "$results"
code=$?
if [ $code -ne 0 ]; then
  status=$code
  grep -q 'failed="[1-9]' "$results/Willow.Hub.Tests.on-redis.trx" 2>/dev/null || crashed=$((crashed + 1))
fi

summary "$crashed"
exit $status
