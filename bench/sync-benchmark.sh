#!/usr/bin/env bash
# Database sync against MariaDB, with LOAD DATA LOCAL INFILE of the same file in the same run as
# the reference. Measures:
#   1. end-to-end lag (acknowledged -> row in MariaDB) at RATE submissions/s;
#   2. catch-up rate when ROWS rows are appended to the live CSV while the product runs.
# Usage: bench/sync-benchmark.sh [ROWS] [RATE] [SECONDS]   (defaults 1000000 1000 20)
# WARMUP=seconds (default 60) at RATE before the lag is measured: the JIT needs that long here.
# Needs: a MariaDB on 127.0.0.1:3306 (root, no password), the mariadb client.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}; RATE=${2:-1000}; DURATION=${3:-20}
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d); PORT=${PORT:-18282}; DB=bench_sync_$$
SQL() { mariadb -h127.0.0.1 -uroot --local-infile=1 "$@"; }
SQL -e "CREATE DATABASE $DB"
LIB=$(unzip -Z1 "$JAR" | grep 'mariadb-java-client.*\.jar$'); unzip -q -o "$JAR" "$LIB" -d "$WORK"; DRIVER="$WORK/$LIB"
start_app() { # data dir
  java -Xmx1g -jar "$JAR" --server.port=$PORT --pipeline.data-dir="$1" --spring.profiles.active=mysql \
    --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB" --spring.datasource.username=root \
    --spring.datasource.password= --logging.level.root=WARN > "$1.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && return; sleep 0.5; done
  echo "app did not start" >&2; cat "$1.log" >&2; exit 1
}
stop_app() { kill $APP; wait $APP 2>/dev/null || true; }
trap 'kill ${APP:-0} 2>/dev/null || true; SQL -e "DROP DATABASE IF EXISTS $DB" || true; rm -rf "$WORK"' EXIT
behind() { curl -s "http://127.0.0.1:$PORT/api/pipeline/status" | sed -E 's/.*"bytes_behind":([0-9]+).*/\1/'; }

echo "machine: $(nproc) cores, $(mariadb --version | awk '{print $5}') server $(SQL -N -e 'select version()')"
# 1. lag at a fixed submission rate
start_app "$WORK/lag"
java -cp "$DRIVER" bench/SyncLag.java "http://127.0.0.1:$PORT" "jdbc:mariadb://127.0.0.1:3306/$DB?user=root" "$RATE" "${WARMUP:-60}" > /dev/null
java -cp "$DRIVER" bench/SyncLag.java "http://127.0.0.1:$PORT" "jdbc:mariadb://127.0.0.1:3306/$DB?user=root" "$RATE" "$DURATION"
stop_app
SQL $DB -e "TRUNCATE digital_marketing_ad_performance_data; DELETE FROM pipeline_sync_checkpoint; DELETE FROM pipeline_quarantine"

# 2. catch-up of ROWS appended rows vs LOAD DATA of the same rows
mkdir -p "$WORK/catchup"
printf "\xef\xbb\xbf" > "$WORK/rows.csv"
echo "campaign_id,campaign_company,campaign_name,campaign_type,marketing_channel,ad_format,date,impressions,clicks,conversions,ad_spend,device_type,country,audience_segment,cost_per_click,cost_per_mille,ctr,conversion_rate,cpc_effectiveness_score,roi_score,click_to_conversion_ratio,quality_score,engagement_to_spend_ratio,cost_efficiency_index,week_number,month,revenue,roas,roi,year,quarter,iso_year,data_quality" | sed 's/$/\r/' >> "$WORK/rows.csv"
HEADER_BYTES=$(stat -c %s "$WORK/rows.csv")
awk -v first=1 -v n="$ROWS" -f bench/gen-rows.awk >> "$WORK/rows.csv"
SIZE=$(stat -c %s "$WORK/rows.csv")

SQL $DB -e "CREATE TABLE scratch LIKE digital_marketing_ad_performance_data"
t0=$(date +%s.%N)
SQL $DB -e "LOAD DATA LOCAL INFILE '$WORK/rows.csv' INTO TABLE scratch CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\r\n' IGNORE 1 LINES (campaign_id, campaign_company, campaign_name, campaign_type, marketing_channel, ad_format, date, impressions, clicks, conversions, ad_spend, device_type, country, audience_segment, @cpc, @cpm, @ctr, @cr, @eff, @rs, @ccr, @qs, @esr, @cei, week_number, month, @rev, @roas, @roi, year, quarter, iso_year, data_quality)"
t1=$(date +%s.%N)
loaded=$(SQL -N $DB -e "SELECT COUNT(*) FROM scratch")
load_rate=$(echo "$loaded / ($t1 - $t0)" | bc -l)

start_app "$WORK/catchup"
head -c "$HEADER_BYTES" "$WORK/rows.csv" > "$WORK/catchup/campaigns.csv"
sleep 2
t2=$(date +%s.%N)
tail -c +$((HEADER_BYTES + 1)) "$WORK/rows.csv" >> "$WORK/catchup/campaigns.csv"
while [ "$(behind)" != "0" ]; do sleep 0.2; done
t3=$(date +%s.%N)
synced=$(SQL -N $DB -e "SELECT COUNT(*) FROM digital_marketing_ad_performance_data")
stop_app
sync_rate=$(echo "$synced / ($t3 - $t2)" | bc -l)
printf "rows=%d file=%dMB  LOAD DATA: %.1fs %.0f rows/s   sync catch-up: %.1fs %.0f rows/s (%d rows)   ratio sync/LOAD DATA = %.2f\n" \
  "$ROWS" $((SIZE / 1048576)) "$(echo "$t1 - $t0" | bc -l)" "$load_rate" "$(echo "$t3 - $t2" | bc -l)" "$sync_rate" "$synced" \
  "$(echo "$sync_rate / $load_rate" | bc -l)"
