#!/usr/bin/env bash
# ACL replication lag between two datacenters: dc1 (primary) and dc2, each of N server processes (default 3), ACLs
# on, token replication on in dc2. bench/ReplicationLag.java creates 1,000 global tokens in dc1 (through one dc1
# server, C at a time) while it watches dc2 with a blocking token list; it prints p50 / p99 / max of the time from
# each create's acknowledgement in dc1 until the token is listed in dc2.
# Usage: bench/replication-lag.sh [tokens, default 1000] [concurrent creates, default 4] [servers per dc, default 3]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tokens="${1:-1000}"
concurrency="${2:-4}"
servers="${3:-3}"
out="$root/bench/out/replication"
rm -rf "$out"
mkdir -p "$out"
mgmt="5d0c3b2a-1f4e-4a6b-9c8d-7e6f5a4b3c2d"
[ -f "$root/agent/target/attache.jar" ] || (cd "$root" && mvn -q -B -DskipTests package) >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
declare -a pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

# ports: HTTP, LAN, WAN and server port of every server, chosen up front so that retry-join can name them
declare -A http lan wan
for dc in dc1 dc2; do
  for i in $(seq 1 "$servers"); do
    n="$dc-s$i"; http[$n]=$(free_port); lan[$n]=$(free_port); wan[$n]=$(free_port)
  done
done
cat >"$out/dc1.json" <<JSON
{"primary_datacenter": "dc1", "acl": {"enabled": true, "default_policy": "deny",
 "tokens": {"initial_management": "$mgmt"}}}
JSON
cat >"$out/dc2.json" <<JSON
{"primary_datacenter": "dc1", "acl": {"enabled": true, "default_policy": "deny", "enable_token_replication": true,
 "tokens": {"replication": "$mgmt"}}}
JSON
for dc in dc1 dc2; do
  for i in $(seq 1 "$servers"); do
    n="$dc-s$i"
    java -Xms128m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$root/agent/target/attache.jar" agent \
      -server -bootstrap-expect="$servers" -node="$n" -datacenter="$dc" -bind=127.0.0.1 -client=127.0.0.1 \
      -http-port="${http[$n]}" -serf-lan-port="${lan[$n]}" -serf-wan-port="${wan[$n]}" -server-port=0 \
      -data-dir="$out/$n" -config-file="$out/$dc.json" -retry-join="127.0.0.1:${lan[$dc-s1]}" \
      -retry-join-wan="127.0.0.1:${wan[dc1-s1]}" -log-level=warn >"$out/$n.log" 2>&1 &
    pids+=($!)
  done
done
echo "==> waiting for both datacenters (dc2 knows the management token once replication runs)" >&2
for _ in $(seq 1 900); do
  curl -fs -H "X-Consul-Token: $mgmt" "http://127.0.0.1:${http[dc2-s1]}/v1/acl/token/self" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "dc1 (primary) and dc2: $servers server processes each, on loopback; creates through dc1-s1, watched on dc2-s2"
java "$root/bench/ReplicationLag.java" "http://127.0.0.1:${http[dc1-s1]}" "http://127.0.0.1:${http[dc2-s2]}" \
  "$mgmt" "$tokens" "$concurrency"
