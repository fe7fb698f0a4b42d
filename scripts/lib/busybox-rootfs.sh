# Sourced by scripts/engine.sh and scripts/podman.sh: builds the test bed's base image root filesystem.
# busybox_rootfs_tar DIR: writes DIR/rootfs.tar (busybox-static with its applet links, /etc/passwd and group,
# /var/www/index.html holding "berth", a 1777 /tmp), reproducibly (sorted, owner 0, mtime 0). Needs die().
busybox_rootfs_tar() {
  local b=$1 bb=/bin/busybox r a
  [ -x "$bb" ] || bb=/usr/bin/busybox
  if ldd "$bb" >/dev/null 2>&1; then die "$bb is dynamically linked; install busybox-static"; fi
  rm -rf "$b" && mkdir -p "$b/rootfs"
  r=$b/rootfs
  mkdir -p "$r"/{bin,etc,proc,sys,dev,root,var/www} && mkdir -m 1777 "$r/tmp"
  cp "$bb" "$r/bin/busybox"
  for a in $("$bb" --list) sh ls cat echo sleep httpd top ps wget head tail true false env id mkdir rm \
      touch dd yes seq printf grep sed awk kill hostname date wc tr sort uniq tee stat nc mount df du chmod; do
    [ -e "$r/bin/$a" ] || [ "$a" = busybox ] || ln -s busybox "$r/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$r/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$r/etc/group"
  echo berth >"$r/var/www/index.html"
  chmod 1777 "$r/tmp"
  tar -C "$r" --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf "$b/rootfs.tar" .
}
