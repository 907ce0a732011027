#!/usr/bin/env bash
# Where the connector spends its CPU under one load of the benchmark: the service jar runs as in
# scripts/benchmark.sh while the controller emulator drives it, and async-profiler (fetched from
# Maven Central) samples it during the measured window only, after the warm-up.
#   scripts/profile.sh [provisions|retrieves|polls, default provisions] [seconds, default 20] [controllers, default 64] [plain|tls]
# Prints the hottest methods and the share of samples per component; target/profile/ keeps the
# flame graph (<mode>-<load>.html), the collapsed stacks and the load's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/benchmark-connector.sh

LOAD=${1:-provisions}
MEASURE=${2:-20}
CONTROLLERS=${3:-64}
MODE=${4:-plain}
OUT=$PWD/target/profile
DATABASE=vps_profile
ASYNC_PROFILER=tools.profiler:async-profiler:3.0
export PGPASSWORD=vps
ADMIN_PASSWORD=profile-$RANDOM$RANDOM
# Half a minute: before it the connector runs partly interpreted and spends a tenth of its CPU compiling.
WARMUP=30

journey "$LOAD" || { echo "usage: scripts/profile.sh [provisions|retrieves|polls] [seconds] [controllers] [plain|tls]" >&2; exit 2; }

scripts/install-build-tools.sh >&2
scripts/start-postgres.sh >&2
mvn -B -q -DskipTests install >&2
fresh_out
mvn -B -q dependency:copy -Dartifact="$ASYNC_PROFILER" -DoutputDirectory="$OUT" >&2
unzip -q -o "$OUT"/async-profiler-*.jar 'linux-x64/*' -d "$OUT"
AGENT=$OUT/linux-x64/libasyncProfiler.so
if [ "$MODE" = tls ]; then
    server_certificate
    CONFIG=benchmark-tls.yml URL=https://localhost:8443/ TLS_OPTIONS=(--certificates --server-ca "$OUT/server.pem")
else
    CONFIG=benchmark.yml URL=http://127.0.0.1:8080/ TLS_OPTIONS=()
fi
trap stop_connector EXIT

# profiler COMMAND: one command to the profiler inside the connector (quoted: jcmd would split it at '=').
profiler() {
    jcmd "$CONNECTOR_PID" JVMTI.agent_load "$AGENT" "\"$1\"" >/dev/null
}

NAME=$MODE-$LOAD
start_connector "$CONFIG" "$URL" "$OUT/start.ms"
emulator_load "$NAME" "$URL" "$WARMUP" "$MEASURE" --controllers "$CONTROLLERS" "${JOURNEY[@]}" &
EMULATOR_PID=$!
sleep "$WARMUP"
profiler "start,event=cpu,interval=1ms"
sleep "$MEASURE"
profiler "stop,file=$OUT/$NAME.txt,flat=30,traces=0"
profiler "dump,collapsed,file=$OUT/$NAME.collapsed"
profiler "dump,flamegraph,file=$OUT/$NAME.html"
wait "$EMULATOR_PID"
stop_connector

cat "$OUT/$NAME.txt"
echo
echo "samples per component (a sample counts for each component on its stack)"
awk '{ n = $NF; total += n
       if (/org\/jdbi\//) jdbi += n
       if (/org\/postgresql\//) driver += n
       if (/org\/apache\/tomcat\/jdbc\//) pool += n
       if (/org\/glassfish\/jersey\//) jersey += n
       if (/com\/fasterxml\/jackson\//) jackson += n
       if (/org\/vpsconnector\/application\//) application += n
       if (/CompileBroker/) jit += n
       if (/G1|GC Thread|ParallelGC|VM_GC/) gc += n
       if (/_\[k\]/) kernel += n }
     END { printf "  %5.1f %%  Jdbi\n  %5.1f %%  PostgreSQL driver\n  %5.1f %%  connection pool\n  %5.1f %%  Jersey\n", \
                  100*jdbi/total, 100*driver/total, 100*pool/total, 100*jersey/total
           printf "  %5.1f %%  Jackson\n  %5.1f %%  the application layer\n  %5.1f %%  JIT compiler\n  %5.1f %%  GC\n  %5.1f %%  in the kernel\n", \
                  100*jackson/total, 100*application/total, 100*jit/total, 100*gc/total, 100*kernel/total }' "$OUT/$NAME.collapsed"
echo
echo "flame graph: $OUT/$NAME.html"
