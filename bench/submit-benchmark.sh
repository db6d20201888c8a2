#!/usr/bin/env bash
# Acknowledged submissions/s and acknowledgement latency through POST /api/campaigns (keep-alive
# clients, wrk), with two references measured in the same run on the same machine:
#   - raw fsync rate: 300-byte synchronous appends (dd oflag=dsync) in the data folder;
#   - framework ceiling: GET /api/pipeline/status at the same concurrency (no body, no write).
# Usage: bench/submit-benchmark.sh [SECONDS] [CLIENTS...]   (default: 15 s at 8, 32 and 64 clients)
# WARMUP=seconds (default 120) of POST load first: on 2 shared cores the JIT needs about two
# minutes before a Spring Boot server reaches its steady speed, and a server runs for weeks.
# Needs: wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}; shift || true
CLIENTS=${*:-8 32 64}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
DATA=$(mktemp -d); PORT=${PORT:-18181}
java -Xmx512m -jar "$JAR" --server.port=$PORT --pipeline.data-dir="$DATA" --logging.level.root=WARN > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 0.5; done
URL="http://127.0.0.1:$PORT"

fsync_rate() {
  local out; out=$(dd if=/dev/zero of="$DATA/fsync.probe" bs=300 count=3000 oflag=dsync 2>&1 | tail -1)
  rm -f "$DATA/fsync.probe"
  # "900000 bytes (900 kB, 879 KiB) copied, 0.81 s, 1.1 MB/s" -> writes per second
  echo "$out" | awk '{for(i=1;i<=NF;i++) if($i=="copied,") print int(3000/$(i+1))}'
}
wrk_run() { # clients, script-or-empty, path
  local args=(-t2 -c"$1" -d"${DURATION}s" --latency); [ -n "$2" ] && args+=(-s "$2")
  wrk "${args[@]}" "$URL$3"
}
field() { awk -v k="$1" '$1==k {print $2}'; }

echo "machine: $(nproc) cores, kernel $(uname -r), $(java -version 2>&1 | head -1)"
WARMUP=${WARMUP:-120}
wrk -t2 -c32 -d"${WARMUP}s" -s bench/post-campaign.lua "$URL/api/campaigns" >/dev/null   # warm-up (JIT)
wrk -t2 -c32 -d10s "$URL/api/pipeline/status" >/dev/null
printf "%-8s %12s %9s %9s %10s %14s %12s %10s\n" clients ack/s p50 p99 non-2xx ceiling_req/s raw_fsync/s ack/fsync
for c in $CLIENTS; do
  f1=$(fsync_rate)
  ceiling=$(wrk_run "$c" "" /api/pipeline/status | awk '/Requests\/sec/ {print int($2)}')
  post=$(wrk_run "$c" bench/post-campaign.lua /api/campaigns)
  f2=$(fsync_rate)
  rps=$(echo "$post" | awk '/Requests\/sec/ {print int($2)}')
  non2xx=$(echo "$post" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  p50=$(echo "$post" | field 50%); p99=$(echo "$post" | field 99%)
  fs=$(( (f1 + f2) / 2 ))
  printf "%-8s %12s %9s %9s %10s %14s %12s %10.1f\n" "$c" "$rps" "$p50" "$p99" "$non2xx" "$ceiling" "$fs" "$(echo "$rps / $fs" | bc -l)"
done
rows=$(( $(wc -l < "$DATA/campaigns.csv") - 1 ))
unique=$(tail -n +2 "$DATA/campaigns.csv" | cut -d, -f1 | sort -u | wc -l)
echo "rows in campaigns.csv: $rows, distinct campaign_ids: $unique"
