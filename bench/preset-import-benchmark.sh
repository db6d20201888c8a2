#!/usr/bin/env bash
# A 1,000,000-row Google Ads export (title, date range, quoted thousands, totals) imported end to
# end into MariaDB (preset recognized, survey pass, rows mapped and validated, KPIs, CSV with fsync,
# database sync, Power BI export) in a JVM limited to -Xmx256m; beside LOAD DATA LOCAL INFILE of the
# same file into a scratch table in the same run. Then the same file again (every record unchanged).
# Usage: bench/preset-import-benchmark.sh [ROWS]   Needs: MariaDB on 127.0.0.1:3306 (root), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
JAR=$(ls target/campaign-pipeline-*.jar 2>/dev/null | head -1 || true)
[ -n "$JAR" ] || { ./mvnw -q package -DskipTests; JAR=$(ls target/campaign-pipeline-*.jar | head -1); }
WORK=$(mktemp -d); DB=bench_preset_$$
SQL() { mariadb -h127.0.0.1 -uroot --local-infile=1 "$@"; }
trap 'SQL -e "DROP DATABASE IF EXISTS $DB"; rm -rf "$WORK"' EXIT
SQL -e "CREATE DATABASE $DB"
awk -v n="$ROWS" -f bench/gen-google-ads.awk > "$WORK/google.csv"
echo "machine: $(nproc) cores; file: $ROWS data rows, $(( $(stat -c %s "$WORK/google.csv") / 1048576 )) MB"

ARGS=(--pipeline.data-dir="$WORK/data" --spring.profiles.active=mysql
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB" --spring.datasource.username=root --spring.datasource.password=
  --default audience_segment="New Users")
run() { # $1: label
  /usr/bin/time -f "%e %M" -o "$WORK/time" java -Xmx256m -jar "$JAR" import "$WORK/google.csv" "${ARGS[@]}" > "$WORK/$1.log" 2>&1
  read -r seconds rss_kb < "$WORK/time"
  grep -E "^google-ads: " "$WORK/$1.log" || { tail -20 "$WORK/$1.log"; exit 1; }
}
run first; first_s=$seconds; first_rss=$rss_kb
rows=$(SQL -N $DB -e "SELECT COUNT(*) FROM digital_marketing_ad_performance_data")

# the baseline: the same rows into a copy of the product's own table (its keys and indexes), as
# bench/import-benchmark.sh does; the export's numbers unquoted on the way, nothing validated
SQL $DB -e "CREATE TABLE scratch LIKE digital_marketing_ad_performance_data"
t0=$(date +%s.%N)
SQL $DB -e "SET @n = 0; LOAD DATA LOCAL INFILE '$WORK/google.csv' INTO TABLE scratch FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\r\n' IGNORE 3 LINES (date, campaign_company, campaign_name, campaign_type, device_type, country, @currency, @impressions, clicks, ad_spend, conversions, @revenue) SET campaign_id = (@n := @n + 1), impressions = REPLACE(@impressions, ',', ''), revenue = REPLACE(@revenue, ',', ''), marketing_channel = 'Google', ad_format = 'Text', audience_segment = 'New Users'"
t1=$(date +%s.%N)
loaded=$(SQL -N $DB -e "SELECT COUNT(*) FROM scratch")

run again; again_s=$seconds
java -jar "$JAR" verify "${ARGS[@]:0:5}" > "$WORK/verify.log" 2>&1 && verified=agree || verified=DIFFERENT
printf "import (end to end, -Xmx256m): %.1fs, %.0f rows/s, %d records in MariaDB, peak RSS %d MB, verify: %s\n" \
  "$first_s" "$(echo "$ROWS / $first_s" | bc -l)" "$rows" $((first_rss / 1024)) "$verified"
printf "LOAD DATA LOCAL INFILE into the product's table (no validation, no KPIs): %.1fs, %.0f rows/s, %d rows\n" \
  "$(echo "$t1 - $t0" | bc -l)" "$(echo "$loaded / ($t1 - $t0)" | bc -l)" "$loaded"
printf "ratio import/LOAD DATA rows/s: %.2f\n" "$(echo "($ROWS / $first_s) / ($loaded / ($t1 - $t0))" | bc -l)"
printf "re-import of the same file (all unchanged): %.1fs, %.0f rows/s\n" "$again_s" "$(echo "$ROWS / $again_s" | bc -l)"
