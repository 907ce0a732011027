#!/usr/bin/env bash
# What the background usage meter costs: the service jar on config/benchmark.yml (PostgreSQL, fake
# backends at zero latency) takes a provision load from the controller emulator, which leaves a few
# thousand containers, then idles while its meter passes over them (one pass a minute). Prints each
# pass seen: its length, and the CPU it took per VPS in the meter's threads, in the whole connector
# and in PostgreSQL (its backends, and those that ended, through the postmaster's reaped children).
# The first pass after the load claims most VPSes for the first time (an insert each), the next ones
# are the steady state. The meter runs unpaced here (usage.maxReadsPerSecond lifted), so that a pass
# is as long as its work.
#   scripts/benchmark-usage.sh [seconds of provisions, default 25] [seconds watched after, default 150]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/benchmark-connector.sh

LOAD_SECONDS=${1:-25}
WATCH_SECONDS=${2:-150}
OUT=$PWD/target/benchmark-usage
DATABASE=vps_benchmark_usage
export PGPASSWORD=vps
ADMIN_PASSWORD=usage-$RANDOM$RANDOM

scripts/install-build-tools.sh >&2
scripts/start-postgres.sh >&2
mvn -B -q -DskipTests install >&2
fresh_out
trap stop_connector EXIT

export VPS_BENCHMARK_USAGE_READS_PER_SECOND=1000000
start_connector benchmark.yml http://127.0.0.1:8080/ "$OUT/start.ms"
emulator_load provisions http://127.0.0.1:8080/ 0 "$LOAD_SECONDS" --controllers 64 --journey provision --vm-share 0 \
    2>"$OUT/provisions.log"
READY=$(psql_benchmark "SELECT count(*) FROM vpses WHERE lifecycle = 'READY'")

# stat_ticks FILE [1: with reaped children]: user + system clock ticks of a /proc stat file, 0 once it is gone.
stat_ticks() {
    local line
    read -r line 2>/dev/null <"$1" || { echo 0; return 0; }
    local fields=(${line##*) })
    echo $((fields[11] + fields[12] + ${2:-0} * (fields[13] + fields[14])))
}
meter_ticks() {
    local sum=0 thread name
    for thread in /proc/"$CONNECTOR_PID"/task/*; do
        read -r name 2>/dev/null <"$thread/comm" || continue
        case "$name" in usage-*) sum=$((sum + $(stat_ticks "$thread/stat")));; esac
    done
    echo $sum
}
postgres_ticks() {
    local sum=0 pid
    for pid in $(pgrep -x postgres); do sum=$((sum + $(stat_ticks /proc/"$pid"/stat 1))); done
    echo $sum
}

end=$(($(date +%s) + WATCH_SECONDS))
while [ "$(date +%s)" -lt "$end" ]; do
    echo "$(date +%s.%N) $(meter_ticks) $(stat_ticks /proc/"$CONNECTOR_PID"/stat) $(postgres_ticks)"
    sleep 0.5
done >"$OUT/samples"

echo "$(nproc) cores; connector -Xmx256m on PostgreSQL, fake backends; $READY containers ready after ${LOAD_SECONDS} s of provisions"
python3 - "$OUT/samples" "$READY" "$(getconf CLK_TCK)" <<'EOF'
import sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
vpses, hz = int(sys.argv[2]), float(sys.argv[3])
# A pass: the meter's threads take CPU; it has ended once they take none for 3 s.
passes, start, last = [], None, None
for i in range(1, len(rows)):
    if rows[i][1] > rows[i - 1][1]:
        start = i - 1 if start is None else start
        last = i
    elif start is not None and rows[i][0] - rows[last][0] > 3:
        passes.append((start, last))
        start = None
if not passes:
    sys.exit("no whole pass of the meter was seen: watch longer")
for number, (a, b) in enumerate(passes, 1):
    per_vps = lambda column: 1000 * (rows[b][column] - rows[a][column]) / hz / vpses
    print(f"pass {number}: {rows[b][0] - rows[a][0]:.1f} s; CPU per VPS: "
          f"meter {per_vps(1):.2f} ms, connector {per_vps(2):.2f} ms, PostgreSQL {per_vps(3):.2f} ms")
EOF
