#!/usr/bin/env bash
# Where the connector spends its CPU under one load of the benchmark: the service jar runs with a
# flight recording (JFR, profile settings) while the controller emulator drives it, then the
# recording's CPU samples are printed per method, the connector's own code listed apart.
#   scripts/profile.sh [provisions|retrieves|polls, default provisions] [seconds, default 20] [controllers, default 64] [plain|tls]
# The recording stays in target/profile/ (open it with JDK Mission Control for the full picture).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/benchmark-connector.sh

LOAD=${1:-provisions}
MEASURE=${2:-20}
CONTROLLERS=${3:-64}
MODE=${4:-plain}
OUT=$PWD/target/profile
DATABASE=vps_profile
export PGPASSWORD=vps
ADMIN_PASSWORD=profile-$RANDOM$RANDOM

case "$LOAD" in
    provisions) JOURNEY=(--journey provision --vm-share 0) ;;
    retrieves) JOURNEY=(--journey "provision,retrieve*1000000" --vm-share 0) ;;
    polls) JOURNEY=(--journey provision --vm-share 1 --polls 0ms --patience 10s) ;;
    *) echo "usage: scripts/profile.sh [provisions|retrieves|polls] [seconds] [controllers] [plain|tls]" >&2; exit 2 ;;
esac

scripts/install-build-tools.sh >&2
scripts/start-postgres.sh >&2
mvn -B -q -DskipTests install >&2
rm -rf "$OUT" && mkdir -p "$OUT"
echo "$ADMIN_PASSWORD" >"$OUT/admin-password"
chmod 600 "$OUT/admin-password"
if [ "$MODE" = tls ]; then
    server_certificate
    CONFIG=benchmark-tls.yml URL=https://localhost:8443/ TLS_OPTIONS=(--certificates --server-ca "$OUT/server.pem")
else
    CONFIG=benchmark.yml URL=http://127.0.0.1:8080/ TLS_OPTIONS=()
fi
trap stop_connector EXIT

RECORDING=$OUT/$MODE-$LOAD.jfr
# The recording covers the measured window only: it starts once the warm-up is over.
start_connector "$CONFIG" "$URL" "$OUT/start.ms"
java -jar controller-emulator/target/controller-emulator.jar load --url "$URL" "${TLS_OPTIONS[@]}" \
    --connector-pid "$CONNECTOR_PID" --admin-url http://127.0.0.1:8081/ --admin-password-file "$OUT/admin-password" \
    --controllers "$CONTROLLERS" "${JOURNEY[@]}" --warmup 5s --duration "${MEASURE}s" --json "$OUT/$MODE-$LOAD.json" >&2 &
EMULATOR_PID=$!
sleep 5
jcmd "$CONNECTOR_PID" JFR.start name=load settings=profile duration="${MEASURE}s" filename="$RECORDING" >&2
wait "$EMULATOR_PID"
until [ -s "$RECORDING" ]; do sleep 0.5; done
stop_connector
java -jar controller-emulator/target/controller-emulator.jar profile "$RECORDING"
java -jar controller-emulator/target/controller-emulator.jar profile "$RECORDING" --focus org.vpsconnector | sed -n '/on the stack/,$p'
