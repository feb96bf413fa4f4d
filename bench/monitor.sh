#!/usr/bin/env bash
# Monitor benchmark: one dev agent (jar process, logging at info) with 100 concurrent
# GET /v1/agent/monitor?loglevel=debug subscribers. The known log volume: requests to GET /v1/agent/version at a
# fixed rate, each logged by the dispatcher as one debug line, which only the debug subscribers see.
# Prints lines/s delivered per subscriber, delivery latency p50/p99 (receive time minus the line's own millisecond
# timestamp), dropped lines (queued lines never delivered), and the agent's RSS and heap without and with the
# subscribers.
# Usage: bench/monitor.sh [rate-requests-per-second, default 500] [seconds, default 10] [subscribers, default 100]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rate="${1:-500}"; seconds="${2:-10}"; subs="${3:-100}"
out="$root/bench/out/monitor"
mkdir -p "$out"
[ -f "$root/agent/target/attache.jar" ] || (cd "$root" && mvn -q -B -pl agent -am -DskipTests package) >&2
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
rm -rf "$out/data"
java -Xms64m -Xmx256m -XX:+UseSerialGC -jar "$root/agent/target/attache.jar" agent -dev -node=bench \
  -client=127.0.0.1 -http-port="$port" -data-dir="$out/data" -log-level=info >"$out/agent.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/v1/agent/version" >/dev/null 2>&1 && break; sleep 0.2; done

memory() { # RSS (MiB) and heap used after a full GC (MiB)
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/generation +total/ {for(i=1;i<=NF;i++) if($i=="used") {v=$(i+1); sub("K,?","",v); s+=v}} END {printf "%.1f", s/1024}')
  echo "rss_mib=$rss heap_used_mib=${heap:-?}"
}

echo "==> $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); rate $rate lines/s for ${seconds}s; $subs subscribers" >&2
echo "without subscribers (after the same load): $(python3 "$root/bench/monitor_load.py" "$port" "$rate" "$seconds" 0 >/dev/null; memory)"
python3 "$root/bench/monitor_load.py" "$port" "$rate" "$seconds" "$subs" "$pid" &
load=$!
sleep $((seconds / 2 + 1))
echo "with $subs subscribers (mid-run): $(memory)"
wait $load
echo "agent log: $(grep -c "Dropped logs during monitor request" "$out/agent.log" || true) subscribers reported dropped lines; $(grep -o "dropped_count=[0-9]*" "$out/agent.log" | awk -F= "{s+=\$2} END {print s+0}") lines dropped in all"
