#!/usr/bin/env bash
# Opens JShell with Berth on the class path and its packages imported. With a file argument, runs that script:
#   scripts/jshell.sh                               # interactive: var docker = dev.berth.Docker.connect();
#   scripts/jshell.sh examples/jshell/quickstart.jsh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl examples dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/jshell.classpath
exec jshell --class-path "examples/target/classes:$(cat examples/target/jshell.classpath)" \
  --startup DEFAULT --startup examples/jshell-imports.jsh "$@"
