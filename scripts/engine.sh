#!/usr/bin/env bash
# Test bed for Berth's integration tests: a private Docker engine (unix socket
# plus a TLS endpoint with client certificates), an sshd for ssh:// addresses,
# a local registry with basic auth, and a tiny busybox base image.
#
#   scripts/engine.sh start|stop|env|status
#   scripts/engine.sh buildx                  # the docker CLI's buildx plugin (sid), for the build benchmark
#   eval "$(scripts/engine.sh start)"
#   BERTH_ENGINE=28 scripts/engine.sh start   # 20.10 (default), 28 or 28-containerd
#
# Only the env lines go to stdout; everything else goes to stderr.
# See DEVELOPERS.md, section "Test bed".
set -euo pipefail

DIR=${BERTH_ENGINE_DIR:-/tmp/berth-engine}
case $DIR in /*) ;; *) DIR=$PWD/$DIR ;; esac
DIR=${DIR%/}
PORT=${BERTH_TLS_PORT:-23760}
REG_PORT=${BERTH_REGISTRY_PORT:-5000}
SSH_PORT=${BERTH_SSH_PORT:-22222}
IMAGE=berth-test/busybox:1
REG_USER=berth
# Which engine to run. Unset: the one of ours that runs already, else 20.10.
WANT_ENGINE=${BERTH_ENGINE:-}
# Downloaded sid packages (Engine 28, containerd 2.1), kept between runs.
CACHE=${BERTH_CACHE_DIR:-/var/cache/berth}
SID_PACKAGES=(docker.io containerd)

SOCK=$DIR/docker.sock
CERTS=$DIR/certs
REG=$DIR/registry
SSHD_DIR=$DIR/ssh
PACKAGES=(docker.io docker-registry busybox-static apache2-utils iptables openssh-server openssl)

# Trampoline for daemons: close every inherited fd above 2 (our lock, pipes
# of whoever runs us, so no caller waits on a daemon), write the pid to $0,
# then exec the daemon in place (same pid).
# shellcheck disable=SC2016
DETACH='for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; echo $$ >"$0"; exec "$@"'

log() { echo "engine.sh: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
# shellcheck source=lib/busybox-rootfs.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/busybox-rootfs.sh"

# Docker CLI for chores: prefer the one shipped with docker.io (same API as
# dockerd 20.10); any newer CLI negotiates the API version down by itself.
docker_cli() {
  if [ -x /usr/bin/docker ]; then echo /usr/bin/docker; else command -v docker || echo docker; fi
}

# True if pid is a live (non-zombie) process.
alive() {
  local pid=$1 state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

# True if pid is alive and its command line contains every given word.
pid_matches() {
  local pid=$1 cmd w; shift
  alive "$pid" || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  for w in "$@"; do case $cmd in *"$w"*) ;; *) return 1 ;; esac; done
}

read_pid() { if [ -s "$1" ]; then tr -dc '0-9' <"$1" 2>/dev/null || true; fi; }

dockerd_pid() {
  local pid; pid=$(read_pid "$DIR/docker.pid")
  if pid_matches "$pid" dockerd "--pidfile=$DIR/docker.pid"; then echo "$pid"; fi
}
sshd_pid() {
  local pid; pid=$(read_pid "$SSHD_DIR/sshd.pid")
  if pid_matches "$pid" sshd "$SSHD_DIR/sshd_config"; then echo "$pid"; fi
}
registry_pid() {
  local pid; pid=$(read_pid "$DIR/registry.pid")
  if pid_matches "$pid" docker-registry "$REG/config.yml"; then echo "$pid"; fi
}

unix_ping() { curl -sf -m 5 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }
tls_ping() {
  curl -sf -m 5 --cacert "$CERTS/ca.pem" --cert "$CERTS/client/cert.pem" \
    --key "$CERTS/client/key.pem" "https://127.0.0.1:$PORT/_ping" >/dev/null 2>&1
}
# A real login with the test key that runs the remote docker CLI.
ssh_ping() {
  ssh -F /dev/null -i "$SSHD_DIR/id_ed25519" -p "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes \
    -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$SSHD_DIR/known_hosts" -o ConnectTimeout=5 \
    -T root@127.0.0.1 docker --version </dev/null >/dev/null 2>&1
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
registry_code() { curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$REG_PORT/v2/" 2>/dev/null || true; }

mode() { cat "$DIR/mode" 2>/dev/null || echo own; }
engine_host() { if [ "$(mode)" = external ]; then cat "$DIR/external-host"; else echo "unix://$SOCK"; fi; }

# docker CLI against the engine in use. Our own engine is reached over the
# plain unix socket, so TLS variables of the caller must not leak in; an
# external engine gets the caller's environment as is (it may need TLS).
dk() {
  local host; host=$(engine_host)
  if [ "$(mode)" = external ]; then
    "$(docker_cli)" -H "$host" "$@"
  else
    env -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH -u DOCKER_CONTEXT -u DOCKER_HOST \
      "$(docker_cli)" -H "$host" "$@"
  fi
}

# Wait until pid has exited (up to $2 seconds); returns 1 if it is still there.
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

# ---------------------------------------------------------------- packages
ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}" curl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  # Keep apt from starting the system's own dockerd/registry/sshd services.
  local made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  local rc=0
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${PACKAGES[@]}" curl; } >&2 || rc=$?
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ $rc -eq 0 ] || die "apt-get install failed"
}

# ---------------------------------------------------------------- certificates
sign() { # workdir cn extensions key cert ca ca-key
  local out=$1 cn=$2 ext=$3 key=$4 cert=$5 ca=$6 cakey=$7
  openssl req -new -key "$key" -subj "/CN=$cn" -out "$out/tmp.csr" 2>/dev/null
  printf '%b' "$ext" >"$out/tmp.ext"
  openssl x509 -req -in "$out/tmp.csr" -CA "$ca" -CAkey "$cakey" -CAcreateserial \
    -days 3650 -sha256 -extfile "$out/tmp.ext" -out "$cert" 2>/dev/null
  rm -f "$out/tmp.csr" "$out/tmp.ext"
}

rsa_pkcs1() { # out
  if openssl genrsa -help 2>&1 | grep -q -- -traditional; then
    openssl genrsa -traditional -out "$1" 2048 2>/dev/null
  else
    openssl genrsa -out "$1" 2048 2>/dev/null
  fi
}

make_ca() { # dir cn
  openssl genrsa -out "$1/ca-key.pem" 2048 2>/dev/null
  openssl req -x509 -new -key "$1/ca-key.pem" -sha256 -days 3650 -subj "/CN=$2" \
    -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -out "$1/ca.pem" 2>/dev/null
}

ensure_certs() {
  [ -f "$CERTS/.complete" ] && return 0
  log "generating CA, server and client certificates in $CERTS"
  local t="$DIR/certs.tmp"
  rm -rf "$t" && mkdir -p "$t"/{client,client-pkcs8,client-ec,other-ca,other}
  local rsa_client='basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n'
  local ec_client='basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n'

  make_ca "$t" "Berth Test CA"
  # server certificate for dockerd
  openssl genrsa -out "$t/server-key.pem" 2048 2>/dev/null
  sign "$t" localhost \
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' \
    "$t/server-key.pem" "$t/server-cert.pem" "$t/ca.pem" "$t/ca-key.pem"
  # client: RSA 2048, PKCS#1
  rsa_pkcs1 "$t/client/key.pem"
  sign "$t" berth-client "$rsa_client" "$t/client/key.pem" "$t/client/cert.pem" "$t/ca.pem" "$t/ca-key.pem"
  # client-pkcs8: RSA 2048, PKCS#8
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$t/client-pkcs8/key.pem" 2>/dev/null
  sign "$t" berth-client-pkcs8 "$rsa_client" "$t/client-pkcs8/key.pem" "$t/client-pkcs8/cert.pem" "$t/ca.pem" "$t/ca-key.pem"
  # client-ec: EC P-256 (SEC1, "BEGIN EC PRIVATE KEY")
  openssl ecparam -name prime256v1 -genkey -noout -out "$t/client-ec/key.pem" 2>/dev/null
  sign "$t" berth-client-ec "$ec_client" "$t/client-ec/key.pem" "$t/client-ec/cert.pem" "$t/ca.pem" "$t/ca-key.pem"
  for d in client client-pkcs8 client-ec; do cp "$t/ca.pem" "$t/$d/ca.pem"; done
  # other-ca: an unrelated CA, next to a copy of the client cert/key
  make_ca "$t/other" "Berth Other CA"
  cp "$t/other/ca.pem" "$t/other-ca/ca.pem"
  cp "$t/client/cert.pem" "$t/client/key.pem" "$t/other-ca/"
  rm -rf "$t/other" "$t"/*.srl

  grep -q 'BEGIN RSA PRIVATE KEY' "$t/client/key.pem" || die "client key is not PKCS#1"
  grep -q 'BEGIN PRIVATE KEY' "$t/client-pkcs8/key.pem" || die "client-pkcs8 key is not PKCS#8"
  grep -q 'BEGIN EC PRIVATE KEY' "$t/client-ec/key.pem" || die "client-ec key is not SEC1 EC"
  chmod 600 "$t/ca-key.pem" "$t/server-key.pem"
  chmod 644 "$t"/client*/key.pem "$t/other-ca/key.pem"
  touch "$t/.complete"
  rm -rf "$CERTS" && mv "$t" "$CERTS"
}

# ---------------------------------------------------------------- dockerd
other_dockerd() { # prints pid of a dockerd that is not ours, if any
  local p ours; ours=$(dockerd_pid)
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [ "$p" = "$ours" ] && continue
    [ "$(cat "/proc/$p/comm" 2>/dev/null || true)" = dockerd ] && alive "$p" && { echo "$p"; return 0; }
  done
  return 0
}

# ---------------------------------------------------------------- engines
# 20.10 is bookworm's docker.io (API 1.41). 28 is sid's docker.io 28.5 with sid's containerd 2.1
# (API 1.51), unpacked from the .debs (dpkg-deb -x) next to bookworm's runc, which it finds on
# PATH (sid's runc needs a newer glibc). 28-containerd is the same engine with the containerd
# image store. Each engine has its own data root and exec root: one engine's state is never
# read by another version.
running_engine() { cat "$DIR/engine" 2>/dev/null || echo 20.10; }

engine_suffix() { # engine -> folder suffix
  case $1 in 20.10) echo "" ;; 28) echo "-28" ;; 28-containerd) echo "-28c" ;; esac
}

check_engine() {
  case $1 in 20.10 | 28 | 28-containerd) ;; *) die "BERTH_ENGINE=$1: expected 20.10, 28 or 28-containerd" ;; esac
}

# The sid packages, downloaded with a private apt state (the machine's own sources stay
# bookworm) and unpacked once into $CACHE/sid/root.
ensure_sid_engine() {
  local c=$CACHE/sid
  [ -f "$c/root/.complete" ] && return 0
  log "downloading Engine 28 and containerd 2.1 from Debian sid into $c"
  rm -rf "$c/root" && mkdir -p "$c/etc" "$c/state/lists/partial" "$c/cache/archives/partial" "$c/debs"
  echo 'deb http://deb.debian.org/debian sid main' >"$c/etc/sources.list"
  : >"$c/state/status"
  local apt=(apt-get -o "Dir::Etc::SourceList=$c/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State=$c/state" -o "Dir::State::status=$c/state/status" -o "Dir::Cache=$c/cache"
    -o APT::Sandbox::User=root)
  "${apt[@]}" update >&2 || die "apt-get update (sid) failed"
  rm -f "$c/debs"/*.deb
  (cd "$c/debs" && "${apt[@]}" download "${SID_PACKAGES[@]}" >&2) || die "apt-get download (sid) failed"
  mkdir -p "$c/root.tmp"
  local d; for d in "$c/debs"/*.deb; do dpkg-deb -x "$d" "$c/root.tmp"; done
  [ -x "$c/root.tmp/usr/sbin/dockerd" ] && [ -x "$c/root.tmp/usr/bin/containerd" ] || die "sid packages lack dockerd/containerd"
  ls "$c/debs" >"$c/root.tmp/.complete"
  mv "$c/root.tmp" "$c/root"
}

# The docker CLI's buildx plugin from sid, for the build benchmark only (the tests need no CLI): downloaded once
# into $CACHE/sid/buildx with the same private apt state; prints the plugin's path.
cmd_buildx() {
  local c=$CACHE/sid plugin=$CACHE/sid/buildx/usr/libexec/docker/cli-plugins/docker-buildx
  if [ ! -x "$plugin" ]; then
    ensure_sid_engine
    log "downloading docker-buildx from Debian sid into $c/buildx"
    local apt=(apt-get -o "Dir::Etc::SourceList=$c/etc/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State=$c/state" -o "Dir::State::status=$c/state/status" -o "Dir::Cache=$c/cache"
      -o APT::Sandbox::User=root)
    mkdir -p "$c/buildx-debs"
    (cd "$c/buildx-debs" && rm -f ./*.deb && "${apt[@]}" download docker-buildx >&2) ||
      die "apt-get download docker-buildx (sid) failed"
    rm -rf "$c/buildx" && dpkg-deb -x "$c/buildx-debs"/docker-buildx_*.deb "$c/buildx"
    [ -x "$plugin" ] || die "docker-buildx has no $plugin"
  fi
  echo "$plugin"
}

engine_path() { # engine -> PATH for its dockerd
  case $1 in
    20.10) echo "$PATH" ;;
    *) echo "$CACHE/sid/root/usr/bin:$CACHE/sid/root/usr/sbin:$PATH" ;;
  esac
}

engine_daemon_json() { # engine -> daemon.json text
  case $1 in
    20.10) echo '{}' ;;
    28) echo '{"features": {"containerd-snapshotter": false}}' ;;
    28-containerd) echo '{"features": {"containerd-snapshotter": true}}' ;;
  esac
}

start_dockerd() {
  local pid i
  pid=$(dockerd_pid)
  if [ -n "$pid" ] && [ "$(running_engine)" != "$ENGINE" ]; then
    log "switching from Engine $(running_engine) to Engine $ENGINE"
    kill_pid "$pid" dockerd
    alive "$pid" && die "dockerd (pid $pid) of Engine $(running_engine) did not exit"
    pid=
  fi
  if [ -n "$pid" ]; then
    # Ours is running: either answering, still starting, or stopping.
    for ((i = 0; i < 300; i++)); do
      if unix_ping && tls_ping; then log "dockerd already running (pid $pid)"; return 0; fi
      alive "$pid" || break
      sleep 0.2
    done
    alive "$pid" && die "dockerd (pid $pid) runs but does not answer; see $DIR/dockerd.log or run '$0 stop'"
    log "previous dockerd (pid $pid) has exited; starting a new one"
  fi
  # Leftovers of ours (e.g. after a SIGKILL) would get in the new one's way.
  kill_stray_containerd
  unmount_ours

  local other; other=$(other_dockerd)
  [ -z "$other" ] || die "another dockerd (pid $other) is running on this machine; two engines would fight over docker0 and iptables. Set DOCKER_HOST to it to reuse it, or stop it."

  ensure_certs
  [ "$ENGINE" = 20.10 ] || ensure_sid_engine
  local sfx; sfx=$(engine_suffix "$ENGINE")
  mkdir -p "$DIR/root$sfx" "$DIR/exec$sfx"
  engine_daemon_json "$ENGINE" >"$DIR/daemon$sfx.json"
  echo "$ENGINE" >"$DIR/engine"
  rm -f "$DIR/docker.pid" "$DIR/dockerd.launch.pid" "$SOCK"
  [ -f "$DIR/dockerd.log" ] && mv -f "$DIR/dockerd.log" "$DIR/dockerd.log.1"
  log "starting dockerd of Engine $ENGINE (unix://$SOCK, tcp://127.0.0.1:$PORT with TLS)"
  env -u DOCKER_HOST -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH PATH="$(engine_path "$ENGINE")" \
    setsid bash -c "$DETACH" "$DIR/dockerd.launch.pid" \
    dockerd --config-file="$DIR/daemon$sfx.json" \
    -H "unix://$SOCK" -H "tcp://127.0.0.1:$PORT" \
    --tlsverify --tlscacert="$CERTS/ca.pem" \
    --tlscert="$CERTS/server-cert.pem" --tlskey="$CERTS/server-key.pem" \
    --data-root="$DIR/root$sfx" --exec-root="$DIR/exec$sfx" --pidfile="$DIR/docker.pid" \
    </dev/null >"$DIR/dockerd.log" 2>&1 9>&- &
  for ((i = 0; i < 50; i++)); do [ -s "$DIR/dockerd.launch.pid" ] && break; sleep 0.1; done
  pid=$(read_pid "$DIR/dockerd.launch.pid")
  for ((i = 0; i < 300; i++)); do
    if ! alive "$pid"; then
      log "dockerd died; last lines of $DIR/dockerd.log:"
      tail -n 30 "$DIR/dockerd.log" >&2 || true
      exit 1
    fi
    if unix_ping && tls_ping; then log "dockerd is up (pid $pid)"; return 0; fi
    sleep 0.2
  done
  log "dockerd did not answer within 60 s; last lines of $DIR/dockerd.log:"
  tail -n 30 "$DIR/dockerd.log" >&2 || true
  exit 1
}

# Leftovers after our dockerd died hard (SIGKILL, OOM): container processes
# (found through runc's state under our exec root), containerd started by
# dockerd (pid file under our exec root) and shims pointing at its socket.
# Only call this when our dockerd is not running.
kill_stray_containerd() {
  local x
  for x in "$DIR"/exec "$DIR"/exec-*; do [ -d "$x" ] && kill_stray_in "$x"; done
  return 0
}

kill_stray_in() { # exec root
  local x=$1 pid p id rr="$1/runtime-runc/moby"
  if [ -d "$rr" ] && command -v runc >/dev/null 2>&1; then
    for id in $(runc --root "$rr" list -q 2>/dev/null || true); do
      log "killing stray container ${id:0:12}"
      runc --root "$rr" kill --all "$id" KILL 2>/dev/null || true
      sleep 0.2
      runc --root "$rr" delete --force "$id" 2>/dev/null || true
    done
  fi
  pid=$(read_pid "$x/containerd/containerd.pid")
  if pid_matches "$pid" containerd "$x/"; then
    log "stray containerd of ours (pid $pid)"
    kill_pid "$pid" containerd
  fi
  # dockerd trusts this pid file: a dead containerd that is still a zombie
  # (pid 1 here reaps late) would make it wait for that one, then give up.
  alive "$pid" || rm -f "$x/containerd/containerd.pid"
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    case $(cat "/proc/$p/comm" 2>/dev/null || true) in
      containerd*) pid_matches "$p" "$x/" && kill_pid "$p" "stray $(cat "/proc/$p/comm" 2>/dev/null)" ;;
    esac
  done
  return 0
}

# dockerd bind-mounts its data root onto itself (and leaves it after exit);
# after a SIGKILL, container and netns mounts may remain too. Unmount what is
# under our data root and exec root. Only call this when our dockerd is not running.
unmount_ours() {
  local m
  { awk '{print $5}' /proc/self/mountinfo | grep -F "$DIR/" || true; } | sort -r | while read -r m; do
    m=$(printf '%b' "$m")
    case $m in "$DIR"/root | "$DIR"/root-* | "$DIR"/root/* | "$DIR"/exec/* | "$DIR"/exec-*/*)
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "WARNING: could not unmount $m" ;;
    esac
  done
}

# ---------------------------------------------------------------- registry
start_registry() {
  local pid code i
  mkdir -p "$REG/data"
  if [ ! -s "$REG/password" ]; then
    (umask 077; openssl rand -hex 16 >"$REG/password")
    rm -f "$REG/htpasswd"
  fi
  [ -s "$REG/htpasswd" ] || htpasswd -Bbn "$REG_USER" "$(cat "$REG/password")" >"$REG/htpasswd" 2>/dev/null
  pid=$(registry_pid)
  if [ -n "$pid" ]; then
    if grep -q "addr: 127.0.0.1:$REG_PORT\$" "$REG/config.yml" 2>/dev/null; then
      for ((i = 0; i < 50; i++)); do
        [ "$(registry_code)" = 401 ] && { log "registry already running (pid $pid)"; return 0; }
        alive "$pid" || break; sleep 0.2
      done
    fi
    kill_pid "$pid" registry
  fi
  code=$(registry_code)
  [ "$code" = 000 ] || [ -z "$code" ] ||
    die "something else answers on 127.0.0.1:$REG_PORT (HTTP $code); set BERTH_REGISTRY_PORT to a free port"

  cat >"$REG/config.yml" <<EOF
version: 0.1
log:
  level: info
  fields:
    service: berth-registry
storage:
  filesystem:
    rootdirectory: $REG/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REG_PORT
  secret: $(openssl rand -hex 16)
  headers:
    X-Content-Type-Options: [nosniff]
auth:
  htpasswd:
    realm: berth-registry
    path: $REG/htpasswd
EOF
  rm -f "$DIR/registry.pid"
  [ -f "$DIR/registry.log" ] && mv -f "$DIR/registry.log" "$DIR/registry.log.1"
  log "starting registry on 127.0.0.1:$REG_PORT"
  env -u DOCKER_HOST setsid bash -c "$DETACH" "$DIR/registry.pid" \
    docker-registry serve "$REG/config.yml" </dev/null >"$DIR/registry.log" 2>&1 9>&- &
  for ((i = 0; i < 50; i++)); do [ -s "$DIR/registry.pid" ] && break; sleep 0.1; done
  pid=$(read_pid "$DIR/registry.pid")
  for ((i = 0; i < 150; i++)); do
    if ! alive "$pid"; then
      log "registry died; last lines of $DIR/registry.log:"; tail -n 20 "$DIR/registry.log" >&2 || true; exit 1
    fi
    [ "$(registry_code)" = 401 ] && { log "registry is up (pid $pid)"; return 0; }
    sleep 0.2
  done
  log "registry did not answer 401 within 30 s"; tail -n 20 "$DIR/registry.log" >&2 || true; exit 1
}

# ---------------------------------------------------------------- sshd
# An sshd of our own on 127.0.0.1:$SSH_PORT (its own config, host key and
# authorized_keys in $SSHD_DIR), so ssh:// addresses can be tested: the remote
# side is this machine, its docker CLI relays to our engine (docker --host=unix://...).
start_sshd() {
  local pid i
  mkdir -p "$SSHD_DIR" /run/sshd
  [ -s "$SSHD_DIR/ssh_host_ed25519_key" ] ||
    ssh-keygen -q -t ed25519 -N '' -C berth-test-host -f "$SSHD_DIR/ssh_host_ed25519_key" >&2
  [ -s "$SSHD_DIR/id_ed25519" ] ||
    ssh-keygen -q -t ed25519 -N '' -C berth-test-client -f "$SSHD_DIR/id_ed25519" >&2
  cp "$SSHD_DIR/id_ed25519.pub" "$SSHD_DIR/authorized_keys"
  chmod 600 "$SSHD_DIR/ssh_host_ed25519_key" "$SSHD_DIR/id_ed25519"
  printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$SSHD_DIR/ssh_host_ed25519_key.pub")" \
    >"$SSHD_DIR/known_hosts"
  pid=$(sshd_pid)
  if [ -n "$pid" ]; then
    if grep -qx "Port $SSH_PORT" "$SSHD_DIR/sshd_config" 2>/dev/null && ssh_ping; then
      log "sshd already running (pid $pid)"; return 0
    fi
    kill_pid "$pid" sshd
  fi
  ! port_in_use "$SSH_PORT" ||
    die "something else listens on 127.0.0.1:$SSH_PORT; set BERTH_SSH_PORT to a free port"

  # SetEnv PATH: the remote `docker` is docker.io's CLI, /usr/bin/docker.
  cat >"$SSHD_DIR/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $SSHD_DIR/ssh_host_ed25519_key
PidFile $SSHD_DIR/sshd.pid
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowAgentForwarding no
PrintMotd no
PrintLastLog no
MaxStartups 50:30:100
SetEnv PATH=/usr/bin:/bin:/usr/sbin:/sbin
EOF
  /usr/sbin/sshd -t -f "$SSHD_DIR/sshd_config" >&2 || die "sshd rejects $SSHD_DIR/sshd_config"
  rm -f "$SSHD_DIR/sshd.pid" "$SSHD_DIR/sshd.launch.pid"
  [ -f "$SSHD_DIR/sshd.log" ] && mv -f "$SSHD_DIR/sshd.log" "$SSHD_DIR/sshd.log.1"
  log "starting sshd on 127.0.0.1:$SSH_PORT"
  env -u DOCKER_HOST -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH setsid bash -c "$DETACH" "$SSHD_DIR/sshd.launch.pid" \
    /usr/sbin/sshd -D -f "$SSHD_DIR/sshd_config" -E "$SSHD_DIR/sshd.log" </dev/null >/dev/null 2>&1 9>&- &
  for ((i = 0; i < 50; i++)); do [ -s "$SSHD_DIR/sshd.launch.pid" ] && break; sleep 0.1; done
  pid=$(read_pid "$SSHD_DIR/sshd.launch.pid")
  for ((i = 0; i < 100; i++)); do
    if ! alive "$pid"; then
      log "sshd died; last lines of $SSHD_DIR/sshd.log:"; tail -n 20 "$SSHD_DIR/sshd.log" >&2 || true; exit 1
    fi
    ssh_ping && { log "sshd is up (pid $pid)"; return 0; }
    sleep 0.2
  done
  log "no ssh login on 127.0.0.1:$SSH_PORT within 20 s; last lines of $SSHD_DIR/sshd.log:"
  tail -n 20 "$SSHD_DIR/sshd.log" >&2 || true; exit 1
}

stop_sshd() {
  local pid; pid=$(sshd_pid)
  if [ -n "$pid" ]; then kill_pid "$pid" sshd; fi
  rm -f "$SSHD_DIR/sshd.pid" "$SSHD_DIR/sshd.launch.pid"
}

# ---------------------------------------------------------------- base image
ensure_image() {
  if dk image inspect "$IMAGE" >/dev/null 2>&1; then log "image $IMAGE present"; return 0; fi
  log "importing $IMAGE"
  local b="$DIR/build"
  busybox_rootfs_tar "$b"
  dk import --change 'CMD ["sh"]' --change 'ENV PATH=/bin' --change 'LABEL dev.berth.test=1' \
    "$b/rootfs.tar" "$IMAGE" >&2
  rm -rf "$b"
}

# ---------------------------------------------------------------- env
write_env() {
  local pw; pw=$(cat "$REG/password")
  {
    printf 'export DOCKER_HOST=%q\n' "$(engine_host)"
    if [ "$(mode)" = own ]; then
      printf 'export BERTH_TEST_TLS_HOST=%q\n' "tcp://127.0.0.1:$PORT"
      printf 'export BERTH_TEST_CERTS=%q\n' "$CERTS"
      printf 'export BERTH_TEST_SSH_HOST=%q\n' "ssh://root@127.0.0.1:$SSH_PORT"
      printf 'export BERTH_TEST_SSH_KEY=%q\n' "$SSHD_DIR/id_ed25519"
      printf 'export BERTH_TEST_ENGINE=%q\n' "$(running_engine)"
    fi
    printf 'export BERTH_TEST_REGISTRY=%q\n' "127.0.0.1:$REG_PORT"
    printf 'export BERTH_TEST_REGISTRY_USER=%q\n' "$REG_USER"
    printf 'export BERTH_TEST_REGISTRY_PASSWORD=%q\n' "$pw"
    printf 'export BERTH_TEST_IMAGE=%q\n' "$IMAGE"
    printf 'export BERTH_ENGINE_DIR=%q\n' "$DIR"
  } >"$DIR/env.tmp"
  mv -f "$DIR/env.tmp" "$DIR/env"
}

# DOCKER_HOST naming our own engine (e.g. left over from an earlier eval).
is_own_host() {
  case $1 in
    "unix://$SOCK") return 0 ;;
    "tcp://127.0.0.1:$PORT" | "tcp://localhost:$PORT") [ -n "$(dockerd_pid)" ] ;;
    *) return 1 ;;
  esac
}

# ---------------------------------------------------------------- commands
cmd_start() {
  local t0=$SECONDS
  mkdir -p "$DIR"
  exec 9>"$DIR/.lock"
  flock 9
  local probe="$DIR/exec-28c/containerd/containerd.sock.ttrpc"
  [ ${#probe} -lt 100 ] || die "BERTH_ENGINE_DIR is too long for unix socket paths: $DIR"
  ensure_packages
  ENGINE=${WANT_ENGINE:-}
  if [ -z "$ENGINE" ]; then
    if [ -n "$(dockerd_pid)" ]; then ENGINE=$(running_engine); else ENGINE=20.10; fi
  fi
  check_engine "$ENGINE"

  local ext=${DOCKER_HOST:-}
  if [ -n "$ext" ] && ! is_own_host "$ext"; then
    if timeout 20 "$(docker_cli)" -H "$ext" version >/dev/null 2>&1; then
      log "reusing external engine $ext (no dockerd started, no TLS endpoint)"
      [ -z "$(dockerd_pid)" ] || log "WARNING: our own dockerd (pid $(dockerd_pid)) from $DIR still runs; '$0 stop' stops it"
      echo "$ext" >"$DIR/external-host"
      echo external >"$DIR/mode"
    else
      log "DOCKER_HOST=$ext does not answer; starting our own engine"
      ext=
    fi
  else
    ext=
  fi
  if [ -z "$ext" ]; then
    echo own >"$DIR/mode"
    rm -f "$DIR/external-host"
    start_dockerd
    start_sshd
  fi
  start_registry
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
  pid=$(registry_pid)
  if [ -n "$pid" ]; then kill_pid "$pid" registry; else log "registry not running"; fi
  rm -f "$DIR/registry.pid"
  if [ -n "$(sshd_pid)" ]; then stop_sshd; elif [ "$(mode)" = own ]; then log "sshd not running"; fi
  pid=$(dockerd_pid)
  if [ -n "$pid" ]; then
    kill_pid "$pid" dockerd
  elif [ "$(mode)" = external ]; then
    log "engine is external ($(cat "$DIR/external-host" 2>/dev/null)); left alone"
  else
    log "dockerd not running"
  fi
  if [ "$(mode)" = own ] && [ -z "$(dockerd_pid)" ]; then
    kill_stray_containerd
    unmount_ours
    rm -f "$DIR/docker.pid" "$DIR/dockerd.launch.pid"
  fi
  rm -f "$DIR/env"
  log "stopped (data kept in $DIR)"
}

cmd_status() {
  local ok=0 pid host engine_up=no
  if [ "$(mode)" = external ]; then
    host=$(cat "$DIR/external-host" 2>/dev/null || true)
    if [ -n "$host" ] && timeout 20 "$(docker_cli)" -H "$host" version >/dev/null 2>&1; then
      log "engine:   external $host, answers"; engine_up=yes
    else
      log "engine:   external ${host:-?}, NOT answering"; ok=1
    fi
  else
    pid=$(dockerd_pid)
    if [ -z "$pid" ]; then log "dockerd:  not running"; ok=1
    else
      local u=no t=no
      unix_ping && u=yes; tls_ping && t=yes
      log "dockerd:  Engine $(running_engine), pid $pid, unix://$SOCK answers: $u, tcp://127.0.0.1:$PORT (TLS) answers: $t"
      [ $u = yes ] && [ $t = yes ] || ok=1
      engine_up=$u
    fi
  fi
  if [ "$(mode)" = own ]; then
    pid=$(sshd_pid)
    if [ -z "$pid" ]; then log "sshd:     not running"; ok=1
    else
      SSH_PORT=$(sed -n 's/^Port \([0-9]*\)$/\1/p' "$SSHD_DIR/sshd_config")
      local s=no; ssh_ping && s=yes
      log "sshd:     pid $pid, ssh://root@127.0.0.1:$SSH_PORT login and remote docker: $s"
      [ $s = yes ] || ok=1
    fi
  fi
  pid=$(registry_pid)
  if [ -n "$pid" ]; then
    REG_PORT=$(sed -n 's/^ *addr: 127.0.0.1:\([0-9]*\)$/\1/p' "$REG/config.yml")
    local code; code=$(registry_code)
    log "registry: pid $pid, http://127.0.0.1:$REG_PORT/v2/ -> HTTP $code"
    [ "$code" = 401 ] || ok=1
  else log "registry: not running"; ok=1
  fi
  if [ $engine_up = yes ]; then
    if dk image inspect "$IMAGE" >/dev/null 2>&1; then log "image:    $IMAGE present"
    else log "image:    $IMAGE missing"; ok=1; fi
  else
    log "image:    unknown (engine down)"
  fi
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
  buildx) cmd_buildx ;;
  *) echo "usage: [BERTH_ENGINE=20.10|28|28-containerd] $0 start|stop|env|status|buildx" >&2; exit 2 ;;
esac
