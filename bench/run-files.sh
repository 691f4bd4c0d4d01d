#!/usr/bin/env bash
# Builds the server and the benchmarks, then runs the upload benchmark (about a minute at 1 GiB;
# needs 5x the size free in the directory). Options: --mib N (default 1024), --dir PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(scripts/find-java)"
export JAVA_HOME
./mvnw -B -q -Dparley.skipWeb=true -DskipTests -pl server,bench -am package >&2
# a small heap on purpose: four parallel 1 GiB uploads must fit in it
exec "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED \
  -cp server/target/parley.jar:bench/target/classes org.parley.bench.files.UploadBenchmark "$@"
