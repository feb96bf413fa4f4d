#!/usr/bin/env bash
# HTTP front-end benchmark: wrk against GET /v1/agent/self on a dev agent, and against a bare Netty server
# with the same bootstrap and pipeline that answers a fixed body of the same size. Prints both figures and
# their ratio, as medians of interleaved rounds (bare, agent, bare, agent, ...).
# Usage: [WARMUP=30] bench/http.sh [duration-seconds] [connections] [rounds]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
duration="${1:-15}"
connections="${2:-64}"
rounds="${3:-5}"
warmup="${WARMUP:-30}"
threads=2
out="$root/bench/out"
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
  echo "==> installing wrk (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

echo "==> building" >&2
(cd "$root" && mvn -q -B -DskipTests package && mvn -q -B -pl api -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$out/api.classpath" -Dmdep.includeScope=test) >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
jvm=(-Xms256m -Xmx512m -XX:+UseParallelGC)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

agent_port=$(free_port)
java "${jvm[@]}" -jar "$root/agent/target/attache.jar" agent -dev -node=bench -log-level=warn \
  -http-port="$agent_port" -serf-lan-port=0 -server-port=0 -serf-wan-port=0 >"$out/agent.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$agent_port/v1/agent/self" >/dev/null 2>&1 && break; sleep 0.2; done
size=$(curl -fs "http://127.0.0.1:$agent_port/v1/agent/self" | wc -c)

bare_port=$(free_port)
java "${jvm[@]}" --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
  -cp "$root/api/target/test-classes:$root/api/target/classes:$(cat "$out/api.classpath")" \
  dev.attache.api.BareHttpServer "$bare_port" "$size" >"$out/bare.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$bare_port/" >/dev/null 2>&1 && break; sleep 0.2; done

rps() { wrk -t"$threads" -c"$connections" -d"$1"s --latency "$2" | tee -a "$out/wrk.txt" | awk '/Requests\/sec/ {print $2}'; }

: >"$out/wrk.txt"
# The JIT needs about 30 s of load on two cores before the agent's figures settle.
echo "==> warm-up (${warmup} s each)" >&2
rps "$warmup" "http://127.0.0.1:$agent_port/v1/agent/self" >/dev/null
rps "$warmup" "http://127.0.0.1:$bare_port/" >/dev/null

agent_best=0; bare_best=0; agent_all=(); bare_all=()
for r in $(seq 1 "$rounds"); do
  b=$(rps "$duration" "http://127.0.0.1:$bare_port/"); bare_all+=("$b")
  a=$(rps "$duration" "http://127.0.0.1:$agent_port/v1/agent/self"); agent_all+=("$a")
  echo "round $r: bare $b req/s, agent $a req/s" >&2
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
am=$(median "${agent_all[@]}"); bm=$(median "${bare_all[@]}")
ratio=$(awk -v a="$am" -v b="$bm" 'BEGIN {printf "%.2f", a/b}')
cat <<REPORT
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)
wrk: -t$threads -c$connections -d${duration}s, $rounds rounds, medians; body $size bytes
bare Netty server (same pipeline, fixed body): $bm req/s  (rounds: ${bare_all[*]})
agent GET /v1/agent/self:                     $am req/s  (rounds: ${agent_all[*]})
ratio agent/bare: $ratio (target >= 0.80)
REPORT
