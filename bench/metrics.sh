#!/usr/bin/env bash
# Metrics overhead: wrk against GET /v1/agent/self on two dev agents, one recording its request metrics (the default)
# and one with them dropped by telemetry.prefix_filter (consul.api.http and consul.acl). Prints both figures and their
# ratio, as medians of interleaved rounds (on, off, on, off, ...).
# Usage: [WARMUP=20] bench/metrics.sh [duration-seconds] [connections] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-10}"
connections="${2:-64}"
rounds="${3:-3}"
warmup="${WARMUP:-20}"
threads=2
out="$root/bench/out"
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
  echo "==> installing wrk (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

echo "==> building" >&2
(cd "$root" && mvn -q -B -DskipTests package) >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
jvm=(-Xms256m -Xmx512m -XX:+UseParallelGC)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

cat >"$out/metrics-off.json" <<'JSON'
{"telemetry": {"prefix_filter": ["-consul.api.http", "-consul.acl"]}}
JSON

start_agent() { # name port [config-file]
  local extra=()
  [ -n "${3:-}" ] && extra=(-config-file="$3")
  java "${jvm[@]}" -jar "$root/agent/target/attache.jar" agent -dev -node="$1" -log-level=warn \
    -http-port="$2" -serf-lan-port=0 -server-port=0 -serf-wan-port=0 "${extra[@]}" >"$out/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$2/v1/agent/self" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "agent $1 did not start" >&2; exit 1
}
on_port=$(free_port); start_agent bench-on "$on_port"
off_port=$(free_port); start_agent bench-off "$off_port" "$out/metrics-off.json"
# the switch works: the agent with metrics off has not timed the requests above
! curl -fs "http://127.0.0.1:$off_port/v1/agent/metrics" | grep -q '"consul.api.http"' || { echo "metrics-off agent records consul.api.http" >&2; exit 1; }

rps() { wrk -t"$threads" -c"$connections" -d"$1"s --latency "$2" | tee -a "$out/wrk-metrics.txt" | awk '/Requests\/sec/ {print $2}'; }

: >"$out/wrk-metrics.txt"
echo "==> warm-up (${warmup} s each)" >&2
rps "$warmup" "http://127.0.0.1:$on_port/v1/agent/self" >/dev/null
rps "$warmup" "http://127.0.0.1:$off_port/v1/agent/self" >/dev/null

on_all=(); off_all=()
for r in $(seq 1 "$rounds"); do
  a=$(rps "$duration" "http://127.0.0.1:$on_port/v1/agent/self"); on_all+=("$a")
  b=$(rps "$duration" "http://127.0.0.1:$off_port/v1/agent/self"); off_all+=("$b")
  echo "round $r: metrics on $a req/s, metrics off $b req/s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
onm=$(median "${on_all[@]}"); offm=$(median "${off_all[@]}")
ratio=$(awk -v a="$onm" -v b="$offm" 'BEGIN {printf "%.2f", a/b}')
cat <<REPORT
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)
wrk: -t$threads -c$connections -d${duration}s, $rounds rounds, medians, after ${warmup} s warm-up each
GET /v1/agent/self, metrics on:  $onm req/s  (rounds: ${on_all[*]})
GET /v1/agent/self, metrics off: $offm req/s  (rounds: ${off_all[*]})
ratio on/off: $ratio
REPORT
