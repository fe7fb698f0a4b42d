#!/usr/bin/env bash
# A second, independent engine for Berth's integration tests: Debian's Podman 4.3 serving its
# Docker-compatible API on a unix socket, with its own storage, config and CNI network folder,
# so it never touches the Docker test bed (scripts/engine.sh) or a system Podman.
#
#   scripts/podman.sh start|stop|env|status
#   eval "$(scripts/podman.sh start)"; mvn -Ppodman verify -DskipUnitTests
#
# Only the env lines go to stdout; everything else goes to stderr. See README.md, section "Podman".
set -euo pipefail

DIR=${BERTH_PODMAN_DIR:-/tmp/berth-podman}
case $DIR in /*) ;; *) DIR=$PWD/$DIR ;; esac
DIR=${DIR%/}
IMAGE=berth-test/busybox:1
# The Docker test bed, whose registry (127.0.0.1:5000, plain HTTP, basic auth) we reuse when it runs.
ENGINE_ENV=${BERTH_ENGINE_DIR:-/tmp/berth-engine}/env
RUNC=/usr/sbin/runc

SOCK=$DIR/podman.sock
PACKAGES=(podman runc busybox-static curl)

# Same trampoline as engine.sh: close inherited fds above 2, write the pid to $0, exec in place.
# shellcheck disable=SC2016
DETACH='for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; echo $$ >"$0"; exec "$@"'

log() { echo "podman.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=lib/busybox-rootfs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/busybox-rootfs.sh"

alive() {
  local pid=$1 state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

pid_matches() {
  local pid=$1 cmd w; shift
  alive "$pid" || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  for w in "$@"; do case $cmd in *"$w"*) ;; *) return 1 ;; esac; done
}

read_pid() { if [ -s "$1" ]; then tr -dc '0-9' <"$1" 2>/dev/null || true; fi; }

service_pid() {
  local pid; pid=$(read_pid "$DIR/podman.pid")
  if pid_matches "$pid" podman "system service" "unix://$SOCK"; then echo "$pid"; fi
}

ping() { curl -sf -m 5 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

wait_exit() {
  local pid=$1 secs=$2 i
  for ((i = 0; i < secs * 5; i++)); do alive "$pid" || return 0; sleep 0.2; done
  ! alive "$pid"
}

kill_pid() { # pid name
  local pid=$1 name=$2
  alive "$pid" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_exit "$pid" 30; then
    log "$name (pid $pid) still running after 30 s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_exit "$pid" 10 || log "WARNING: $name (pid $pid) did not exit"
  fi
}

# Our settings only: every podman we run (service and chores) reads these, never /etc/containers.
export CONTAINERS_CONF=$DIR/containers.conf
export CONTAINERS_STORAGE_CONF=$DIR/storage.conf
export CONTAINERS_REGISTRIES_CONF=$DIR/registries.conf
pm() {
  env -u DOCKER_HOST -u CONTAINER_HOST -u CONTAINER_CONNECTION \
    podman --root "$DIR/storage" --runroot "$DIR/run" --runtime "$RUNC" "$@"
}

# ---------------------------------------------------------------- packages
ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  # Keep apt from starting anything (podman ships podman.socket and friends).
  local made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  local rc=0
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${missing[@]}"; } >&2 || rc=$?
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ $rc -eq 0 ] || die "apt-get install failed"
}

# ---------------------------------------------------------------- registry
# The Docker test bed's registry address, as its env file says (127.0.0.1:5000 by default).
engine_registry() {
  local reg=
  [ -s "$ENGINE_ENV" ] && reg=$(sed -n 's/^export BERTH_TEST_REGISTRY=//p' "$ENGINE_ENV" | tr -d "'\"")
  echo "${reg:-127.0.0.1:5000}"
}
# The same registry as Podman's tests name it: localhost:PORT. Podman 4.3's POST /auth ignores
# registries.conf's "insecure" and speaks HTTPS to any registry but localhost, so a login to
# 127.0.0.1:5000 fails ("server gave HTTP response to HTTPS client"); pull and push honour it.
registry_name() {
  local reg; reg=$(engine_registry)
  case $reg in 127.0.0.1:*) echo "localhost:${reg#127.0.0.1:}" ;; *) echo "$reg" ;; esac
}

# ---------------------------------------------------------------- config
# crun fails on this machine's hybrid cgroups, so runc; without the ulimits runc's setrlimit fails
# (Operation not permitted). The CNI network folder is ours: Podman makes its default network
# ("podman", bridge cni-podman0, 10.88.0.0/16) there, apart from docker0 (172.17.0.0/16).
write_config() {
  mkdir -p "$DIR/storage" "$DIR/run" "$DIR/tmp" "$DIR/cni"
  cat >"$DIR/containers.conf.tmp" <<EOF
[containers]
default_ulimits = ["nofile=1024:1024","nproc=1024:1024"]
log_driver = "k8s-file"

[network]
network_backend = "cni"
network_config_dir = "$DIR/cni"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$DIR/events.log"
tmp_dir = "$DIR/tmp"
lock_type = "file"
EOF
  mv -f "$DIR/containers.conf.tmp" "$DIR/containers.conf"
  cat >"$DIR/storage.conf.tmp" <<EOF
[storage]
driver = "overlay"
graphroot = "$DIR/storage"
runroot = "$DIR/run"
EOF
  mv -f "$DIR/storage.conf.tmp" "$DIR/storage.conf"
  # The test registry speaks plain HTTP: marked insecure, under both names (see registry_name).
  # No search registries but docker.io: short names resolve locally or to docker.io, as with Docker.
  local reg; reg=$(engine_registry)
  cat >"$DIR/registries.conf.tmp" <<EOF
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"

[[registry]]
location = "$reg"
insecure = true

[[registry]]
location = "$(registry_name)"
insecure = true
EOF
  mv -f "$DIR/registries.conf.tmp" "$DIR/registries.conf"
}

# ---------------------------------------------------------------- service
start_service() {
  local pid i
  pid=$(service_pid)
  if [ -n "$pid" ]; then
    for ((i = 0; i < 100; i++)); do
      if ping; then log "podman service already running (pid $pid)"; return 0; fi
      alive "$pid" || break
      sleep 0.2
    done
    alive "$pid" && die "podman service (pid $pid) runs but does not answer; see $DIR/podman.log or run '$0 stop'"
    log "previous podman service (pid $pid) has exited; starting a new one"
  fi
  rm -f "$DIR/podman.pid" "$SOCK"
  [ -f "$DIR/podman.log" ] && mv -f "$DIR/podman.log" "$DIR/podman.log.1"
  log "starting podman system service (unix://$SOCK)"
  # From $DIR: conmon inherits the service's working directory and drops an "oom" file there
  # when a container hits its memory limit (conmon 2.1, containers/conmon#504).
  # Only the daemon goes to the background: a backgrounded subshell would hold fd 9 (our lock) as long as it runs.
  (
    cd "$DIR" || exit 1
    env -u DOCKER_HOST -u CONTAINER_HOST -u CONTAINER_CONNECTION -u NOTIFY_SOCKET \
      setsid bash -c "$DETACH" "$DIR/podman.pid" \
      podman --root "$DIR/storage" --runroot "$DIR/run" --runtime "$RUNC" \
      system service --time=0 "unix://$SOCK" \
      </dev/null >"$DIR/podman.log" 2>&1 9>&- &
  )
  for ((i = 0; i < 50; i++)); do [ -s "$DIR/podman.pid" ] && break; sleep 0.1; done
  pid=$(read_pid "$DIR/podman.pid")
  for ((i = 0; i < 300; i++)); do
    if ! alive "$pid"; then
      log "podman service died; last lines of $DIR/podman.log:"
      tail -n 30 "$DIR/podman.log" >&2 || true
      exit 1
    fi
    if ping; then log "podman service is up (pid $pid)"; return 0; fi
    sleep 0.2
  done
  log "podman service did not answer within 60 s; last lines of $DIR/podman.log:"
  tail -n 30 "$DIR/podman.log" >&2 || true
  exit 1
}

# ---------------------------------------------------------------- base image
# The same image as engine.sh makes (see DEVELOPERS.md, "Test bed"), built here from
# busybox-static, so this script needs neither dockerd nor a download.
ensure_image() {
  if pm image exists "$IMAGE" 2>/dev/null; then log "image $IMAGE present"; return 0; fi
  log "importing $IMAGE"
  local b="$DIR/build"
  busybox_rootfs_tar "$b"
  # Podman names a local image without a registry localhost/berth-test/busybox:1; the short
  # name berth-test/busybox:1 finds it through the API as well.
  pm import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' --change 'LABEL dev.berth.test=1' \
    "$b/rootfs.tar" "$IMAGE" >&2
  rm -rf "$b"
}

# ---------------------------------------------------------------- env
write_env() {
  {
    printf 'export DOCKER_HOST=%q\n' "unix://$SOCK"
    printf 'export BERTH_TEST_IMAGE=%q\n' "$IMAGE"
    printf 'export BERTH_TEST_ENGINE=podman\n'
    printf 'export BERTH_PODMAN_DIR=%q\n' "$DIR"
    if [ -s "$ENGINE_ENV" ]; then
      printf 'export BERTH_TEST_REGISTRY=%q\n' "$(registry_name)"
      grep -E '^export BERTH_TEST_REGISTRY_(USER|PASSWORD)=' "$ENGINE_ENV" || true
    fi
    # dockerd's TLS and ssh endpoints of the Docker test bed do not describe this engine.
    printf 'unset BERTH_TEST_TLS_HOST BERTH_TEST_CERTS BERTH_TEST_SSH_HOST BERTH_TEST_SSH_KEY\n'
  } >"$DIR/env.tmp"
  mv -f "$DIR/env.tmp" "$DIR/env"
  if ! grep -q '^export BERTH_TEST_REGISTRY=' "$DIR/env"; then
    log "WARNING: no Docker test bed env in $ENGINE_ENV, so no BERTH_TEST_REGISTRY: the registry tests of ImagesIT" \
      "will fail; run scripts/engine.sh start first"
  fi
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local t0=$SECONDS
  mkdir -p "$DIR"
  exec 9>"$DIR/.lock"
  flock 9
  [ ${#SOCK} -lt 100 ] || die "BERTH_PODMAN_DIR is too long for a unix socket path: $DIR"
  ensure_packages
  [ -x "$RUNC" ] || die "$RUNC missing"
  write_config
  start_service
  ensure_image
  write_env
  log "ready in $((SECONDS - t0)) s"
  cat "$DIR/env"
}

cmd_stop() {
  [ -d "$DIR" ] || { log "nothing to stop in $DIR"; return 0; }
  exec 9>"$DIR/.lock"
  flock 9
  local pid
  # Containers run under conmon and outlive the service: stop ours (this storage only) first.
  if [ -s "$DIR/containers.conf" ] && [ -n "$(pm ps -q 2>/dev/null || true)" ]; then
    log "stopping running containers"
    pm stop --all --time 5 >/dev/null 2>&1 || log "WARNING: podman stop --all failed"
  fi
  pid=$(service_pid)
  if [ -n "$pid" ]; then kill_pid "$pid" "podman service"; else log "podman service not running"; fi
  rm -f "$DIR/podman.pid" "$SOCK" "$DIR/env"
  log "stopped (data kept in $DIR)"
}

cmd_status() {
  local ok=0 pid
  pid=$(service_pid)
  if [ -z "$pid" ]; then
    log "podman:   not running"; ok=1
  else
    local u=no; ping && u=yes
    log "podman:   pid $pid, unix://$SOCK answers: $u"
    [ $u = yes ] || ok=1
  fi
  if [ -s "$DIR/containers.conf" ] && pm image exists "$IMAGE" 2>/dev/null; then log "image:    $IMAGE present"
  else log "image:    $IMAGE missing"; ok=1; fi
  return $ok
}

cmd_env() {
  [ -s "$DIR/env" ] || { log "not started (no $DIR/env); run: $0 start"; exit 1; }
  cat "$DIR/env"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
