#!/usr/bin/env bash
# Cluster mode's sink lag (SPEC §15, issue 17): submissions paced at RATE/s over CLIENTS
# keep-alive clients spread over two entry nodes, against a local 3-broker KRaft cluster and
# a sink node (csv, database on MariaDB, export); the lag of a record is the time from its
# acknowledgement to its row in MariaDB (bench/SyncLag.java: a poller reads MAX(campaign_id)
# every 5 ms). Then the same rate against one local-mode server on MariaDB, same method.
# Usage: bench/cluster-lag.sh [RATE] [SECONDS]   (default 1000/s, 20 s after WARMUP, default 30 s)
# CLIENTS (default 256). Needs MariaDB on 127.0.0.1:3306 (root, empty password).
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-1000}; DURATION=${2:-20}; WARMUP=${WARMUP:-30}; CLIENTS=${CLIENTS:-256}
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d)
PIDS=()
SQL() { mariadb -h127.0.0.1 -uroot "$@"; }
LIB=$(unzip -Z1 "$JAR" | grep 'mariadb-java-client.*\.jar$'); unzip -q -o "$JAR" "$LIB" -d "$WORK"
DRIVER="$WORK/$LIB"
DB=bench_cluster_lag_$$
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  cluster/local-kafka.sh stop "$WORK/kafka" >/dev/null 2>&1 || true
  SQL -e "DROP DATABASE IF EXISTS $DB" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
MARIADB=(--spring.profiles.active=mysql --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB"
  --spring.datasource.username=root --spring.datasource.password=)
node() { # name port args...
  local name=$1 port=$2; shift 2
  java -Xmx512m -jar "$JAR" --server.port="$port" --pipeline.data-dir="$WORK/$name" --logging.level.root=WARN \
    "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
healthy() { for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return; sleep 0.5; done; echo "port $1 not healthy" >&2; exit 1; }
lag() { # label urls seconds
  java -Dclients="$CLIENTS" -cp "$DRIVER" bench/SyncLag.java "$2" "jdbc:mariadb://127.0.0.1:3306/$DB?user=root" "$RATE" "$3"
}

echo "machine: $(nproc) cores, MariaDB $(SQL -N -e 'select version()'), $CLIENTS clients, $RATE/s"
SQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
bootstrap=$(cluster/local-kafka.sh start 3 "$WORK/kafka" | tail -1 | sed 's/^bootstrap=//')
KAFKA=(--pipeline.queue.kind=kafka --pipeline.kafka.bootstrap-servers="$bootstrap")
node sink 18291 "${KAFKA[@]}" --pipeline.roles=csv,database,export "${MARIADB[@]}"
node entry1 18292 "${KAFKA[@]}" --pipeline.roles=entry
node entry2 18293 "${KAFKA[@]}" --pipeline.roles=entry
healthy 18291; healthy 18292; healthy 18293
ENTRIES=http://127.0.0.1:18292,http://127.0.0.1:18293
lag warmup "$ENTRIES" "$WARMUP" >/dev/null
echo "cluster (2 entry nodes, 3 brokers, database sink): $(lag cluster "$ENTRIES" "$DURATION")"
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
wait "${PIDS[@]}" 2>/dev/null || true
PIDS=()
cluster/local-kafka.sh stop "$WORK/kafka" >/dev/null

SQL -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
node local 18294 "${MARIADB[@]}"
healthy 18294
lag warmup http://127.0.0.1:18294 "$WARMUP" >/dev/null
echo "local mode (one server, fsync'd CSV, sync):       $(lag local http://127.0.0.1:18294 "$DURATION")"
