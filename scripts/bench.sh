#!/usr/bin/env bash
# Latency benchmark: Berth next to a raw JDK-socket baseline and docker-java 3.7.1, in one run, over the Unix socket.
# Uses the engine DOCKER_HOST names, else the test bed's. Arguments: [warmup] [measured] [rounds].
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DOCKER_HOST:-}" ]; then eval "$(scripts/engine.sh start)"; fi
mvn -B -q -ntp -Pbench install -DskipTests
exec mvn -B -q -ntp -Pbench -pl benchmarks exec:java -Dexec.args="$*"
