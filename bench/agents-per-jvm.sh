#!/usr/bin/env bash
# Agents per JVM: bench/AgentsPerJvm.java starts agents one after the other in one JVM (-Xmx4g): one datacenter,
# one server then client agents, all in one LAN pool with fast gossip. At each checkpoint it waits until every
# agent sees all N alive and prints the heap used after a full GC, the heap per extra agent, live threads and RSS.
# Usage: bench/agents-per-jvm.sh [checkpoints, default 1,10,25,50,75,100] [fast|lan, default fast]
# Extra JVM flags: AGENTS_JVM_OPTS (default -Dio.netty.eventLoopThreads=1: one event loop per Netty group, so
# each agent holds a few selectors instead of 2 x cores per group).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
checkpoints="${1:-1,10,25,50,75,100}"
gossip="${2:-fast}"
out="$root/bench/out/agents-per-jvm"
rm -rf "$out"
mkdir -p "$out/data"
[ -f "$root/agent/target/attache.jar" ] || (cd "$root" && mvn -q -B -DskipTests package) >&2
ulimit -n 65536 2>/dev/null || true
ulimit -u unlimited 2>/dev/null || true
cat >"$out/logback.xml" <<XML
<configuration>
  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
    <file>$out/agents.log</file>
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n</pattern></encoder>
  </appender>
  <logger name="io.atomix" level="ERROR"/>
  <logger name="io.netty" level="ERROR"/>
  <root level="WARN"><appender-ref ref="FILE"/></root>
</configuration>
XML
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "one JVM, -Xmx4g ${AGENTS_JVM_OPTS-"-Dio.netty.eventLoopThreads=1"}; 1 server + clients, one LAN pool, $gossip gossip; heap after System.gc()"
# shellcheck disable=SC2086
java -Xmx4g -XX:+UseG1GC ${AGENTS_JVM_OPTS-"-Dio.netty.eventLoopThreads=1"} --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
  -Dlogback.configurationFile="$out/logback.xml" \
  -cp "$root/agent/target/attache.jar" "$root/bench/AgentsPerJvm.java" "$checkpoints" "$gossip" "$out/data"
