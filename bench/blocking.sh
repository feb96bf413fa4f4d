#!/usr/bin/env bash
# Blocking-query wake-up latency: a dev agent with ACLs on (a process), and bench/BlockingWake.java with 1 and
# with 1,000 blocked readers of GET /v1/acl/token/self. Prints p50 / p99 from the create's acknowledgement to each
# reader's answer.
# Usage: bench/blocking.sh [rounds with 1 reader, default 50] [rounds with 1000 readers, default 10]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds1="${1:-50}"
rounds1000="${2:-10}"
out="$root/bench/out/blocking"
mkdir -p "$out"
mgmt="8e9f0a1b-2c3d-4e5f-8a6b-7c8d9e0f1a2b"
[ -f "$root/agent/target/attache.jar" ] || (cd "$root" && mvn -q -B -DskipTests package) >&2
ulimit -n 65536 2>/dev/null || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port=$(free_port)
cat >"$out/acl.json" <<JSON
{"acl": {"enabled": true, "default_policy": "deny", "tokens": {"initial_management": "$mgmt"}}}
JSON
java -Xms256m -Xmx512m -XX:+UseParallelGC -jar "$root/agent/target/attache.jar" agent -dev -node=blocking \
  -http-port="$port" -serf-lan-port=0 -server-port=0 -serf-wan-port=0 -config-file="$out/acl.json" \
  -log-level=warn >"$out/agent.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs -H "X-Consul-Token: $mgmt" "http://127.0.0.1:$port/v1/acl/token/self" >/dev/null 2>&1 && break; sleep 0.2
done
echo "==> warm-up" >&2
# the JIT compiles the wake-up path during the first thousand-reader rounds: warm it before measuring
java "$root/bench/BlockingWake.java" "http://127.0.0.1:$port" "$mgmt" 1000 15 >/dev/null
java "$root/bench/BlockingWake.java" "http://127.0.0.1:$port" "$mgmt" 1 50 >/dev/null
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "dev agent (one Raft voter), ACLs on; readers block on GET /v1/acl/token/self?index=...&wait=2m"
java "$root/bench/BlockingWake.java" "http://127.0.0.1:$port" "$mgmt" 1 "$rounds1"
java "$root/bench/BlockingWake.java" "http://127.0.0.1:$port" "$mgmt" 1000 "$rounds1000"
