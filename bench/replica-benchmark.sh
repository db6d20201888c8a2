#!/usr/bin/env bash
# The analytics engine alone: a replica of RECORDS generated records built with the product's
# ReplicaStore, then one full dashboard's queries (AnalyticsQueries), unfiltered and filtered,
# as server time (no HTTP). For sizes the mirror cannot load quickly (10,000,000).
# Usage: bench/replica-benchmark.sh [RECORDS] [ROUNDS]     (defaults 10000000 10)
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-10000000}; ROUNDS=${2:-10}
./mvnw -q -o test-compile -Djacoco.skip=true
./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
echo "machine: $(nproc) cores"
/usr/bin/time -f "peak RSS %M KB" java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  dev.campaignpipe.analytics.ReplicaBenchmark "$RECORDS" "$ROUNDS"
