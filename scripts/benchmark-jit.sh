#!/usr/bin/env bash
# The JIT as scripts/run.sh sets it on this machine (scripts/lib/jit-options.sh) against the JVM's
# default, tiered compilation up to C2, once the connector has run under load for a while: the service
# jar on config/benchmark.yml takes one of the emulator's loads, measured after a long warm-up, in
# ROUNDS rounds that alternate which setting goes first (A B, B A, ...), each on a fresh database.
# Prints each run's throughput, p99 and connector CPU per request, and the means.
#   scripts/benchmark-jit.sh [provisions|retrieves|polls, default retrieves] [warm-up seconds, default 240]
#                            [seconds measured, default 20] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/debian-packages.sh
. scripts/lib/benchmark-connector.sh

LOAD=${1:-retrieves}
WARMUP=${2:-240}
MEASURE=${3:-20}
ROUNDS=${4:-2}
OUT=$PWD/target/benchmark-jit
DATABASE=vps_benchmark_jit
export PGPASSWORD=vps
ADMIN_PASSWORD=jit-$RANDOM$RANDOM

journey "$LOAD" || { echo "usage: scripts/benchmark-jit.sh [provisions|retrieves|polls] [warm-up seconds] [seconds] [rounds]" >&2; exit 2; }

scripts/install-build-tools.sh >&2
scripts/start-postgres.sh >&2
package_installed jq || install_packages -q jq >&2
mvn -B -q -DskipTests install >&2
rm -rf "$OUT" && mkdir -p "$OUT"
echo "$ADMIN_PASSWORD" >"$OUT/admin-password"
chmod 600 "$OUT/admin-password"
trap stop_connector EXIT
SHIPPED=$(jit_options)

# run SETTING ROUND: one connector with the JIT of SETTING (shipped: as scripts/run.sh; c2: the JVM's
# default, which the later option restores), one load; its figures in $OUT/SETTING-ROUND.json.
run() {
    local setting=$1 round=$2
    if [ "$setting" = c2 ]; then
        export CONNECTOR_JAVA_OPTIONS=-XX:TieredStopAtLevel=4
    else
        export CONNECTOR_JAVA_OPTIONS=
    fi
    start_connector benchmark.yml http://127.0.0.1:8080/ "$OUT/$setting-$round-start.ms"
    emulator_load "$setting-$round" http://127.0.0.1:8080/ "$WARMUP" "$MEASURE" --controllers 64 "${JOURNEY[@]}"
    stop_connector
}

for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order=(shipped c2); else order=(c2 shipped); fi
    for setting in "${order[@]}"; do
        run "$setting" "$round"
    done
done

echo
echo "$LOAD after ${WARMUP} s of load, ${MEASURE} s measured, 64 controllers; JIT as shipped here: ${SHIPPED:-the JVM default}"
echo "| JIT | round | per s | p99 ms | connector CPU / request |"
echo "|---|---|---|---|---|"
for setting in shipped c2; do
    for round in $(seq 1 "$ROUNDS"); do
        jq -r --arg s "$setting" --arg r "$round" \
            '(.requestKinds | max_by(.count)) as $k
             | "| \($s) | \($r) | \($k.perSecond) | \($k.p99Millis) | \(.connector.cpuMillisPerRequest) ms |"' \
            "$OUT/$setting-$round.json"
    done
    jq -rs --arg s "$setting" \
        'map((.requestKinds | max_by(.count)) as $k | {ps: $k.perSecond, cpu: .connector.cpuMillisPerRequest})
         | "| \($s) | mean | \((map(.ps) | add / length * 10 | round) / 10) | | \((map(.cpu) | add / length * 1000 | round) / 1000) ms |"' \
        $(for round in $(seq 1 "$ROUNDS"); do echo "$OUT/$setting-$round.json"; done)
done
