#!/usr/bin/env bash
# Stops the fleet of scripts/start-fleet.sh: kvm-b's container (its network goes first, its running
# guests stop as on a power cut) and the two engines' dockerd (which stop their containers first).
# What they hold stays: kvm-b's definitions and volumes, the engines' images, containers and
# storage (still mounted), the bridges and firewall chains, the TLS material in
# /var/lib/vps-connector/fleet/tls; scripts/start-fleet.sh starts the same fleet again. The host's
# engine and libvirtd (kvm-a) keep running. Idempotent; runs as root.
# With host names (engine-a, engine-b, kvm-b), stops only those: a host taken down, as the fleet
# end-to-end test does to one engine.
set -euo pipefail
. "$(dirname "$0")/lib/fleet.sh"

log() { echo "stop-fleet: $*"; }

mkdir -p "$FLEET_RUN_DIR"
exec 9>"$FLEET_RUN_DIR/fleet.lock"
flock 9

HOSTS=("$@")
[ ${#HOSTS[@]} -gt 0 ] || HOSTS=(kvm-b "${FLEET_ENGINES[@]}")
for host in "${HOSTS[@]}"; do
    case "$host" in
        kvm-b|engine-a|engine-b) ;;
        *) echo "stop-fleet: no fleet host $host (engine-a, engine-b, kvm-b)" >&2; exit 2 ;;
    esac
done
stopping() { [[ " ${HOSTS[*]} " == *" $1 "* ]]; }

if stopping kvm-b && [ "$(docker container inspect --format '{{.State.Running}}' "$FLEET_KVM_B_CONTAINER" 2>/dev/null || true)" = true ]; then
    running=$(timeout 20 virsh -c "$FLEET_KVM_B_URI" list --name 2>/dev/null | sed '/^$/d' | tr '\n' ' ' || true)
    log "stopping kvm-b (container $FLEET_KVM_B_CONTAINER)${running:+; its running guests stop: $running}"
    docker stop -t 60 "$FLEET_KVM_B_CONTAINER" >/dev/null
fi

for engine in "${FLEET_ENGINES[@]}"; do
    stopping "$engine" || continue
    fleet_engine "$engine"
    pid=$(fleet_engine_pid) || continue
    running=$(docker -H "$ENGINE_HOST" ps --format '{{.Names}}' 2>/dev/null | tr '\n' ' ' || true)
    log "stopping $ENGINE (pid $pid)${running:+; its running containers stop: $running}"
    fleet_stop_engine
done
log "stopped: ${HOSTS[*]}"
