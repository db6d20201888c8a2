#!/usr/bin/env bash
# Cluster mode (SPEC §15) beside local mode, in the same run on the same machine:
#   1. acknowledged submissions/s and latency at CLIENTS keep-alive clients (wrk), spread
#      over two entry nodes against a local 3-broker KRaft cluster with one sink node
#      (CSV writer, embedded H2 mirror, export);
#   2. the same clients against one local-mode server (fsync'd CSV);
# then checks the sink's CSV: rows = distinct ids.
# Usage: bench/cluster-benchmark.sh [SECONDS] [CLIENTS]   (default 20 s, 32 clients)
# WARMUP=seconds (default 60) of load on each setup first (JIT); CLUSTER_ARGS="--pipeline.kafka.…=…"
# for the cluster's nodes. Needs: wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CLIENTS=${2:-32}
WARMUP=${WARMUP:-60}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  cluster/local-kafka.sh stop "$WORK/kafka" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

node() { # name port args...
  local name=$1 port=$2; shift 2
  java -Xmx512m -jar "$JAR" --server.port="$port" --pipeline.data-dir="$WORK/$name" --logging.level.root=WARN \
    "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
healthy() { for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return; sleep 0.5; done; echo "port $1 not healthy" >&2; exit 1; }
field() { awk -v k="$1" '$1==k {print $2}'; }
# wrk on each URL at once, CLIENTS spread over them; prints "ack/s p50 p99 non2xx" (p50/p99: worst of the URLs)
load() { # seconds url...
  local seconds=$1; shift
  local per=$(( CLIENTS / $# )) i=0 files=() wrks=()
  for url in "$@"; do
    i=$((i + 1)); files+=("$WORK/wrk-$i.out")
    wrk -t1 -c"$per" -d"${seconds}s" --latency -s bench/post-campaign.lua "$url/api/campaigns" >"$WORK/wrk-$i.out" 2>&1 &
    wrks+=($!)
  done
  wait "${wrks[@]}"
  local rps=0 p50="" p99="" non2xx=0
  for f in "${files[@]}"; do
    rps=$(( rps + $(awk '/Requests\/sec/ {print int($2)}' "$f") ))
    p50="$p50 $(field 50% <"$f")"; p99="$p99 $(field 99% <"$f")"
    n=$(awk '/Non-2xx/ {print $NF}' "$f"); non2xx=$(( non2xx + ${n:-0} ))
  done
  echo "$rps |$p50 |$p99 | $non2xx"
}

echo "machine: $(nproc) cores, kernel $(uname -r), $(java -version 2>&1 | head -1)"
bootstrap=$(cluster/local-kafka.sh start 3 "$WORK/kafka" | tail -1 | sed 's/^bootstrap=//')
KAFKA=(--pipeline.queue.kind=kafka --pipeline.kafka.bootstrap-servers="$bootstrap" ${CLUSTER_ARGS:-})
node sink 18281 "${KAFKA[@]}" --pipeline.roles=csv,database,export
node entry1 18282 "${KAFKA[@]}" --pipeline.roles=entry
node entry2 18283 "${KAFKA[@]}" --pipeline.roles=entry
healthy 18281; healthy 18282; healthy 18283
load "$WARMUP" http://127.0.0.1:18282 http://127.0.0.1:18283 >/dev/null
echo "setup                          ack/s | p50 (per entry node) | p99 (per entry node) | non-2xx"
echo "cluster, 2 entry nodes, 3 brokers: $(load "$DURATION" http://127.0.0.1:18282 http://127.0.0.1:18283)"
for _ in $(seq 1 120); do
  lag=$(curl -sf http://127.0.0.1:18281/api/pipeline/status | grep -o '"lag":[0-9-]*' | cut -d: -f2)
  [ "$lag" = "0" ] && break; sleep 1
done
rows=$(( $(wc -l <"$WORK/sink/campaigns.csv") - 1 ))
unique=$(tail -n +2 "$WORK/sink/campaigns.csv" | cut -d, -f1 | sort -u | wc -l)
echo "sink campaigns.csv: $rows rows, $unique distinct campaign_ids"
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
wait "${PIDS[@]}" 2>/dev/null || true
PIDS=()
cluster/local-kafka.sh stop "$WORK/kafka"

node local 18284
healthy 18284
load "$WARMUP" http://127.0.0.1:18284 >/dev/null
echo "local mode, 1 server (fsync):      $(load "$DURATION" http://127.0.0.1:18284)"
