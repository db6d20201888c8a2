#!/usr/bin/env bash
# Alternating A/B runs of POST /api/campaigns for two (or more) builds of the product, so that a
# change is judged against its baseline on the same noisy machine minutes apart, not days apart.
# Each run: fresh data folder, WARMUP seconds of load (JIT), then 10 s of GET /api/pipeline/status
# and DURATION s of POST at CLIENTS keep-alive clients.
# Usage: bench/submit-ab.sh ROUNDS JAR[|extra args] JAR[|extra args] ...
#   e.g. git stash; ./mvnw -q package -DskipTests; cp target/*.jar /tmp/before.jar; git stash pop
#        ./mvnw -q package -DskipTests; bench/submit-ab.sh 2 /tmp/before.jar target/campaign-pipeline-0.1.0-SNAPSHOT.jar
# Env: WARMUP (90), DURATION (20), CLIENTS (32). Needs: wrk.
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=$1; shift
WARMUP=${WARMUP:-90}; DURATION=${DURATION:-20}; CLIENTS=${CLIENTS:-32}; PORT=${PORT:-18383}
URL="http://127.0.0.1:$PORT"
for round in $(seq 1 "$ROUNDS"); do
  for spec in "$@"; do
    jar=${spec%%|*}; extra=""; [[ "$spec" == *"|"* ]] && extra=${spec#*|}
    data=$(mktemp -d)
    # shellcheck disable=SC2086 # extra holds several --name=value arguments
    java -Xmx512m -jar "$jar" --server.port="$PORT" --pipeline.data-dir="$data" --logging.level.root=WARN $extra \
      > "$data/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do curl -sf "$URL/actuator/health" >/dev/null && break; sleep 0.5; done
    wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s bench/post-campaign.lua "$URL/api/campaigns" >/dev/null
    get=$(wrk -t2 -c"$CLIENTS" -d10s "$URL/api/pipeline/status" | awk '/Requests\/sec/ {print int($2)}')
    out=$(wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s bench/post-campaign.lua "$URL/api/campaigns")
    post=$(echo "$out" | awk '/Requests\/sec/ {print int($2)}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}'); p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    echo "round $round  $(basename "$jar") $extra  ack/s=$post p50=$p50 p99=$p99 status-GET/s=$get"
    kill "$server"; wait "$server" 2>/dev/null; rm -rf "$data"
  done
done
