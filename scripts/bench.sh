#!/usr/bin/env bash
# Benchmarks against the engine DOCKER_HOST names (else the test bed's), each in a fresh JVM:
#   scripts/bench.sh report [runs]                  every benchmark `runs` times (default 3), medians into
#                                                   docs/benchmarks.md; BENCH_RUNS_<NAME>=n (e.g. BENCH_RUNS_BUILD=2)
#                                                   runs one benchmark fewer times, and the report says so
#   BENCH_ENGINES="28 20.10" scripts/bench.sh report [runs]   the same on each test-bed engine in turn (DOCKER_HOST
#                                                   unset: `BERTH_ENGINE=<e> scripts/engine.sh start`, which stops the
#                                                   one running and leaves the last one started), RESULT lines kept
#                                                   apart in benchmarks/target/bench-report/<e>/results.tsv; one
#                                                   docs/benchmarks.md with a summary column and table rows per engine
#   scripts/bench.sh latency [warmup] [measured] [rounds]     p50/p90/p99 of ping, inspect, list: raw, Berth, docker-java
#   scripts/bench.sh stream [execMiB] [rounds] [logsMiB]      exec stdout and logs throughput, Berth vs raw, -Xmx64m
#   scripts/bench.sh build [MB] [files] [rounds]              build from a large context: Berth BuildKit (when the
#                                                   daemon offers it) and classic, docker CLI classic and buildx (when
#                                                   the plugin answers; BENCH_BUILDX=/path/to/docker-buildx provides
#                                                   it), docker-java
#   scripts/bench.sh archive [MiB]                            export, save and load of ~1 GiB at -Xmx64m, peak heap
#   scripts/bench.sh coldstart [launches]                     fresh JVM to first container list, Berth vs docker-java
#   scripts/bench.sh concurrency [threads] [calls] [containers] [follows]   one client, many threads; log follows
#   scripts/bench.sh footprint                                runtime jars of Berth vs docker-java (core + httpclient5)
#   scripts/bench.sh --fake latency|coldstart|report [args]   the same against dev.berth.bench.FakeDaemon, no engine:
#                                                   a Unix-socket HTTP/1.1 server with canned Engine 28.5 answers
#                                                   (ping, version, a list of 10 containers, an inspect), started in
#                                                   its own JVM on $BENCH_FAKE_SOCKET (default /tmp/berth-fake.sock)
#                                                   and stopped at the end; measures the clients alone. Only latency
#                                                   and coldstart (and footprint) need no engine; report runs those
#                                                   (BENCH_ENGINES then only labels repeated runs against it).
# Every benchmark prints RESULT<TAB>row<TAB>client<TAB>metric<TAB>value<TAB>unit lines besides its own output.
# BENCH_NO_INSTALL=1 builds in the reactor (mvn package) and runs on this tree's module jars, leaving ~/.m2 alone
# (for a second worktree); footprint still reads sdk-api's runtime classpath from ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
fake=0
if [ "${1:-}" = --fake ]; then fake=1; shift; fi
what=${1:-latency}; shift || true
external_host=${DOCKER_HOST:-}
engines=()
if [ "$what" = report ] && [ -n "${BENCH_ENGINES:-}" ]; then read -ra engines <<<"$BENCH_ENGINES"; fi
if ((fake == 0)) && [ -n "$external_host" ] && ((${#engines[@]} > 1)); then
  echo "scripts/bench.sh: BENCH_ENGINES=\"$BENCH_ENGINES\" starts each engine in turn; unset DOCKER_HOST" \
    "($external_host) for that" >&2
  exit 2
fi
# Without BENCH_ENGINES, the engine running (else the default one); with it, report() starts each in turn.
if ((fake == 0)) && [ -z "$external_host" ] && ((${#engines[@]} == 0)); then eval "$(scripts/engine.sh start)"; fi
target=$PWD/benchmarks/target
if [ -n "${BENCH_NO_INSTALL:-}" ]; then
  # One reactor build: the classpath written last, the benchmarks', names this tree's jars, not ~/.m2's snapshots.
  mvn -B -q -ntp -Pbench -pl benchmarks -am package dependency:build-classpath -DskipTests -DincludeScope=runtime \
    -Dmdep.outputFile="$target/bench.classpath"
else
  mvn -B -q -ntp -Pbench install -DskipTests
  mvn -B -q -ntp -Pbench -pl benchmarks dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$target/bench.classpath"
fi
cp="benchmarks/target/classes:$(cat "$target/bench.classpath")"

if ((fake)); then
  fake_socket=${BENCH_FAKE_SOCKET:-/tmp/berth-fake.sock}
  java -cp "$cp" dev.berth.bench.FakeDaemon "$fake_socket" &
  fake_pid=$!
  trap 'kill "$fake_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do [ -S "$fake_socket" ] && break; sleep 0.1; done
  export DOCKER_HOST="unix://$fake_socket" BENCH_FAKE=1
fi

bench() {
  local name=$1; shift
  if ((fake)) && [[ $name != @(latency|coldstart|footprint) ]]; then
    echo "scripts/bench.sh --fake runs latency, coldstart and footprint only; $name needs an engine" >&2
    return 2
  fi
  case $name in
    latency) java -cp "$cp" dev.berth.bench.LatencyBenchmark "$@" ;;
    stream) java -Xmx64m -cp "$cp" dev.berth.bench.StreamBenchmark "$@" ;;
    build) java -cp "$cp" dev.berth.bench.BuildContextBenchmark "$@" ;;
    archive) java -Xmx64m -cp "$cp" dev.berth.bench.ArchiveBenchmark "$@" ;;
    coldstart) java -cp "$cp" dev.berth.bench.ColdStartBenchmark "$@" ;;
    concurrency) java -cp "$cp" dev.berth.bench.ConcurrencyBenchmark "$@" ;;
    footprint) footprint ;;
    *) echo "usage: scripts/bench.sh [--fake] report|latency|stream|build|archive|coldstart|concurrency|footprint [args]" >&2
       return 2 ;;
  esac
}

# Runtime classpaths: sdk-api's (plus its own jar) and a tiny project's on docker-java core + httpclient5.
footprint() {
  mvn -B -q -ntp -pl sdk-api dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$target/berth.classpath"
  mvn -B -q -ntp -f benchmarks/footprint/docker-java/pom.xml dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$target/docker-java.classpath"
  local api
  api=$(ls sdk-api/target/sdk-api-*.jar | grep -v -e sources -e javadoc -e tests | head -1)
  java -cp "$cp" dev.berth.bench.Footprint berth "$target/berth.classpath" "$api" \
    -- docker-java "$target/docker-java.classpath"
}

# The report's settings, one benchmark run each; the benchmarks' own rounds are 1, the runs are separate JVMs.
declare -A ARGS=(
  [latency]="5000 2000 1"
  [stream]="1024 1 256"
  [build]="500 10000 1"
  [archive]="1024"
  [coldstart]="5"
  [concurrency]="64 500 20 10"
)
SETTINGS="latency: 5,000 warm-up + 2,000 measured calls; exec stdout 1 GiB; logs 256 MiB; build context 500 MB in \
10,000 files; archive 1 GiB; cold start 5 launches per run; concurrency 64 threads × 500 inspects, \
20 containers × 10 follows; footprint once"

# Copies the benchmark classes and every jar of the classpath aside, so that a build someone else runs in this tree
# meanwhile (mvn clean, a fresh snapshot installed) cannot change what a long report measures halfway.
snapshot_classpath() {
  local dir=$1 entry jars=()
  mkdir -p "$dir/lib"
  cp -r benchmarks/target/classes "$dir/classes"
  IFS=: read -ra entries <<<"$(cat "$target/bench.classpath")"
  for entry in "${entries[@]}"; do
    jars+=("$dir/lib/$(basename "$entry")")
    cp "$entry" "$dir/lib/"
  done
  cp="$dir/classes:$(IFS=:; echo "${jars[*]}")"
}

# One benchmark run, tried up to three times: a run fails when, among other things, the integration tests' clean-up
# removes its containers (it removes every container labelled dev.berth.test). Only a passing attempt's output goes
# to ok/NAME.log, whose RESULT lines make the report; failed attempts go to failed/NAME.log. $where names the engine.
attempt() {
  local name=$1 run=$2 out=$3 try
  for try in 1 2 3; do
    echo "== ${where}run $run: $name ${ARGS[$name]:-} (attempt $try)" >&2
    # shellcheck disable=SC2086 # the arguments are meant to split
    if bench "$name" ${ARGS[$name]:-} 2>&1 | tee "$out/attempt.log"; then
      cat "$out/attempt.log" >>"$out/ok/$name.log"
      if ((try > 1)); then retried+=("$name (${where}run $run, $((try - 1)) failed attempt(s))"); fi
      return 0
    fi
    cat "$out/attempt.log" >>"$out/failed/$name.log"
  done
  failed+=("$name (${where}run $run)")
}

# Every benchmark `runs` times on each engine of BENCH_ENGINES (else on the one DOCKER_HOST names), each engine's
# RESULT lines and a description of it (an ENGINE line) in its own results.tsv; footprint, which no engine changes,
# once, with the first. Then ReportWriter writes docs/benchmarks.md from them all.
report() {
  local runs=${1:-3} out=$target/bench-report notes=() name engine dir files=() list
  failed=() retried=() where=
  rm -rf "$out"; mkdir -p "$out"
  snapshot_classpath "$out"
  list=("${engines[@]}")
  ((${#list[@]})) || list=("")
  for engine in "${list[@]}"; do
    dir=$out${engine:+/$engine}
    where=${engine:+Engine $engine, }
    mkdir -p "$dir/ok" "$dir/failed"
    if [ -n "$engine" ] && ((fake == 0)) && [ -z "$external_host" ]; then
      echo "== starting Engine $engine (scripts/engine.sh start)" >&2
      eval "$(BERTH_ENGINE=$engine scripts/engine.sh start)"
    fi
    for ((i = 1; i <= runs; i++)); do
      for name in $( ((fake)) && echo latency coldstart || echo latency stream build archive coldstart concurrency); do
        local var="BENCH_RUNS_${name^^}"
        if ((i <= ${!var:-$runs})); then attempt "$name" "$i/${!var:-$runs}" "$dir"; fi
      done
    done
    if [ "$engine" = "${list[0]}" ]; then attempt footprint 1/1 "$dir"; fi
    grep -h '^RESULT' "$dir"/ok/*.log >"$dir/results.tsv" || true
    java -cp "$cp" dev.berth.bench.ReportWriter --describe-engine >>"$dir/results.tsv" || true
    files+=(${engine:+--engine "$engine"} --results "$dir/results.tsv")
  done
  where=
  for name in "${!ARGS[@]}"; do
    local var="BENCH_RUNS_${name^^}"
    if [ -n "${!var:-}" ] && [ "${!var}" != "$runs" ]; then
      notes+=(--note "$name ran ${!var} times instead of $runs ($var), to keep the report within its time budget.")
    fi
  done
  if ((fake)); then
    notes+=(--note "Against FakeDaemon (scripts/bench.sh --fake), not an engine: canned answers, so the figures are the \
clients' own costs; stream, build, archive and concurrency need an engine and did not run.")
  fi
  if ((${#retried[@]})); then
    notes+=(--note "Run again after a failed attempt (its figures discarded; usually the integration tests removing \
containers labelled dev.berth.test meanwhile): ${retried[*]}.")
  fi
  if ((${#failed[@]})); then
    notes+=(--note "FAILED three times, missing from the medians (see benchmarks/target/bench-report/\
${engines:+<engine>/}failed/): ${failed[*]}.")
  fi
  local elapsed=$SECONDS # since the script started, the build included
  java -cp "$cp" dev.berth.bench.ReportWriter "${files[@]}" --out docs/benchmarks.md --runs "$runs" \
    --elapsed "$((elapsed / 60)) min $((elapsed % 60)) s" \
    --commit "$(git describe --always --dirty 2>/dev/null || echo '?')" --settings "$SETTINGS" "${notes[@]}"
  echo "wrote docs/benchmarks.md in $((elapsed / 60)) min $((elapsed % 60)) s; logs in $out" >&2
  ((${#failed[@]} == 0))
}

case $what in
  report) report "$@" ;;
  *) bench "$what" "$@" ;;
esac
