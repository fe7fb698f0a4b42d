#!/usr/bin/env bash
# Runs every test: unit tests (Surefire) and integration tests (Failsafe, *IT) against a real Docker engine.
# Starts the private test bed (scripts/engine.sh) unless DOCKER_HOST names an engine that answers, which is reused.
# Fails when no integration test ran, or when one was skipped although the test bed offered what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(scripts/engine.sh start)"

rm -rf ./*/target/failsafe-reports
mvn -B -ntp verify "$@"

its=0 skipped=0
for f in ./*/target/failsafe-reports/TEST-*.xml; do
  [ -e "$f" ] || continue
  t=$(grep -o 'tests="[0-9]*"' "$f" | head -1 | tr -dc 0-9)
  s=$(grep -o 'skipped="[0-9]*"' "$f" | head -1 | tr -dc 0-9)
  its=$((its + ${t:-0})); skipped=$((skipped + ${s:-0}))
done
echo "integration tests against the real engine: $its run, $skipped skipped" >&2
if [ "$its" -eq 0 ]; then
  echo "test.sh: no integration test ran" >&2; exit 1
fi
if [ "$skipped" -gt 0 ] && [ -n "${BERTH_TEST_TLS_HOST:-}" ]; then
  echo "test.sh: $skipped integration tests were skipped although the test bed is complete" >&2; exit 1
fi
