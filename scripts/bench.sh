#!/usr/bin/env bash
# Benchmarks, in one JVM run each, against the engine DOCKER_HOST names (else the test bed's):
#   scripts/bench.sh latency [warmup] [measured] [rounds]   Berth vs a raw JDK socket vs docker-java 3.7.1
#   scripts/bench.sh stream [MiB] [rounds]                  exec stdout throughput, Berth vs a raw socket, -Xmx64m
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DOCKER_HOST:-}" ]; then eval "$(scripts/engine.sh start)"; fi
what=${1:-latency}; shift || true
mvn -B -q -ntp -Pbench install -DskipTests
mvn -B -q -ntp -Pbench -pl benchmarks dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile=target/bench.classpath
cp="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
case $what in
  latency) exec java -cp "$cp" dev.berth.bench.LatencyBenchmark "$@" ;;
  stream) exec java -Xmx64m -cp "$cp" dev.berth.bench.StreamBenchmark "$@" ;;
  *) echo "usage: scripts/bench.sh latency|stream [args]" >&2; exit 2 ;;
esac
