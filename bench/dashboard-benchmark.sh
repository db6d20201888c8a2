#!/usr/bin/env bash
# The dashboard's engine at ROWS records (SPEC §12, issue 13): the analytics replica's build from
# scratch, the query set of one full dashboard through the API (after a new record each time, and
# with unchanged data; unfiltered and filtered), a filter change redrawn in headless Chromium, the
# same aggregates as SQL on the embedded H2 mirror in the same run, and the memory the replica adds
# (-Xmx256m, dashboard on and off).
# Usage: bench/dashboard-benchmark.sh [ROWS] [MIRROR]   (defaults 1000000, yes; MIRROR=no skips the
#        mirror's query set, which takes minutes at 1M rows and longer beyond)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}; WITH_MIRROR=${2:-yes}
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d); PORT=${PORT:-18284}; BASE="http://127.0.0.1:$PORT"
trap 'kill ${APP:-0} 2>/dev/null || true; rm -rf "$WORK"' EXIT
LIB=$(unzip -Z1 "$JAR" | grep 'h2-.*\.jar$'); unzip -q -o "$JAR" "$LIB" -d "$WORK"; H2="$WORK/$LIB"
status() { curl -s "$BASE/api/analytics/status"; }
HEAP=-Xmx1g
start_app() { # extra args
  java $HEAP -jar "$JAR" --server.port=$PORT --pipeline.data-dir="$WORK/data" --pipeline.powerbi.enabled=false \
    --logging.level.root=WARN --logging.level.dev.campaignpipe.analytics=INFO "$@" >> "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 240); do curl -sf "$BASE/actuator/health" >/dev/null && return; sleep 0.5; done
  echo "app did not start" >&2; tail -50 "$WORK/app.log" >&2; exit 1
}
stop_app() { kill $APP; wait $APP 2>/dev/null || true; }
rss_mb() { echo $(( $(awk '/VmRSS/ {print $2}' /proc/$APP/status) / 1024 )); }

mkdir -p "$WORK/data"
{ printf '\xef\xbb\xbf'; printf 'campaign_id,campaign_company,campaign_name,campaign_type,marketing_channel,ad_format,date,impressions,clicks,conversions,ad_spend,device_type,country,audience_segment,cost_per_click,cost_per_mille,ctr,conversion_rate,cpc_effectiveness_score,roi_score,click_to_conversion_ratio,quality_score,engagement_to_spend_ratio,cost_efficiency_index,week_number,month,revenue,roas,roi,year,quarter,iso_year,data_quality\r\n'
  awk -v first=1 -v n="$ROWS" -f bench/gen-varied-rows.awk; } > "$WORK/data/campaigns.csv"
echo "machine: $(nproc) cores; $ROWS rows, $(( $(stat -c %s "$WORK/data/campaigns.csv") / 1048576 )) MB CSV"

# 1. the mirror loads the CSV (the replica follows); then a clean start measures a build from scratch
start_app --pipeline.dashboard.enabled=false
until curl -s "$BASE/api/pipeline/status" | grep -q '"bytes_behind":0,'; do sleep 2; done
stop_app
start_app
until status | grep -q '"state":"ready"'; do sleep 0.2; done
stop_app
rm -f "$WORK/data/state/analytics.duckdb"*
start_app
until status | grep -q '"state":"ready"'; do sleep 0.2; done
echo "replica build from scratch: $(grep -o 'built in [0-9]* ms' "$WORK/app.log" | tail -1) ($(status))"

# 2. the query set, whole page and filtered, then the mirror answering the same
MIRROR_URL=""
[ "$WITH_MIRROR" = yes ] && MIRROR_URL="jdbc:h2:file:$WORK/data/db/pipeline;MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;NON_KEYWORDS=DATE,MONTH,YEAR,QUARTER,VALUE;AUTO_SERVER=TRUE"
FILTER="marketing_channel=Google&device_type=Mobile&from=2024-01-01&to=2024-06-30"
COLD=1 java -cp "$H2" bench/DashboardQueries.java "$BASE" "" 20
COLD=1 java -cp "$H2" bench/DashboardQueries.java "$BASE" "" 20 "$FILTER"
java -cp "$H2" bench/DashboardQueries.java "$BASE" "" 20
./mvnw -q test-compile -Djacoco.skip=true
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
for window in 1920,1080 1400,4200; do
  java -Dwindow=$window -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    dev.campaignpipe.dashboard.FilterRedrawBenchmark "$BASE" 20 Google 2>/dev/null | grep -A1 'filter redraw'
done
[ "$WITH_MIRROR" = yes ] && java -cp "$H2" bench/DashboardQueries.java "$BASE" "$MIRROR_URL" 1 | grep mirror
stop_app

# 3. memory in -Xmx256m: a build from scratch and the query set with the dashboard on; the same
#    data idle with it off (the API answers 503)
HEAP=-Xmx256m
rm -f "$WORK/data/state/analytics.duckdb"*
start_app
until status | grep -q '"state":"ready"'; do sleep 0.2; done
echo "replica build from scratch in -Xmx256m: $(grep -o 'built in [0-9]* ms' "$WORK/app.log" | tail -1)"
COLD=1 java -cp "$H2" bench/DashboardQueries.java "$BASE" "" 20 >/dev/null
java -cp "$H2" bench/DashboardQueries.java "$BASE" "" 20 "$FILTER" >/dev/null
sleep 5; rss_on=$(rss_mb)
stop_app
start_app --pipeline.dashboard.enabled=false
sleep 10
echo "RSS in -Xmx256m after the query set: dashboard on ${rss_on} MB; dashboard off $(rss_mb) MB"
stop_app
