#!/usr/bin/env bash
# Runs the three-node scenario: three Parley nodes on one fresh PostgreSQL database and a Redis of
# their own, on this machine.
#
#   bench/run-cluster.sh [--generator-option value]...   (e.g. --rate 100 --hold 25 --chat-rooms 15)
#
# Builds the server jar if missing (BENCH_REBUILD=1 to force), creates the database parley_cluster,
# starts redis-server on a free port (no persistence), starts the nodes on ports 18081-18083
# (management ports 19461-19463, data dirs under $BENCH_WORK), each with the same raised limits as
# run.sh and one shared token secret, registers the accounts once (one per socket) through node 1,
# runs the generator's cluster scenario, stops everything. Result: bench/results/parley-cluster.json;
# logs: $BENCH_WORK/parley-cluster (default /tmp/parley-load). Every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NODES=3
EXTRA=("$@")
(( ${#EXTRA[@]} % 2 == 0 )) || { echo "options come in pairs: --name value" >&2; exit 2; }
has_opt() { local o; for o in "${EXTRA[@]}"; do [[ $o == "$1" ]] && return 0; done; return 1; }
has_opt --chat-rooms || EXTRA+=(--chat-rooms 15)

JAVA_HOME="$(scripts/find-java)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
WORK=${BENCH_WORK:-/tmp/parley-load}/parley-cluster
RESULTS=$ROOT/bench/results
rm -rf "$WORK"; mkdir -p "$WORK" "$RESULTS"

if [[ ! -f server/target/parley.jar || -n "${BENCH_REBUILD:-}" ]]; then
  ./mvnw -B -q -DskipTests -Dparley.skipWeb=true package -pl server >&2
fi
mkdir -p bench/target/load-classes
javac -d bench/target/load-classes bench/src/main/java/org/parley/bench/load/*.java
cp "${BENCH_PARLEY_JAR:-server/target/parley.jar}" "$WORK/parley.jar"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
PIDS=()
stop_all() {
  local p i
  # the nodes first, then Redis (the first entry), so that nodes stop cleanly
  for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do kill -TERM "${PIDS[$i]}" 2>/dev/null || true; done
  for ((i = ${#PIDS[@]} - 1; i >= 1; i--)); do
    p=${PIDS[$i]}
    for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  for p in "${PIDS[0]:-}"; do
    [[ -n $p ]] || continue
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -KILL "$p" 2>/dev/null || true
  done
}
trap stop_all EXIT
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 20); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.5; done
redis-cli -p "$REDIS_PORT" ping >/dev/null || { echo "redis did not start" >&2; cat "$WORK/redis.log" >&2; exit 1; }

psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS parley_cluster" -c "CREATE DATABASE parley_cluster" >&2
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
read -r -a JVM_OPTS <<<"${BENCH_PARLEY_JVM_OPTS:--XX:+UseG1GC -Xss512k -Xmx1g}"
NODE_PIDS=(); URLS=(); METRICS=()
for i in $(seq 1 $NODES); do
  PORT=$((18080 + i)); MPORT=$((19460 + i))
  mkdir -p "$WORK/node$i"
  # the first node migrates the fresh database; the others start once it is up
  java "${JVM_OPTS[@]}" --enable-native-access=ALL-UNNAMED -Xlog:gc:file="$WORK/node$i/gc.log" \
    -jar "$WORK/parley.jar" --port $PORT --host 127.0.0.1 --data-dir "$WORK/node$i/data" --management-port $MPORT \
    --database-url "jdbc:postgresql://127.0.0.1:5432/parley_cluster?user=postgres" --redis-url "redis://127.0.0.1:$REDIS_PORT" \
    --jwt-secret "$SECRET" \
    --access-token-ttl-seconds 86400 --message-burst 100000 --messages-per-minute 100000 \
    --registrations-per-address-per-hour 100000 --password-hash-concurrency 2 --password-hash-memory-kib 1024 \
    --login-max-failures-per-address 100000 --max-connections-per-user 100000 \
    --pending-sockets-per-address 100000 >"$WORK/node$i/server.log" 2>&1 &
  PID=$!
  PIDS+=("$PID"); NODE_PIDS+=("$PID")
  URLS+=("http://127.0.0.1:$PORT"); METRICS+=("http://127.0.0.1:$MPORT/metrics")
  for _ in $(seq 1 90); do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/node$i/server.log" >&2; exit 1; }
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "node $i did not start" >&2; cat "$WORK/node$i/server.log" >&2; exit 1; }
  echo "== node $i pid $PID on :$PORT, metrics :$MPORT" >&2
done
join() { local IFS=,; echo "$*"; }

GEN=(java -Xmx2g -XX:+UseParallelGC -cp bench/target/load-classes org.parley.bench.load.LoadGen)
"${GEN[@]}" setup --url "${URLS[0]}" --state "$WORK/state.txt" --for cluster "${EXTRA[@]}"
echo "== load average before: $(cat /proc/loadavg)" >&2
FAILED=0
if ! "${GEN[@]}" cluster --url "${URLS[0]}" --state "$WORK/state.txt" --target parley --label parley-cluster \
    --nodes "$(join "${URLS[@]}")" --server-pids "$(join "${NODE_PIDS[@]}")" --metrics "$(join "${METRICS[@]}")" \
    --out "$RESULTS/parley-cluster.json" "${EXTRA[@]}" >/dev/null; then
  echo "!! cluster FAILED (lost/duplicated messages, refused sends or failed connections; see $RESULTS/parley-cluster.json)" >&2
  FAILED=1
fi
echo "== load average after: $(cat /proc/loadavg)" >&2
stop_all
trap - EXIT
exit $FAILED
