#!/usr/bin/env bash
# Measures the connector with the controller emulator and prints the table the README shows:
# the service jar on config/benchmark.yml (plain HTTP) and config/benchmark-tls.yml (HTTPS with the
# controllers' certificates checked), each on a fresh PostgreSQL database, fake backends that answer
# at once and VMs that never finish booting (so that every poll is a poll), -Xmx256m, the JIT as
# scripts/run.sh has it; then the plain loads again with 1,000 and with 100,000 VPSes stored, each
# load at both sizes back to back in SCALE_ROUNDS rounds (default 2).
#   scripts/benchmark.sh [seconds per load, default 20] [controllers, default 64]
# Each load's figures (JSON) and latency picture (PNG) stay under target/benchmark/.
# Real backends (docker-java and libvirt): scripts/benchmark-backends.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/debian-packages.sh
. scripts/lib/benchmark-connector.sh

MEASURE=${1:-20}
CONTROLLERS=${2:-64}
OUT=$PWD/target/benchmark
DATABASE=vps_benchmark
export PGPASSWORD=vps
ADMIN_PASSWORD=benchmark-$RANDOM$RANDOM

scripts/install-build-tools.sh >&2
scripts/start-postgres.sh >&2
package_installed jq || install_packages -q jq >&2
package_installed wrk || install_packages -q wrk >&2
mvn -B -q -DskipTests install >&2
fresh_out

server_certificate
trap stop_connector EXIT

# A first start without a class-data archive, which records one when it stops (as scripts/run.sh
# does); the connectors measured below start with it.
echo "=== cold start, recording the class-data archive" >&2
CONNECTOR_JAVA_OPTIONS="-XX:ArchiveClassesAtExit=$OUT/vps-connector.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
    start_connector benchmark.yml http://127.0.0.1:8080/ "$OUT/cold-start.ms"
stop_connector
export CONNECTOR_JAVA_OPTIONS="-XX:SharedArchiveFile=$OUT/vps-connector.jsa -Xlog:cds=off"

# figure NAME KIND FIELD: one figure of one request kind of a load run.
figure() {
    jq -r --arg kind "$2" ".requestKinds[] | select(.kind == \$kind) | .$3" "$OUT/$1.json"
}

# store N: exactly N copies of a stored VPS kept (copied or removed), straight into the database, and
# the VPSes the loads ordered gone again with their operations, usage and updates, so that the next
# load starts with N stored. Only while no connector runs: VMs still booting go too.
store() {
    psql_benchmark "BEGIN;
        CREATE TEMP TABLE ordered ON COMMIT DROP AS SELECT id FROM vpses WHERE name IS DISTINCT FROM 'seeded';
        CREATE TEMP TABLE seeds ON COMMIT DROP AS SELECT v.*
            FROM (SELECT * FROM vpses WHERE lifecycle <> 'DELETED' AND NOT vm
                  ORDER BY name IS NOT DISTINCT FROM 'seeded' DESC LIMIT 1) v,
                 generate_series(1, GREATEST(0, $1 - (SELECT count(*) FROM vpses WHERE name = 'seeded')));
        UPDATE seeds SET id = gen_random_uuid(), name = 'seeded';
        INSERT INTO vpses SELECT * FROM seeds;
        INSERT INTO ordered SELECT id FROM vpses WHERE name = 'seeded'
            OFFSET $1;
        DELETE FROM operation_transitions WHERE operation_id IN (SELECT o.id FROM operations o JOIN ordered v ON v.id = o.vps_id);
        DELETE FROM operations WHERE vps_id IN (SELECT id FROM ordered);
        DELETE FROM controller_updates WHERE resource_id IN (SELECT id FROM ordered);
        DELETE FROM vpses WHERE id IN (SELECT id FROM ordered);
        COMMIT" >/dev/null
    psql_benchmark "VACUUM ANALYZE" >/dev/null
}

# stored: how many VPSes the database holds.
stored() {
    psql_benchmark "SELECT count(*) FROM vpses"
}

# The cross-check with wrk (plain HTTP: wrk has no client certificates) acts as the controller of an
# instance the emulator installed, with its subscription context.
wrk_controller() {
    IFS='|' read -r WRK_INSTANCE WRK_SUBSCRIPTION WRK_CONTEXT WRK_CONTROLLER_URI < <(psql_benchmark "SELECT c.instance_id,
        c.subscription_id, c.id, i.controller_uri FROM subscription_contexts c JOIN application_instances i ON i.id = c.instance_id
        ORDER BY c.created_at LIMIT 1")
    WRK_HEADERS=(-H "Content-Type: application/json" -H "APS-Instance-ID: $WRK_INSTANCE"
        -H "APS-Controller-URI: $WRK_CONTROLLER_URI" -H "APS-Version: 2.0")
}

# wrk_order ID VM: that controller's order of VPS ID, as the emulator sends it.
wrk_order() {
    jq -n --arg id "$1" --argjson vm "$2" --arg subscription "$WRK_SUBSCRIPTION" --arg context "$WRK_CONTEXT" '{
        aps: {id: $id, type: "http://aps-standard.org/samples/async1p/vps/1.0", status: "aps:provisioning",
              subscription: $subscription},
        name: "wrk", description: "an order of the cross-check with wrk",
        hardware: {memory: 1, diskspace: 10, CPU: {number: 1}, VM: $vm},
        platform: {arch: "x86_64", OS: {name: "debian", version: "12"}},
        context: {aps: {link: "strong", id: $context}}}'
}

# wrk_load NAME [wrk options and URL]: one wrk run of the measured length after 10 s of warm-up, its report
# in $OUT/NAME.wrk. A request counts as timed out after 60 s, as with the emulator.
wrk_load() {
    local name=$1
    shift
    echo "--- $name (wrk)" >&2
    wrk -t2 -c"$CONTROLLERS" -d10s --timeout 60s "${WRK_HEADERS[@]}" "$@" >/dev/null
    wrk -t2 -c"$CONTROLLERS" -d"${MEASURE}s" --timeout 60s --latency "${WRK_HEADERS[@]}" "$@" >"$OUT/$name.wrk"
    cat "$OUT/$name.wrk" >&2
}

wrk_cross_checks() {
    wrk_controller
    local retrieved
    retrieved=$(psql_benchmark "SELECT id FROM vpses WHERE instance_id = '$WRK_INSTANCE' AND NOT vm AND lifecycle <> 'DELETED' LIMIT 1")
    wrk_load wrk-retrieves -H "APS-Request-Phase: sync" -H "APS-Transaction-ID: $(cat /proc/sys/kernel/random/uuid)" \
        "${URL}vpses/$retrieved"
    local template=00000000-0000-4000-8000-000000000000
    wrk_order "$template" false >"$OUT/wrk-container-order.json"
    wrk_load wrk-provisions -H "APS-Request-Phase: sync" -s scripts/lib/wrk-order.lua "$URL" -- \
        "$OUT/wrk-container-order.json" "$template"
    # A VM that never boots, ordered once; wrk then polls its provision.
    wrk_order "$(cat /proc/sys/kernel/random/uuid)" true >"$OUT/wrk-vm-order.json"
    local accepted
    accepted=$(curl -s -o /dev/null -w '%{http_code}' -X POST "${WRK_HEADERS[@]}" -H "APS-Request-Phase: sync" \
        -H "APS-Transaction-ID: $(cat /proc/sys/kernel/random/uuid)" --data-binary @"$OUT/wrk-vm-order.json" "${URL}vpses")
    [ "$accepted" = 202 ] || { echo "the VM order for the wrk polls was answered $accepted, not 202" >&2; exit 1; }
    wrk_load wrk-polls -H "APS-Request-Phase: async" -s scripts/lib/wrk-order.lua "$URL" -- "$OUT/wrk-vm-order.json"
}

# wrk_figure NAME: requests per second, p99 and the answers that were not 2xx or 3xx, of one wrk run.
wrk_figure() {
    local report=$OUT/$1.wrk
    printf '%s/s, p99 %s' "$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' "$report")" "$(awk '$1 == "99%" {print $2}' "$report")"
    awk '/Non-2xx or 3xx responses:/ {printf ", %s not 2xx", $NF}
         /Socket errors:/ {sub(/^ *Socket errors: */, ""); printf ", socket errors: %s", $0}' "$report"
}

for mode in plain tls; do
    if [ "$mode" = plain ]; then
        CONFIG=benchmark.yml URL=http://127.0.0.1:8080/ TLS_OPTIONS=()
    else
        CONFIG=benchmark-tls.yml URL=https://localhost:8443/ TLS_OPTIONS=(--certificates --server-ca "$OUT/server.pem")
    fi
    echo "=== $mode: config/$CONFIG" >&2
    start_connector "$CONFIG" "$URL" "$OUT/$mode-start.ms"
    # The first loads of each path warm the JIT up for longer: before half a minute has passed the
    # connector runs partly interpreted and spends a tenth of its CPU compiling.
    journey provisions
    emulator_load "$mode-provisions" "$URL" 30 "$MEASURE" --controllers "$CONTROLLERS" "${JOURNEY[@]}"
    stored >"$OUT/$mode-stored-small"
    journey retrieves
    emulator_load "$mode-retrieves" "$URL" 30 "$MEASURE" --controllers "$CONTROLLERS" "${JOURNEY[@]}"
    [ "$mode" = tls ] || wrk_cross_checks
    # VMs never finish booting here, and the driver checks each of them every second from then on:
    # these loads come last. Past the window their polls stop after the patience.
    journey polls
    emulator_load "$mode-polls" "$URL" 15 "$MEASURE" --controllers "$CONTROLLERS" "${JOURNEY[@]}"
    emulator_load "$mode-vms-in-flight" "$URL" 5 "$MEASURE" --controllers 1000 --journey provision --vm-share 1 --polls advised --patience 10s
    stop_connector
done

# The same three loads with 1,000 and with 100,000 VPSes stored (plain HTTP), the store set to that
# number before each load, the connector stopped meanwhile (a load's own warm-up warms it up again). A
# provision load adds the VPSes it orders while it runs. Two loads a few minutes apart differ by up to a
# sixth here whatever is stored, so each load runs at both sizes back to back, in SCALE_ROUNDS rounds
# (default 2) that alternate which size goes first, and the table compares the means.
SCALE_ROUNDS=${SCALE_ROUNDS:-2}
SCALE_SIZES=(1000 100000)
URL=http://127.0.0.1:8080/ TLS_OPTIONS=()
# scaled SIZE LOAD ROUND: one of the loads measured alone (see journey) on a store of SIZE copies.
scaled() {
    local size=$1 name=$2 round=$3
    journey "$name"
    store "$size"
    stored >"$OUT/scale-$size-$name-$round.stored"
    restart_connector benchmark.yml "$URL" "$OUT/scale-$size-$name-$round-start.ms"
    # A load with errors goes on: the table counts them.
    emulator_load "scale-$size-$name-$round" "$URL" 30 "$MEASURE" --controllers "$CONTROLLERS" "${JOURNEY[@]}" || true
    stop_connector
    stored >"$OUT/scale-$size-$name-$round.stored-after"
}
echo "=== 1,000 and 100,000 VPSes stored, $SCALE_ROUNDS rounds" >&2
# The instance, and a VPS to copy.
start_connector benchmark.yml "$URL" "$OUT/scale-start.ms"
journey provisions
emulator_load scale-first "$URL" 0 5 --controllers "$CONTROLLERS" "${JOURNEY[@]}"
stop_connector
for round in $(seq 1 "$SCALE_ROUNDS"); do
    sizes=("${SCALE_SIZES[@]}")
    [ $((round % 2)) = 1 ] || sizes=("${SCALE_SIZES[1]}" "${SCALE_SIZES[0]}")
    for load in retrieves polls provisions; do
        for size in "${sizes[@]}"; do
            scaled "$size" "$load" "$round"
        done
    done
done

# The advised APS-Retry-Timeout, from the next check alone and from what VM provisions took: VMs
# that boot in 5 s, polled when advised; the warm-up lets the connector see some of them end first.
TLS_OPTIONS=()
for adaptive in false true; do
    echo "=== APS-Retry-Timeout adaptive: $adaptive" >&2
    BOOT_TIME=5s ADAPTIVE_RETRY_TIMEOUT=$adaptive start_connector benchmark.yml http://127.0.0.1:8080/ "$OUT/retry-timeout-$adaptive-start.ms"
    emulator_load "retry-timeout-$adaptive" http://127.0.0.1:8080/ 15 "$MEASURE" --controllers 100 --journey provision --vm-share 1 \
        --polls advised --patience 60s
    stop_connector
done

# ready NAME FIELD: one figure of the VM provisions of a load run, from the first request to the answer that ends it.
ready() {
    jq -r ".operations[] | select(.operation == \"provision vm\") | .$2" "$OUT/$1.json"
}

row() {
    printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"
}
echo
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; connector -Xmx256m; emulator on the same machine, $CONTROLLERS controllers; ${MEASURE} s measured per load"
echo
row "what" "plain HTTP" "TLS, client certificate checked" "goal"
row "---" "---" "---" "---"
row "sync container provisions / s" "$(figure plain-provisions 'provision container' perSecond)" "$(figure tls-provisions 'provision container' perSecond)" "≥ 2,000"
row "connector CPU per provision (ms)" "$(jq -r .connector.cpuMillisPerRequest "$OUT/plain-provisions.json")" "$(jq -r .connector.cpuMillisPerRequest "$OUT/tls-provisions.json")" "≤ 0.5"
row "provision p99 (ms)" "$(figure plain-provisions 'provision container' p99Millis)" "$(figure tls-provisions 'provision container' p99Millis)" "≤ 25"
row "async VM polls / s" "$(figure plain-polls 'poll provision vm' perSecond)" "$(figure tls-polls 'poll provision vm' perSecond)" "≥ 7,000"
row "poll p99 (ms)" "$(figure plain-polls 'poll provision vm' p99Millis)" "$(figure tls-polls 'poll provision vm' p99Millis)" "≤ 25"
row "retrieves / s, $(cat "$OUT/plain-stored-small") and $(cat "$OUT/tls-stored-small") VPSes stored" "$(figure plain-retrieves 'retrieve container' perSecond)" "$(figure tls-retrieves 'retrieve container' perSecond)" "≥ 7,000"
row "retrieve p99 (ms)" "$(figure plain-retrieves 'retrieve container' p99Millis)" "$(figure tls-retrieves 'retrieve container' p99Millis)" "≤ 25"
row "heap, 1,000 VM provisions in flight (MB, at most)" "$(jq -r .connector.heapMaxMegabytes "$OUT/plain-vms-in-flight.json")" "$(jq -r .connector.heapMaxMegabytes "$OUT/tls-vms-in-flight.json")" "≤ 256"
row "start to first answer, class-data archive (ms)" "$(cat "$OUT/plain-start.ms")" "$(cat "$OUT/tls-start.ms")" "≤ 3,000"
row "start to first answer, first start (ms)" "$(cat "$OUT/cold-start.ms")" "" ""
echo
echo "The same connector on plain HTTP, measured with wrk (2 threads, $CONTROLLERS connections) after the emulator's loads"
echo
row "what" "wrk" "emulator" ""
row "---" "---" "---" "---"
row "sync container provisions" "$(wrk_figure wrk-provisions)" "$(figure plain-provisions 'provision container' perSecond)/s, p99 $(figure plain-provisions 'provision container' p99Millis) ms" ""
row "retrieves" "$(wrk_figure wrk-retrieves)" "$(figure plain-retrieves 'retrieve container' perSecond)/s, p99 $(figure plain-retrieves 'retrieve container' p99Millis) ms" ""
row "async VM polls" "$(wrk_figure wrk-polls)" "$(figure plain-polls 'poll provision vm' perSecond)/s, p99 $(figure plain-polls 'poll provision vm' p99Millis) ms" ""
echo
echo "Plain HTTP with 1,000 and with 100,000 VPSes stored when each load starts (a provision load adds what it orders): each round's figure, then their mean; $SCALE_ROUNDS rounds, each load at both sizes back to back"
echo
# scale_figures SIZE LOAD KIND FIELD: one figure of every round at one size, a line each.
scale_figures() {
    for round in $(seq 1 "$SCALE_ROUNDS"); do
        figure "scale-$1-$2-$round" "$3" "$4"
    done
}
# mean: the mean of the figures on standard input.
mean() {
    awk '{ sum += $1; n++ } END { if (n > 0) printf "%.1f", sum / n }'
}
# scale_cell FIGURES: the rounds' figures (a line each) and their mean.
scale_cell() {
    printf '%s; mean %s' "$(paste -sd ',' - <<<"$1" | sed 's/,/, /g')" "$(mean <<<"$1")"
}
# scale_row WHAT LOAD KIND FIELD: one figure at both sizes and how far apart their means are.
scale_row() {
    local small large
    small=$(scale_figures "${SCALE_SIZES[0]}" "$2" "$3" "$4")
    large=$(scale_figures "${SCALE_SIZES[1]}" "$2" "$3" "$4")
    row "$1" "$(scale_cell "$small")" "$(scale_cell "$large")" \
        "$(awk -v s="$(mean <<<"$small")" -v l="$(mean <<<"$large")" 'BEGIN { if (s > 0) printf "%+.1f %%", (l - s) * 100 / s }')"
}
row "what" "1,000 stored" "100,000 stored" "100,000 against 1,000, means (goal: within 10 %)"
row "---" "---" "---" "---"
scale_row "retrieves / s" retrieves 'retrieve container' perSecond
scale_row "retrieve p99 (ms)" retrieves 'retrieve container' p99Millis
scale_row "async VM polls / s" polls 'poll provision vm' perSecond
scale_row "poll p99 (ms)" polls 'poll provision vm' p99Millis
scale_row "sync container provisions / s" provisions 'provision container' perSecond
scale_row "provision p99 (ms)" provisions 'provision container' p99Millis
# scale_errors SIZE: the errors of every load (retrieves, polls, provisions) of every round at one size.
scale_errors() {
    for load in retrieves polls provisions; do
        for round in $(seq 1 "$SCALE_ROUNDS"); do
            jq -r .errors "$OUT/scale-$1-$load-$round.json"
        done
    done | paste -sd ' ' -
}
row "errors (retrieves, polls, provisions; each round)" "$(scale_errors "${SCALE_SIZES[0]}")" "$(scale_errors "${SCALE_SIZES[1]}")" ""
# scale_stored SIZE: the VPSes stored when each load started and ended.
scale_stored() {
    for load in retrieves polls provisions; do
        for round in $(seq 1 "$SCALE_ROUNDS"); do
            printf '%s → %s; ' "$(cat "$OUT/scale-$1-$load-$round.stored")" "$(cat "$OUT/scale-$1-$load-$round.stored-after")"
        done
    done
}
row "VPSes stored at the start → end of the retrieves; polls; provisions (each round)" "$(scale_stored "${SCALE_SIZES[0]}")" "$(scale_stored "${SCALE_SIZES[1]}")" ""
echo
echo "VMs that boot in 5 s, polled when advised (100 controllers): advice from the next check alone, then from what provisions took"
echo
row "what" "next check" "adaptive" "goal"
row "---" "---" "---" "---"
row "polls per VM provision" "$(ready retry-timeout-false pollsPerOperation)" "$(ready retry-timeout-true pollsPerOperation)" "fewer"
row "ready time as the controller sees it, p50 (ms)" "$(ready retry-timeout-false p50Millis)" "$(ready retry-timeout-true p50Millis)" "≤ boot + 1,000"
row "ready time as the controller sees it, p99 (ms)" "$(ready retry-timeout-false p99Millis)" "$(ready retry-timeout-true p99Millis)" "≤ boot + 1,000"
echo
echo "figures and latency pictures: $OUT"
