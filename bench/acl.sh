#!/usr/bin/env bash
# ACL benchmark. Three server agents (processes on loopback, ACLs on, default deny) and wrk:
#   - token creates (PUT /v1/acl/token) through the leader and through a follower, 1 and 64 connections:
#     requests/s and latency p50/p99 (every create is a Raft commit on three servers);
#   - token reads (GET /v1/acl/token/<id>) with 64 connections;
#   - GET /v1/agent/self on two dev agents side by side, ACLs disabled and enabled (a token with agent:read).
# Usage: bench/acl.sh [duration-seconds, default 10]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-10}"
out="$root/bench/out/acl"
mkdir -p "$out"
mgmt="5d6c1a2b-3e4f-4a5b-8c7d-9e0f1a2b3c4d"

if ! command -v wrk >/dev/null; then
  echo "==> installing wrk (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
[ -f "$root/agent/target/attache.jar" ] || (cd "$root" && mvn -q -B -DskipTests package) >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
jvm=(-Xms128m -Xmx384m -XX:+UseParallelGC)

cat >"$out/acl.json" <<JSON
{"acl": {"enabled": true, "default_policy": "deny", "tokens": {"initial_management": "$mgmt"}}}
JSON

# ---- three servers ----
declare -a http lan
for i in 1 2 3; do http[$i]=$(free_port); lan[$i]=$(free_port); done
for i in 1 2 3; do
  rm -rf "$out/data-s$i"
  java "${jvm[@]}" -jar "$root/agent/target/attache.jar" agent -server -bootstrap-expect=3 -node="s$i" \
    -bind=127.0.0.1 -client=127.0.0.1 -http-port="${http[$i]}" -serf-lan-port="${lan[$i]}" -serf-wan-port=0 \
    -server-port=0 -data-dir="$out/data-s$i" -retry-join="127.0.0.1:${lan[1]}" -config-file="$out/acl.json" \
    -log-level=warn >"$out/s$i.log" 2>&1 &
  pids+=($!)
done
url() { echo "http://127.0.0.1:${http[$1]}"; }
echo "==> waiting for the three servers to elect a leader and initialize ACLs" >&2
for i in 1 2 3; do
  for _ in $(seq 1 600); do
    curl -fs -H "X-Consul-Token: $mgmt" "$(url "$i")/v1/acl/token/self" >/dev/null 2>&1 && break; sleep 0.2
  done
done
leader=""; follower=""
for i in 1 2 3; do
  state=$(curl -fs -H "X-Consul-Token: $mgmt" "$(url "$i")/v1/agent/self" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Stats"]["raft"]["state"])')
  if [ "$state" = Leader ]; then leader=$i; elif [ -z "$follower" ]; then follower=$i; fi
done
[ -n "$leader" ] && [ -n "$follower" ] || { echo "no leader among the servers" >&2; exit 1; }

cat >"$out/create.lua" <<LUA
wrk.method = "PUT"
wrk.body = '{"Description":"bench"}'
wrk.headers["X-Consul-Token"] = "$mgmt"
LUA
cat >"$out/read.lua" <<LUA
wrk.headers["X-Consul-Token"] = "$mgmt"
LUA

# wrk's summary → "req/s p50 p99 non2xx"
run() { # connections url script
  local c="$1" u="$2" s="$3" threads=2
  [ "$c" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$c" -d"${duration}s" --latency -s "$s" "$u" | tee -a "$out/wrk.txt" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    /Non-2xx/ {bad=$5}
    END {if (bad=="") bad=0; printf "%s %s %s %s\n", rps, p50, p99, bad}'
}
: >"$out/wrk.txt"
echo "==> warm-up" >&2
run 16 "$(url "$leader")/v1/acl/token" "$out/create.lua" >/dev/null

results=()
for target in leader follower; do
  n=$leader; [ "$target" = follower ] && n=$follower
  for c in 1 64; do
    read -r rps p50 p99 bad < <(run "$c" "$(url "$n")/v1/acl/token" "$out/create.lua")
    results+=("$(printf '%-34s %5s %10s %9s %9s %6s' "token create via $target" "$c" "$rps" "$p50" "$p99" "$bad")")
  done
done
accessor=$(curl -fs -X PUT -H "X-Consul-Token: $mgmt" -d '{"Description":"read target"}' "$(url "$follower")/v1/acl/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessorID"])')
for n in "$leader" "$follower"; do
  role=leader; [ "$n" = "$follower" ] && role=follower
  read -r rps p50 p99 bad < <(run 64 "$(url "$n")/v1/acl/token/$accessor" "$out/read.lua")
  results+=("$(printf '%-34s %5s %10s %9s %9s %6s' "token read via $role" 64 "$rps" "$p50" "$p99" "$bad")")
done
tokens=$(curl -fs -H "X-Consul-Token: $mgmt" "$(url "$leader")/v1/acl/tokens" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
cleanup; pids=()

# ---- GET /v1/agent/self, ACLs off vs on ----
off=$(free_port); on=$(free_port)
java "${jvm[@]}" -jar "$root/agent/target/attache.jar" agent -dev -node=acl-off -http-port="$off" -serf-lan-port=0 \
  -server-port=0 -serf-wan-port=0 -log-level=warn >"$out/off.log" 2>&1 &
pids+=($!)
java "${jvm[@]}" -jar "$root/agent/target/attache.jar" agent -dev -node=acl-on -http-port="$on" -serf-lan-port=0 \
  -server-port=0 -serf-wan-port=0 -config-file="$out/acl.json" -log-level=warn >"$out/on.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$off/v1/agent/self" >/dev/null 2>&1 && break; sleep 0.2; done
for _ in $(seq 1 600); do curl -fs -H "X-Consul-Token: $mgmt" "http://127.0.0.1:$on/v1/acl/token/self" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs -X PUT -H "X-Consul-Token: $mgmt" "http://127.0.0.1:$on/v1/acl/policy" \
  -d '{"Name":"agent-read","Rules":"agent_prefix \"\" { policy = \"read\" }"}' >/dev/null
reader=$(curl -fs -X PUT -H "X-Consul-Token: $mgmt" "http://127.0.0.1:$on/v1/acl/token" \
  -d '{"Description":"bench reader","Policies":[{"Name":"agent-read"}]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["SecretID"])')
printf 'wrk.headers["X-Consul-Token"] = "%s"\n' "$reader" >"$out/self.lua"
: >"$out/none.lua"
echo "==> warm-up (30 s each)" >&2
duration_saved=$duration; duration=30
run 64 "http://127.0.0.1:$off/v1/agent/self" "$out/none.lua" >/dev/null
run 64 "http://127.0.0.1:$on/v1/agent/self" "$out/self.lua" >/dev/null
duration=$duration_saved
offs=(); ons=()
for r in 1 2 3; do
  read -r a _ _ _ < <(run 64 "http://127.0.0.1:$off/v1/agent/self" "$out/none.lua"); offs+=("$a")
  read -r b _ _ bad < <(run 64 "http://127.0.0.1:$on/v1/agent/self" "$out/self.lua"); ons+=("$b")
  [ "$bad" = 0 ] || { echo "ACL agent answered $bad non-2xx responses" >&2; exit 1; }
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mo=$(median "${offs[@]}"); mn=$(median "${ons[@]}")

cat <<REPORT
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)
three servers (processes, -Xmx384m), ACLs on; wrk ${duration}s per line; $tokens tokens in the state at the end
what                               conns      req/s       p50       p99 non2xx
$(printf '%s\n' "${results[@]}")
GET /v1/agent/self, 64 conns, medians of 3 rounds of ${duration}s after a 30 s warm-up:
  ACLs disabled: $mo req/s (rounds: ${offs[*]})
  ACLs enabled (token with agent:read): $mn req/s (rounds: ${ons[*]})
  ratio enabled/disabled: $(awk -v a="$mn" -v b="$mo" 'BEGIN {printf "%.2f", a/b}')
REPORT
