#!/usr/bin/env bash
# Runs the quickstart example (examples/.../Quickstart.java) against a real Docker engine: the one DOCKER_HOST
# names, else /var/run/docker.sock when a daemon answers there, else a private engine started by scripts/engine.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

answers() { curl -sf --max-time 3 --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1; }

if [ -n "${DOCKER_HOST:-}" ]; then
  echo "example.sh: using DOCKER_HOST=$DOCKER_HOST" >&2
elif [ -S /var/run/docker.sock ] && answers /var/run/docker.sock; then
  echo "example.sh: using the daemon at /var/run/docker.sock" >&2
else
  echo "example.sh: no daemon reachable; starting a private one (scripts/engine.sh)" >&2
  eval "$(scripts/engine.sh start)"
fi

mvn -B -q -ntp install -DskipTests
exec mvn -B -q -ntp -pl examples exec:java
