#!/usr/bin/env bash
# The records explorer at ROWS records (SPEC §13, issue 14), in -Xmx256m: pages of GET /api/records
# in seven orders, first/middle/last, three filters; the record page; the full CSV download; the
# product's resident memory around downloads of 13 thousand and of all records (twice).
# Usage: bench/records-benchmark.sh [ROWS] [ROUNDS]   (defaults 1000000, 2)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}; ROUNDS=${2:-2}
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d); PORT=${PORT:-18285}; BASE="http://127.0.0.1:$PORT"
trap 'kill ${APP:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/data"
{ printf '\xef\xbb\xbf'; printf 'campaign_id,campaign_company,campaign_name,campaign_type,marketing_channel,ad_format,date,impressions,clicks,conversions,ad_spend,device_type,country,audience_segment,cost_per_click,cost_per_mille,ctr,conversion_rate,cpc_effectiveness_score,roi_score,click_to_conversion_ratio,quality_score,engagement_to_spend_ratio,cost_efficiency_index,week_number,month,revenue,roas,roi,year,quarter,iso_year,data_quality\r\n'
  awk -v first=1 -v n="$ROWS" -f bench/gen-varied-rows.awk; } > "$WORK/data/campaigns.csv"
java -Xmx256m -jar "$JAR" --server.port=$PORT --pipeline.data-dir="$WORK/data" --pipeline.powerbi.enabled=false \
  --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP=$!
until curl -s "$BASE/api/analytics/status" | grep -q "\"state\":\"ready\",\"progress\":1.0,\"records\":$ROWS,"; do sleep 2; done
echo "machine: $(nproc) cores; $ROWS records loaded and queryable"
java bench/RecordsQueries.java "$BASE" "$ROUNDS"
rss() { echo $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 )); }
FILTER="marketing_channel=Google&device_type=Mobile&from=2024-01-01&to=2024-06-30"
for q in "$FILTER" "" "sort=campaign_name&dir=asc"; do
  before=$(rss)
  ( while sleep 0.1; do awk '/VmRSS/ {print $2}' /proc/$APP/status; done > "$WORK/rss" ) & W=$!
  out=$(curl -s -o "$WORK/dl.csv" -w "%{size_download} bytes in %{time_total} s" "$BASE/api/records/csv?$q")
  kill $W
  echo "download [${q:-everything}]: $(( $(wc -l < "$WORK/dl.csv") - 1 )) records, $out; RSS before $before MB, peak $(( $(sort -n "$WORK/rss" | tail -1) / 1024 )) MB"
done
