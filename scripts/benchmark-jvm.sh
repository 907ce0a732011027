#!/usr/bin/env bash
# The JVM options scripts/run.sh sets on this machine (scripts/lib/jit-options.sh) against the same with
# OPTIONS after them, which win: the service jar on config/benchmark.yml takes one of the emulator's
# loads, measured after a warm-up, in ROUNDS rounds that alternate which setting goes first (A B, B A,
# ...), each on a fresh database. Prints each run's throughput, p99 and connector CPU per request, and
# the means. OPTIONS such as -XX:TieredStopAtLevel=4 (C2 again) or -XX:+UseParallelGC (instead of G1).
#   scripts/benchmark-jvm.sh OPTIONS [provisions|retrieves|polls, default retrieves]
#                            [warm-up seconds, default 240] [seconds measured, default 20] [rounds, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/debian-packages.sh
. scripts/lib/benchmark-connector.sh

USAGE="usage: scripts/benchmark-jvm.sh OPTIONS [provisions|retrieves|polls] [warm-up seconds] [seconds] [rounds]"
[ -n "${1:-}" ] || { echo "$USAGE" >&2; exit 2; }
OPTIONS=$1
LOAD=${2:-retrieves}
WARMUP=${3:-240}
MEASURE=${4:-20}
ROUNDS=${5:-2}
OUT=$PWD/target/benchmark-jvm
DATABASE=vps_benchmark_jvm
export PGPASSWORD=vps
ADMIN_PASSWORD=jvm-$RANDOM$RANDOM

journey "$LOAD" || { echo "$USAGE" >&2; exit 2; }

scripts/install-build-tools.sh >&2
scripts/start-postgres.sh >&2
package_installed jq || install_packages -q jq >&2
mvn -B -q -DskipTests install >&2
fresh_out
trap stop_connector EXIT
SHIPPED=$(jit_options)

# run SETTING ROUND: one connector with the JVM options of SETTING (shipped: as scripts/run.sh; changed:
# OPTIONS after them), one load; its figures in $OUT/SETTING-ROUND.json.
run() {
    local setting=$1 round=$2
    if [ "$setting" = changed ]; then
        export CONNECTOR_JAVA_OPTIONS=$OPTIONS
    else
        export CONNECTOR_JAVA_OPTIONS=
    fi
    start_connector benchmark.yml http://127.0.0.1:8080/ "$OUT/$setting-$round-start.ms"
    emulator_load "$setting-$round" http://127.0.0.1:8080/ "$WARMUP" "$MEASURE" --controllers 64 "${JOURNEY[@]}"
    stop_connector
}

for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order=(shipped changed); else order=(changed shipped); fi
    for setting in "${order[@]}"; do
        run "$setting" "$round"
    done
done

echo
echo "$LOAD after ${WARMUP} s of load, ${MEASURE} s measured, 64 controllers"
echo "shipped here: ${SHIPPED:-the JVM defaults}; changed: the same, then $OPTIONS"
echo "| JVM | round | per s | p99 ms | connector CPU / request | start ms |"
echo "|---|---|---|---|---|---|"
for setting in shipped changed; do
    for round in $(seq 1 "$ROUNDS"); do
        jq -r --arg s "$setting" --arg r "$round" --arg start "$(cat "$OUT/$setting-$round-start.ms")" \
            '(.requestKinds | max_by(.count)) as $k
             | "| \($s) | \($r) | \($k.perSecond) | \($k.p99Millis) | \(.connector.cpuMillisPerRequest) ms | \($start) |"' \
            "$OUT/$setting-$round.json"
    done
    jq -rs --arg s "$setting" \
        'map((.requestKinds | max_by(.count)) as $k | {ps: $k.perSecond, cpu: .connector.cpuMillisPerRequest})
         | "| \($s) | mean | \((map(.ps) | add / length * 10 | round) / 10) | | \((map(.cpu) | add / length * 1000 | round) / 1000) ms | |"' \
        $(for round in $(seq 1 "$ROUNDS"); do echo "$OUT/$setting-$round.json"; done)
done
