#!/usr/bin/env bash
# Membership benchmark: HashiCorp Serf, Attaché agent processes and Attaché agents in one JVM, same probe timing,
# in one run.
# Usage: bench/membership.sh [sizes, default 10,30]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v serf >/dev/null; then
  echo "==> installing serf (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq serf >/dev/null; else sudo apt-get install -y -qq serf >/dev/null; fi
fi
[ -f "$root/agent/target/attache.jar" ] || (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests package)
exec python3 "$root/bench/membership.py" --sizes "${1:-10,30}"
