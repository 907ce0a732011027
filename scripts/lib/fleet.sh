# The fleet of scripts/start-fleet.sh (sourced): where its endpoints are, for the scripts that
# start, stop and check it. scripts/start-fleet.sh's opening comment says what each one holds.

FLEET_DIR=/var/lib/vps-connector/fleet
FLEET_RUN_DIR=/run/vps-fleet
FLEET_LOG_DIR=/var/log/vps-connector

FLEET_ENGINES=(engine-a engine-b)

# The fleet's TLS material (scripts/start-fleet.sh makes it once): one authority, one server
# certificate for 127.0.0.1 and localhost, one client certificate, each client's files laid out as
# its software reads a directory of them.
FLEET_TLS_DIR=$FLEET_DIR/tls
FLEET_TLS_CA=$FLEET_TLS_DIR/ca/ca.pem
FLEET_TLS_CA_KEY=$FLEET_TLS_DIR/ca/ca-key.pem
FLEET_TLS_SERVER_CERT=$FLEET_TLS_DIR/server/cert.pem
FLEET_TLS_SERVER_KEY=$FLEET_TLS_DIR/server/key.pem
FLEET_TLS_CLIENT_CERT=$FLEET_TLS_DIR/client/cert.pem
FLEET_TLS_CLIENT_KEY=$FLEET_TLS_DIR/client/key.pem
# Docker's layout: ca.pem, cert.pem, key.pem (docker --tlsverify --tlscacert ..., docker-java's cert path).
FLEET_TLS_DOCKER_CLIENT_DIR=$FLEET_TLS_DIR/docker-client
# libvirt's pkipath layout: cacert.pem, clientcert.pem, clientkey.pem.
FLEET_TLS_LIBVIRT_CLIENT_DIR=$FLEET_TLS_DIR/libvirt-client

# fleet_engine NAME: sets the engine's ENGINE_* variables.
#   engine          bridge of its    address of       bridge of its   subnet of        address pool of
#                   default network  that bridge      VPS network     the VPS network  any other network
fleet_engine() {
    case $1 in
        engine-a) set -- "$1" fleet-a0 10.211.0.1/24 vps-fleet-a 10.211.16.0/20 10.211.128.0/17 ;;
        engine-b) set -- "$1" fleet-b0 10.212.0.1/24 vps-fleet-b 10.212.16.0/20 10.212.128.0/17 ;;
        *) echo "fleet: no engine $1" >&2; return 1 ;;
    esac
    ENGINE=$1
    ENGINE_BRIDGE=$2
    ENGINE_BRIDGE_ADDRESS=$3
    ENGINE_VPS_BRIDGE=$4
    ENGINE_VPS_SUBNET=$5
    ENGINE_ADDRESS_POOL=$6
    ENGINE_SOCKET_PATH=$FLEET_RUN_DIR/$1.sock
    ENGINE_HOST=unix://$ENGINE_SOCKET_PATH
    ENGINE_PIDFILE=$FLEET_RUN_DIR/$1.pid
    ENGINE_EXEC_ROOT=$FLEET_RUN_DIR/$1
    ENGINE_CONFIG=$FLEET_DIR/$1.json
    ENGINE_STORAGE_FILE=$FLEET_DIR/$1.btrfs
    ENGINE_STORAGE_MOUNT=$FLEET_DIR/$1
    ENGINE_DATA_ROOT=$ENGINE_STORAGE_MOUNT/docker
    ENGINE_LOG=$FLEET_LOG_DIR/fleet-$1.log
    # Besides its socket, engine-b listens on the host's loopback over TLS, client certificates required.
    case $1 in
        engine-b) ENGINE_TLS_HOST=tcp://127.0.0.1:2376 ;;
        *) ENGINE_TLS_HOST= ;;
    esac
}

# The pid of the engine's dockerd when it is the one the fleet started (its pid file may be stale).
fleet_engine_pid() {
    local pid
    pid=$(cat "$ENGINE_PIDFILE" 2>/dev/null || true)
    [ -n "$pid" ] || return 1
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)" == "dockerd --config-file $ENGINE_CONFIG "* ]] || return 1
    echo "$pid"
}

fleet_engine_answers() {
    [ -S "$ENGINE_SOCKET_PATH" ] && timeout 20 docker -H "$ENGINE_HOST" version >/dev/null 2>&1
}

# The engine answers on its TLS address to the fleet's client certificate (true when it has none).
fleet_engine_answers_tls() {
    [ -n "$ENGINE_TLS_HOST" ] || return 0
    timeout 20 docker -H "$ENGINE_TLS_HOST" --tlsverify --tlscacert "$FLEET_TLS_DOCKER_CLIENT_DIR/ca.pem" \
        --tlscert "$FLEET_TLS_DOCKER_CLIENT_DIR/cert.pem" --tlskey "$FLEET_TLS_DOCKER_CLIENT_DIR/key.pem" \
        version >/dev/null 2>&1
}

# Stops the engine's dockerd, which stops its containers first; waits at most 90 s.
fleet_stop_engine() {
    local pid second
    pid=$(fleet_engine_pid) || return 0
    kill "$pid"
    for second in $(seq 1 90); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 1
    done
    echo "fleet: dockerd of $ENGINE (pid $pid) did not stop within 90 s" >&2
    return 1
}

# The second libvirtd (kvm-b): in a container of the host's engine, in the host's network
# namespace, listening on the host's loopback only. kvm-a is the host's own libvirtd.
FLEET_KVM_A_URI=qemu:///system
FLEET_KVM_B_URI=qemu+tcp://127.0.0.1:16519/system
FLEET_KVM_B_PORT=16519
# kvm-b over TLS as well: the fleet's client certificate, read from pkipath, not from the host's /etc/pki.
FLEET_KVM_B_TLS_PORT=16514
FLEET_KVM_B_TLS_URI="qemu+tls://127.0.0.1:$FLEET_KVM_B_TLS_PORT/system?pkipath=$FLEET_TLS_LIBVIRT_CLIENT_DIR"
FLEET_KVM_B_CONTAINER=fleet-kvm-b
FLEET_KVM_B_IMAGE=vps-connector/fleet-libvirtd:latest
FLEET_KVM_B_BRIDGE=vps-nat-b
FLEET_KVM_B_PREFIX=192.168.214

fleet_kvm_b_answers() {
    timeout 20 virsh -c "$FLEET_KVM_B_URI" version >/dev/null 2>&1
}

fleet_kvm_b_answers_tls() {
    timeout 20 virsh -c "$FLEET_KVM_B_TLS_URI" version >/dev/null 2>&1
}
