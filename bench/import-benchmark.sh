#!/usr/bin/env bash
# 1,000,000-row import of an original-format file into MariaDB, end to end (validation, KPIs,
# CSV with fsync, database sync, Power BI export), in a JVM limited to -Xmx256m; beside
# LOAD DATA LOCAL INFILE of the same file into a scratch table in the same run.
# Usage: bench/import-benchmark.sh [ROWS]        Needs: MariaDB on 127.0.0.1:3306 (root), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d); DB=bench_import_$$
SQL() { mariadb -h127.0.0.1 -uroot --local-infile=1 "$@"; }
trap 'SQL -e "DROP DATABASE IF EXISTS $DB"; rm -rf "$WORK"' EXIT
SQL -e "CREATE DATABASE $DB"
awk -v n="$ROWS" -f bench/gen-original.awk > "$WORK/original.csv"
echo "machine: $(nproc) cores; file: $ROWS rows, $(( $(stat -c %s "$WORK/original.csv") / 1048576 )) MB"

ARGS=(--pipeline.data-dir="$WORK/data" --spring.profiles.active=mysql
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB" --spring.datasource.username=root --spring.datasource.password=)
/usr/bin/time -f "%e %M" -o "$WORK/time" java -Xmx256m -jar "$JAR" import "$WORK/original.csv" "${ARGS[@]}" > "$WORK/import.log" 2>&1
read -r seconds rss_kb < "$WORK/time"
grep -E "^read " "$WORK/import.log"
rows=$(SQL -N $DB -e "SELECT COUNT(*) FROM digital_marketing_ad_performance_data")

SQL $DB -e "CREATE TABLE scratch LIKE digital_marketing_ad_performance_data"
t0=$(date +%s.%N)
SQL $DB -e "LOAD DATA LOCAL INFILE '$WORK/original.csv' INTO TABLE scratch FIELDS TERMINATED BY ',' LINES TERMINATED BY '\r\n' IGNORE 1 LINES (campaign_id, campaign_company, campaign_name, campaign_type, marketing_channel, ad_format, @d, impressions, clicks, conversions, ad_spend, device_type, country, audience_segment, cost_per_click, cost_per_mille, ctr, conversion_rate, cpc_effectiveness_score, roi_score, click_to_conversion_ratio, quality_score, engagement_to_spend_ratio, cost_efficiency_index, week_number, month) SET date = STR_TO_DATE(@d, '%d-%m-%Y')"
t1=$(date +%s.%N)
loaded=$(SQL -N $DB -e "SELECT COUNT(*) FROM scratch")
java -jar "$JAR" verify "${ARGS[@]}" > "$WORK/verify.log" 2>&1 && verified=agree || verified=DIFFERENT
printf "import (end to end, -Xmx256m): %.1fs, %.0f rows/s, %d rows in MariaDB, peak RSS %d MB, verify: %s\n" \
  "$seconds" "$(echo "$ROWS / $seconds" | bc -l)" "$rows" $((rss_kb / 1024)) "$verified"
printf "LOAD DATA LOCAL INFILE (raw copy, no validation or KPIs): %.1fs, %.0f rows/s, %d rows\n" \
  "$(echo "$t1 - $t0" | bc -l)" "$(echo "$loaded / ($t1 - $t0)" | bc -l)" "$loaded"
printf "ratio import/LOAD DATA rows/s: %.2f\n" "$(echo "($ROWS / $seconds) / ($loaded / ($t1 - $t0))" | bc -l)"
