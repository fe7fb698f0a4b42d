#!/usr/bin/env bash
# Runs a Java program with an application class-data archive (AppCDS), made on its first run:
#   scripts/appcds.sh ARCHIVE -cp CLASSPATH MAIN [ARGS...]     any java options may come before MAIN
# JDK 19 and later: -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=ARCHIVE (the JVM makes and remakes it).
# JDK 13 to 18: the first run (no ARCHIVE, or one older than a jar or folder of the class path) runs with
# -XX:ArchiveClassesAtExit=ARCHIVE and writes it at exit; later runs map it with -XX:SharedArchiveFile=ARCHIVE.
# The archive holds the classes that run loaded, parsed and verified; it only fits the same JDK and the same class
# path (the JVM checks, and runs without it, silently, when they differ). See docs/coldstart.md.
set -euo pipefail
if (($# < 2)); then
  echo "usage: scripts/appcds.sh ARCHIVE [java options] MAIN [args]" >&2
  exit 2
fi
archive=$1; shift
java=${JAVA:-java}
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if ((${feature:-17} >= 19)); then
  exec "$java" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive" "$@"
fi

# The class path, to tell whether the archive is older than what it was made from.
cp=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    -cp | -classpath | --class-path) cp=${args[i + 1]:-} ;;
  esac
done
stale=0
if [ ! -f "$archive" ]; then
  stale=1
else
  IFS=: read -ra entries <<<"$cp"
  for entry in "${entries[@]}"; do
    if [ -e "$entry" ] && [ -n "$(find "$entry" -newer "$archive" -print -quit 2>/dev/null)" ]; then
      stale=1
      break
    fi
  done
fi
if ((stale)); then
  rm -f "$archive"
  exec "$java" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "$@"
fi
exec "$java" -XX:SharedArchiveFile="$archive" "$@"
