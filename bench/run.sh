#!/usr/bin/env bash
# Runs load scenarios against a fresh Parley or reference (Node.js) server on this machine.
#
#   bench/run.sh SCENARIO --target parley|reference [--db sqlite|postgres] [--generator-option value]...
#
# SCENARIO: idle | ladder | chatmix | reconnect | largeroom | all (all = the five in that order, one server).
# Starts the server on a fresh data directory, registers the accounts and rooms once, runs the
# scenario(s) with per-scenario profiles, stops the server. Every socket is its own account by
# default (--sockets-per-account N to share); accounts are registered 16 at a time. Results: bench/results/<target>[-db]-<scenario>.json;
# profiles and logs: $BENCH_WORK (default /tmp/parley-load). Extra options go to the generator
# (e.g. --hold 60, --rates 200,400, --max 8000). Every loop is bounded and the run ends by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SCENARIO=${1:?usage: bench/run.sh idle|ladder|chatmix|reconnect|largeroom|all --target parley|reference [--db sqlite|postgres]}
shift
TARGET=parley
DB=sqlite
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) TARGET=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    *) EXTRA+=("$1" "$2"); shift 2 ;;
  esac
done
[[ $TARGET == parley || $TARGET == reference ]] || { echo "--target parley|reference" >&2; exit 2; }
[[ $TARGET == reference && $DB != sqlite ]] && { echo "the reference server persists to SQLite only" >&2; exit 2; }

JAVA_HOME="$(scripts/find-java)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
LABEL=$TARGET; [[ $TARGET == parley ]] && LABEL="parley-$DB"
WORK=${BENCH_WORK:-/tmp/parley-load}/$LABEL
RESULTS=$ROOT/bench/results
rm -rf "$WORK"; mkdir -p "$WORK/profiles" "$RESULTS"

# build: the server jar (without the web app) and the load generator (plain JDK, no dependencies)
if [[ $TARGET == parley && ( ! -f server/target/parley.jar || -n "${BENCH_REBUILD:-}" ) ]]; then
  ./mvnw -B -q -DskipTests -Dparley.skipWeb=true package -pl server >&2
fi
mkdir -p bench/target/load-classes
javac -d bench/target/load-classes bench/src/main/java/org/parley/bench/load/*.java
if [[ $TARGET == reference && ! -d bench/reference-node/node_modules ]]; then
  (cd bench/reference-node && npm ci --no-audit --no-fund >&2)
fi

if [[ $TARGET == parley ]]; then
  PORT=${BENCH_PARLEY_PORT:-18080}
  DBARGS=()
  if [[ $DB == postgres ]]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS parley_bench" -c "CREATE DATABASE parley_bench" >&2
    DBARGS=(--database-url "jdbc:postgresql://127.0.0.1:5432/parley_bench?user=postgres")
  fi
  GCLOG=$WORK/gc.log
  cp "${BENCH_PARLEY_JAR:-server/target/parley.jar}" "$WORK/parley.jar" # a private copy: a rebuild of the tree must not swap classes under the server (BENCH_PARLEY_JAR: another build)
  # the collector and stack size ./parley uses (G1); BENCH_PARLEY_JVM_OPTS replaces them for experiments
  read -r -a JVM_OPTS <<<"${BENCH_PARLEY_JVM_OPTS:--XX:+UseG1GC -Xss512k}"
  java "${JVM_OPTS[@]}" --enable-native-access=ALL-UNNAMED -Xlog:gc,gc+phases=info:file="$GCLOG" -XX:StartFlightRecording=filename="$WORK/profiles/parley.jfr",settings=profile,dumponexit=true \
    -jar "$WORK/parley.jar" --port $PORT --host 127.0.0.1 --data-dir "$WORK/data" \
    --access-token-ttl-seconds 86400 --message-burst 100000 --messages-per-minute 100000 \
    --registrations-per-address-per-hour 100000 --password-hash-concurrency 2 --password-hash-memory-kib 1024 \
    --login-max-failures-per-address 100000 --max-connections-per-user 100000 \
    --pending-sockets-per-address 100000 "${DBARGS[@]}" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
else
  PORT=${BENCH_REFERENCE_PORT:-13300}
  GCLOG=$WORK/server.log
  PROFILE_DIR=$WORK/profiles node --trace-gc bench/reference-node/server.js --port $PORT --data-dir "$WORK/data" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
fi
stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || return 0; sleep 1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 60); do
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
  grep -q -E "listening on|reference server on" "$WORK/server.log" && curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 1
done
kill -0 "$SERVER_PID" 2>/dev/null || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
echo "== $LABEL server pid $SERVER_PID on :$PORT" >&2

GEN=(java -Xmx4g -XX:+UseParallelGC -cp bench/target/load-classes org.parley.bench.load.LoadGen)
COMMON=(--url "http://127.0.0.1:$PORT" --state "$WORK/state.txt" --server-pid "$SERVER_PID" --gc-log "$GCLOG" --target "$TARGET" --label "$LABEL")
# the fixture is sized from the scenario and its options (one account per socket unless --sockets-per-account)
"${GEN[@]}" setup --url "http://127.0.0.1:$PORT" --state "$WORK/state.txt" --for "$SCENARIO" "${EXTRA[@]}"

# Parley records one JFR file for the whole run (sliced per scenario afterwards by time, see
# ProfileSummary); the reference server writes one V8 CPU profile per scenario.
profile_start() {
  date -u +%Y-%m-%dT%H:%M:%S.%NZ >"$WORK/profiles/$1.start"
  [[ $TARGET == reference ]] && kill -USR2 "$SERVER_PID"
  return 0
}
PROFILES_WRITTEN=0 # the reference server numbers its profiles 1, 2, ... in the order they are stopped
profile_stop() { # $1 = scenario
  date -u +%Y-%m-%dT%H:%M:%S.%NZ >"$WORK/profiles/$1.end"
  if [[ $TARGET == reference ]]; then
    PROFILES_WRITTEN=$((PROFILES_WRITTEN + 1))
    kill -USR2 "$SERVER_PID"
    for _ in $(seq 1 20); do [[ -f "$WORK/profiles/$PROFILES_WRITTEN.cpuprofile" ]] && break; sleep 1; done
    mv "$WORK/profiles/$PROFILES_WRITTEN.cpuprofile" "$WORK/profiles/$1.cpuprofile" 2>/dev/null || true
  fi
}

FAILED=0
run_one() { # $1 = scenario
  echo "== $LABEL $1" >&2
  profile_start "$1"
  if ! "${GEN[@]}" "$1" "${COMMON[@]}" --out "$RESULTS/$LABEL-$1.json" "${EXTRA[@]}" >/dev/null; then
    echo "!! $LABEL $1 FAILED (lost/duplicated messages, refused sends or failed connections; see $RESULTS/$LABEL-$1.json)" >&2
    FAILED=1
  fi
  profile_stop "$1"
}
if [[ $SCENARIO == all ]]; then
  for s in idle ladder chatmix reconnect largeroom; do run_one "$s"; done
else
  run_one "$SCENARIO"
fi
stop_server
trap - EXIT
if [[ $TARGET == parley ]]; then
  for s in idle ladder chatmix reconnect largeroom; do
    [[ -f "$WORK/profiles/$s.start" ]] || continue
    java -cp bench/target/load-classes org.parley.bench.load.ProfileSummary "$WORK/profiles/parley.jfr" \
      "$(cat "$WORK/profiles/$s.start")" "$(cat "$WORK/profiles/$s.end")" >"$WORK/profiles/$s.txt" 2>&1 || true
  done
else
  for f in "$WORK"/profiles/*.cpuprofile; do
    [[ -f $f ]] && node bench/reference-node/profile-summary.js "$f" 30 >"${f%.cpuprofile}.txt" 2>&1 || true
  done
fi
echo "== $LABEL done; profiles in $WORK/profiles" >&2
exit $FAILED
