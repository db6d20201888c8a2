#!/usr/bin/env bash
# How long the embedded database mirror takes to catch up once its full disk has room again.
# H2 alone on an 8 MB tmpfs (root needed to mount), the CSV on the normal disk: 20 records, the
# tmpfs filled with dd, 300 more records (acknowledged: the CSV has room), the filler removed,
# then the time until /api/pipeline/status shows the mirror caught up without error.
# Usage (as root): bench/db-full-disk-recovery.sh [extra product args]   Needs: curl, a built jar.
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=$(ls target/campaign-pipeline-*.jar | head -1)
PORT=18097; URL="http://127.0.0.1:$PORT"
DISK=$(mktemp -d); DATA=$(mktemp -d)
mount -t tmpfs -o size=8m tmpfs "$DISK" || { echo "mounting a tmpfs needs root" >&2; exit 1; }
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; umount -l "$DISK"; rm -rf "$DATA"' EXIT
DB="jdbc:h2:file:$DISK/pipeline;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=DATE,MONTH,YEAR,QUARTER,VALUE;AUTO_SERVER=TRUE"
java -jar "$JAR" --server.port=$PORT --pipeline.data-dir="$DATA" "--spring.datasource.url=$DB" "$@" > "$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "$URL/actuator/health" && break; sleep 0.5; done
post() { curl -s -o /dev/null -X POST "$URL/api/campaigns" -H 'Content-Type: application/json' -d '{"campaign_company":"Amazon","campaign_name":"App Install Drive","campaign_type":"Leads","marketing_channel":"Google","ad_format":"Text","date":"2024-10-15","impressions":43432,"clicks":2890,"conversions":1794,"ad_spend":752.33,"device_type":"Mobile","country":"Australia","audience_segment":"High Intent"}'; }
for _ in $(seq 20); do post; done
dd if=/dev/zero of="$DISK/filler" bs=64k 2>/dev/null
for _ in $(seq 300); do post; done
sleep 3
echo "while full: $(curl -s "$URL/api/pipeline/status" | grep -o '"last_error":"database[^"]*"')"
rm "$DISK/filler"; t0=$(date +%s.%N)
for _ in $(seq 600); do
  s=$(curl -s "$URL/api/pipeline/status" | grep -o '"sync":{[^}]*}')
  echo "$s" | grep -q '"records_behind":0' && echo "$s" | grep -q '"last_error":null' && break
  sleep 0.1
done
printf "caught up %.1f s after the space came back\n" "$(echo "$(date +%s.%N) - $t0" | bc -l)"
