#!/usr/bin/env bash
# Builds the server and the benchmarks, then runs the search benchmark (several minutes per
# database at the default size). Options: bench/run-search.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(scripts/find-java)"
export JAVA_HOME
./mvnw -B -q -Dparley.skipWeb=true -DskipTests -pl server,bench -am package >&2
exec "$JAVA_HOME/bin/java" -Xmx4g --enable-native-access=ALL-UNNAMED \
  -cp server/target/parley.jar:bench/target/classes org.parley.bench.search.SearchBenchmark "$@"
