# The service jar under measurement and the emulator's load on it, shared by scripts/benchmark.sh,
# scripts/benchmark-jvm.sh, scripts/benchmark-usage.sh and scripts/profile.sh.
# Callers set OUT (a directory), DATABASE (dropped and created afresh), ADMIN_PASSWORD and, for
# config/benchmark-tls.yml, "$OUT/server.p12" with that password; CONNECTOR_JAVA_OPTIONS adds JVM
# options to those of scripts/run.sh (scripts/lib/jit-options.sh), BOOT_TIME is how long the fake VMs
# take to boot (default: they never finish), ADAPTIVE_RETRY_TIMEOUT=false advises APS-Retry-Timeout
# from the next check alone.

. "$(dirname "${BASH_SOURCE[0]}")/jit-options.sh"

CONNECTOR_PID=

stop_connector() {
    if [ -n "$CONNECTOR_PID" ]; then
        kill "$CONNECTOR_PID" 2>/dev/null || true
        wait "$CONNECTOR_PID" 2>/dev/null || true
        CONNECTOR_PID=
    fi
}

# fresh_out: OUT emptied, with ADMIN_PASSWORD in "$OUT/admin-password" (readable by its owner only)
# for the emulator to read the connector's figures through the admin port.
fresh_out() {
    rm -rf "$OUT" && mkdir -p "$OUT"
    (umask 077 && echo "$ADMIN_PASSWORD" >"$OUT/admin-password")
}

psql_benchmark() {
    psql -h localhost -U vps -d "$DATABASE" -v ON_ERROR_STOP=1 -tAc "$1"
}

# start_connector CONFIG URL MS_FILE: a fresh database, the jar started; writes the milliseconds until its first APS answer.
start_connector() {
    dropdb -h localhost -U vps --if-exists "$DATABASE" 2>/dev/null
    createdb -h localhost -U vps "$DATABASE"
    rm -rf "$OUT/data"
    restart_connector "$@"
}

# restart_connector CONFIG URL MS_FILE: as start_connector, on the database as it is.
restart_connector() {
    local started=$(date +%s%N)
    VPS_DATA_DIRECTORY="$OUT/data" VPS_DATABASE_URL="jdbc:postgresql://localhost:5432/$DATABASE" \
    VPS_TLS_KEYSTORE="$OUT/server.p12" VPS_TLS_KEYSTORE_PASSWORD="$ADMIN_PASSWORD" \
    VPS_ADMIN_PASSWORD="$ADMIN_PASSWORD" VPS_BENCHMARK_BOOT_TIME="${BOOT_TIME:-24h}" \
    VPS_BENCHMARK_ADAPTIVE_RETRY_TIMEOUT="${ADAPTIVE_RETRY_TIMEOUT:-true}" \
        java -Xms256m -Xmx256m $(jit_options) ${CONNECTOR_JAVA_OPTIONS:-} -jar bootstrap/target/vps-connector.jar server "config/$1" \
        >"$OUT/connector-${1%.yml}.log" 2>&1 &
    CONNECTOR_PID=$!
    # Any HTTP answer is an answer: without a client certificate the TLS connector answers 403.
    until curl -sk -o /dev/null --max-time 1 "$2"; do
        kill -0 "$CONNECTOR_PID" 2>/dev/null || { echo "the connector did not start: $OUT/connector-${1%.yml}.log" >&2; exit 1; }
        sleep 0.02
    done
    echo $(( ($(date +%s%N) - started) / 1000000 )) >"$3"
}

# journey LOAD: in JOURNEY, the emulator's options for one of the loads measured alone (provisions,
# retrieves, polls of VMs that never finish booting); fails for any other LOAD.
journey() {
    case "$1" in
        provisions) JOURNEY=(--journey provision --vm-share 0) ;;
        retrieves) JOURNEY=(--journey "provision,retrieve*1000000" --vm-share 0) ;;
        polls) JOURNEY=(--journey provision --vm-share 1 --polls 0ms --patience 10s) ;;
        *) return 1 ;;
    esac
}

# emulator_load NAME URL WARMUP SECONDS [OPTION...]: the controller emulator's load on the connector
# started last, WARMUP and SECONDS in seconds, with its CPU and heap read through the admin port
# (the password in "$OUT/admin-password") and TLS_OPTIONS when set; figures in "$OUT/NAME.json", the
# latency chart in "$OUT/NAME.png".
emulator_load() {
    local name=$1 url=$2 warmup=$3 seconds=$4
    shift 4
    echo "--- $name" >&2
    java -jar controller-emulator/target/controller-emulator.jar load --url "$url" ${TLS_OPTIONS[@]+"${TLS_OPTIONS[@]}"} \
        --connector-pid "$CONNECTOR_PID" --admin-url http://127.0.0.1:8081/ --admin-password-file "$OUT/admin-password" \
        --warmup "${warmup}s" --duration "${seconds}s" --json "$OUT/$name.json" --chart "$OUT/$name.png" "$@" >&2
}

# server_certificate: a key pair and self-signed certificate for localhost in "$OUT/server.p12", its PEM in "$OUT/server.pem".
server_certificate() {
    keytool -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost \
        -ext san=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$OUT/server.p12" \
        -storepass "$ADMIN_PASSWORD" -keypass "$ADMIN_PASSWORD" >/dev/null 2>&1
    keytool -exportcert -rfc -alias server -keystore "$OUT/server.p12" -storepass "$ADMIN_PASSWORD" >"$OUT/server.pem" 2>/dev/null
}
