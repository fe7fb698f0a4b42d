#!/usr/bin/env bash
# Benchmarks, in one JVM run each, against the engine DOCKER_HOST names (else the test bed's):
#   scripts/bench.sh latency [warmup] [measured] [rounds]   Berth vs a raw JDK socket vs docker-java 3.7.1
#   scripts/bench.sh stream [MiB] [rounds]                  exec stdout throughput, Berth vs a raw socket, -Xmx64m
#   scripts/bench.sh build [MB] [files] [rounds]            build context upload: Berth vs docker CLI vs docker-java
#   scripts/bench.sh archive [MiB]                          save and load of a large image at -Xmx64m
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
  build) DOCKER_BUILDKIT=0 exec java -cp "$cp" dev.berth.bench.BuildContextBenchmark "$@" ;;
  archive) exec java -Xmx64m -cp "$cp" dev.berth.bench.ArchiveBenchmark "$@" ;;
  *) echo "usage: scripts/bench.sh latency|stream|build|archive [args]" >&2; exit 2 ;;
esac
