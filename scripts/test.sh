#!/usr/bin/env bash
# Runs every test: first the unit lane (Surefire, no engine), then the integration tests (Failsafe, *IT) on each
# engine of the test bed, one after the other: Engine 28 (API 1.51), Engine 20.10 (API 1.41), Engine 28 with the
# containerd image store, and Podman 4.3 (its profile's ITs). Prints one line per engine with its counts and time,
# and every skipped test with its reason.
#
#   bash scripts/test.sh                          # all lanes
#   BERTH_TEST_ENGINES="20.10" bash scripts/test.sh   # the unit lane and the listed engines only
#   BERTH_TEST_ENGINES="" bash scripts/test.sh        # the unit lane only
#
# When DOCKER_HOST names an engine that answers and is not the test bed's own, the ITs run once, on that engine.
# Fails when a lane fails, when no integration test ran, or when a Docker engine of the test bed skipped a test
# (it offers everything the tests need). Reports per lane are kept in target/it-reports/<engine>/.
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINES=${BERTH_TEST_ENGINES-28 20.10 28-containerd podman}
REPORTS=target/it-reports
# Lanes write their results here, so a lane run in a subshell (Podman's) counts too.
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
: >"$REPORTS/lanes.txt"

log() { echo "test.sh: $*" >&2; }
fail() { log "$*"; echo "$*" >>"$REPORTS/failures.txt"; }

# Sums tests=, skipped=, failures= and errors= over the reports in $1 and prints "run skipped failed"; lists the
# skipped tests with their reasons on stderr.
count() {
  local dir=$1 t s f e its=0 skipped=0 failures=0 x
  for x in "$dir"/TEST-*.xml; do
    [ -e "$x" ] || continue
    t=$(grep -o 'tests="[0-9]*"' "$x" | head -1 | tr -dc 0-9)
    s=$(grep -o 'skipped="[0-9]*"' "$x" | head -1 | tr -dc 0-9)
    f=$(grep -o 'failures="[0-9]*"' "$x" | head -1 | tr -dc 0-9)
    e=$(grep -o 'errors="[0-9]*"' "$x" | head -1 | tr -dc 0-9)
    its=$((its + ${t:-0})); skipped=$((skipped + ${s:-0})); failures=$((failures + ${f:-0} + ${e:-0}))
    if [ "${s:-0}" -gt 0 ]; then
      awk '/<testcase /{match($0, /name="[^"]*"/); n=substr($0, RSTART+6, RLENGTH-7)}
           /<skipped/{m=""; if (match($0, /message="[^"]*"/)) m=substr($0, RSTART+9, RLENGTH-10);
                      print "  skipped: " n ": " m}' "$x" >&2
    fi
  done
  echo "$its $skipped $failures"
}

# Runs the ITs of one lane on the engine the environment names; $1 = lane name, the rest = Maven arguments.
lane() {
  local name=$1 t0=$SECONDS rc=0 its skipped failures ver
  shift
  rm -rf ./*/target/failsafe-reports
  log "integration tests on $name"
  mvn -B -ntp verify -DskipUnitTests "$@" || rc=$?
  mkdir -p "$REPORTS/$name"
  cp ./*/target/failsafe-reports/TEST-*.xml "$REPORTS/$name/" 2>/dev/null || true
  read -r its skipped failures < <(count "$REPORTS/$name")
  ver=$(curl -s -m 5 --unix-socket "${DOCKER_HOST#unix://}" http://localhost/version 2>/dev/null |
    sed -n 's/.*"ApiVersion":"\([0-9.]*\)".*/API \1/p' || true)
  printf '%-14s %-9s %4d run, %2d skipped, %2d failed, %4d s\n' "$name" "${ver:-}" "$its" "$skipped" \
    "$failures" $((SECONDS - t0)) >>"$REPORTS/lanes.txt"
  echo "$its" >>"$REPORTS/its.txt"
  if [ "$rc" -ne 0 ] || [ "$failures" -gt 0 ]; then
    fail "$name: the integration tests failed"
    # the daemon's side of a failure (our dockerd only): its errors during this lane
    if [ -n "${BERTH_ENGINE_DIR:-}" ] && [ -f "$BERTH_ENGINE_DIR/dockerd.log" ]; then
      log "dockerd errors (level=error) during $name, last 30:"
      grep 'level=error' "$BERTH_ENGINE_DIR/dockerd.log" | tail -30 >&2 || true
    fi
  fi
  if [ "$its" -eq 0 ]; then fail "$name: no integration test ran"; fi
  if [ "$skipped" -gt 0 ] && [ -n "${BERTH_TEST_TLS_HOST:-}" ]; then
    fail "$name: $skipped integration tests were skipped although the test bed is complete"
  fi
  return 0
}

# True when DOCKER_HOST is unset, names the test bed's engine, or does not answer: then the test bed runs its own.
own_engine() {
  [ -z "${DOCKER_HOST:-}" ] && return 0
  local own; own=$(scripts/engine.sh env 2>/dev/null | sed -n 's/^export DOCKER_HOST=//p')
  [ "$DOCKER_HOST" = "$own" ] && return 0
  ! timeout 20 docker -H "$DOCKER_HOST" version >/dev/null 2>&1
}

# ---- unit lane: no engine
t0=$SECONDS
log "unit tests (no engine)"
rc=0
env -u DOCKER_HOST -u DOCKER_CONTEXT mvn -B -ntp verify -DskipITs || rc=$?
printf '%-14s %-9s %4s %4d s\n' unit "" "$([ $rc = 0 ] && echo ok || echo FAIL)" $((SECONDS - t0)) >>"$REPORTS/lanes.txt"
[ $rc = 0 ] || fail "unit: the unit tests failed"

# ---- engine lanes
if [ ! -s "$REPORTS/failures.txt" ]; then
  if ! own_engine; then
    envs=$(scripts/engine.sh start)   # the user's engine: only the registry and image are added
    eval "$envs"
    lane external
  else
    for engine in $ENGINES; do
      case $engine in
        podman)
          # in a subshell: Podman's environment must not outlive its lane
          ( envs=$(scripts/podman.sh start) && eval "$envs" && lane podman -Ppodman ) || fail "podman: start or run failed"
          scripts/podman.sh stop || true
          ;;
        20.10 | 28 | 28-containerd)
          unset DOCKER_HOST
          if envs=$(BERTH_ENGINE=$engine scripts/engine.sh start); then eval "$envs"; lane "$engine"
          else fail "$engine: the engine did not start"; fi
          ;;
        *) fail "unknown engine '$engine' in BERTH_TEST_ENGINES" ;;
      esac
    done
  fi
fi

echo "---- Berth test lanes, $SECONDS s in all" >&2
cat "$REPORTS/lanes.txt" >&2
if [ -n "$ENGINES" ] && [ "$(awk '{s+=$1} END {print s+0}' "$REPORTS/its.txt" 2>/dev/null || echo 0)" -eq 0 ]; then
  fail "no integration test ran"
fi
if [ -s "$REPORTS/failures.txt" ]; then
  echo "---- failed:" >&2; cat "$REPORTS/failures.txt" >&2; exit 1
fi
