#!/usr/bin/env bash
# Database lag (acknowledged -> row in MariaDB) of two variants, alternating A B A B …, so a
# noisy machine affects both alike. A variant is a jar plus arguments, e.g. a setting.
# Usage: bench/sync-lag-ab.sh ROUNDS "A.jar [args]" "B.jar [args]" [RATE] [SECONDS]
#   defaults: RATE 1000 submissions/s, SECONDS 20 measured after WARMUP (default 60) s at RATE.
# Method as bench/sync-benchmark.sh part 1 (bench/SyncLag.java: 64 keep-alive clients, paced,
# a poller reading MAX(campaign_id) every 5 ms). Needs MariaDB on 127.0.0.1:3306 (root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:?rounds}; A=${2:?variant A}; B=${3:?variant B}; RATE=${4:-1000}; DURATION=${5:-20}
WORK=$(mktemp -d); PORT=${PORT:-18283}
SQL() { mariadb -h127.0.0.1 -uroot "$@"; }
FIRST_JAR=${A%% *}
LIB=$(unzip -Z1 "$FIRST_JAR" | grep 'mariadb-java-client.*\.jar$'); unzip -q -o "$FIRST_JAR" "$LIB" -d "$WORK"
DRIVER="$WORK/$LIB"
trap 'kill ${APP:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT

run() { # label, "jar args..."
  local label=$1; read -r -a variant <<< "$2"
  local db="bench_lag_$$_$label"
  SQL -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
  rm -rf "$WORK/data"
  java -Xmx1g -jar "${variant[0]}" "${variant[@]:1}" --server.port=$PORT --pipeline.data-dir="$WORK/data" \
    --spring.profiles.active=mysql --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$db" \
    --spring.datasource.username=root --spring.datasource.password= --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 0.5; done
  local url="jdbc:mariadb://127.0.0.1:3306/$db?user=root"
  java -cp "$DRIVER" bench/SyncLag.java "http://127.0.0.1:$PORT" "$url" "$RATE" "${WARMUP:-60}" > /dev/null
  echo "$label $(java -cp "$DRIVER" bench/SyncLag.java "http://127.0.0.1:$PORT" "$url" "$RATE" "$DURATION")"
  kill $APP; wait $APP 2>/dev/null || true
  SQL -e "DROP DATABASE $db"
}

echo "machine: $(nproc) cores, MariaDB $(SQL -N -e 'select version()'); A = $A; B = $B"
for _ in $(seq 1 "$ROUNDS"); do run A "$A"; run B "$B"; done
