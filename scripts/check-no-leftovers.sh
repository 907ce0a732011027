#!/usr/bin/env bash
# Lists the VPS servers on this host that tests make: Docker containers with the connector's
# labels (or named vps-*), libvirt domains named vps-* on qemu:///system, volumes in the
# connector's storage pools (disks and cloud-init seeds), DHCP leases of the guests' network,
# console files. Fails when there is any. When the fleet of scripts/start-fleet.sh runs, the same
# on its endpoints, named by endpoint: containers on engine-a and engine-b ("container
# engine-a/NAME"), domains, volumes and leases on kvm-b ("domain kvm-b/NAME"); its console files are
# the host's. An endpoint that does not answer is left out, as a host without docker or virsh.
#   scripts/check-no-leftovers.sh                 # fails on anything
#   scripts/check-no-leftovers.sh --list          # prints what there is, one a line; never fails
#   scripts/check-no-leftovers.sh --except FILE   # fails only on what is not in FILE (an earlier --list)
# scripts/test.sh takes a --list before the tests and checks with --except after them, so servers
# that were there before (a connector running on the same host) do not count against the tests.
set -euo pipefail
. "$(dirname "$0")/lib/fleet.sh"

URI=qemu:///system
POOLS=(vps-connector vps-connector-test)
NETWORKS=(vps-connector)
CONSOLE_DIRECTORIES=(/var/lib/vps-connector/console /var/lib/vps-connector/test/console)
VPS_LABEL=org.vpsconnector.vps-id

# list_containers [ENGINE_HOST WHERE]: the host's engine, or another one with WHERE before each name.
list_containers() {
    command -v docker >/dev/null || return 0
    local where=${2:-}
    local docker=(docker ${1:+-H "$1"})
    {
        "${docker[@]}" ps --all --filter "label=$VPS_LABEL" --format '{{.Names}}'
        "${docker[@]}" ps --all --filter "name=^vps-" --format '{{.Names}}'
    } | sed "s|^|container $where|"
}

# list_domains URI [WHERE], and so on: WHERE goes before each name, for an endpoint of the fleet.
list_domains() {
    command -v virsh >/dev/null || return 0
    local uri=$1 where=${2:-}
    virsh -c "$uri" list --all --name | grep '^vps-' | sed "s|^|domain $where|" || true
}

list_volumes() {
    command -v virsh >/dev/null || return 0
    local uri=$1 where=${2:-} pool
    for pool in "${POOLS[@]}"; do
        virsh -c "$uri" pool-info "$pool" >/dev/null 2>&1 || continue
        # Files put in the pool's directory without libvirt show after a refresh.
        virsh -c "$uri" pool-refresh "$pool" >/dev/null 2>&1 || true
        virsh -c "$uri" vol-list "$pool" | awk 'NR > 2 && NF { print $1 }' | sed "s|^|volume $where$pool/|"
    done
}

list_leases() {
    command -v virsh >/dev/null || return 0
    local uri=$1 where=${2:-} network
    for network in "${NETWORKS[@]}"; do
        virsh -c "$uri" net-info "$network" >/dev/null 2>&1 || continue
        # Expiry time, MAC, protocol, address, host name: a lease is named by its address and MAC.
        virsh -c "$uri" net-dhcp-leases "$network" | awk 'NR > 2 && NF >= 5 { print $5 " " $3 }' | sed "s|^|lease $where$network/|"
    done
}

# The fleet's endpoints that answer.
list_fleet() {
    local engine
    if command -v docker >/dev/null; then
        for engine in "${FLEET_ENGINES[@]}"; do
            fleet_engine "$engine"
            fleet_engine_answers || continue
            list_containers "$ENGINE_HOST" "$engine/"
        done
    fi
    if command -v virsh >/dev/null && fleet_kvm_b_answers; then
        list_domains "$FLEET_KVM_B_URI" kvm-b/
        list_volumes "$FLEET_KVM_B_URI" kvm-b/
        list_leases "$FLEET_KVM_B_URI" kvm-b/
    fi
}

list_consoles() {
    local directory
    for directory in "${CONSOLE_DIRECTORIES[@]}"; do
        [ -d "$directory" ] || continue
        find "$directory" -maxdepth 1 -type f -name 'vps-*' | sed 's/^/console /'
    done
}

list_all() {
    { list_containers; list_domains "$URI"; list_volumes "$URI"; list_leases "$URI"; list_consoles; list_fleet; } | sort -u
}

case "${1:-}" in
    --list)
        list_all
        ;;
    --except)
        [ -f "${2:-}" ] || { echo "check-no-leftovers: --except needs the file of an earlier --list" >&2; exit 2; }
        before=$(sort -u "$2")
        now=$(list_all)
        left=$(comm -13 <(echo "$before") <(echo "$now") | sed '/^$/d')
        earlier=$(comm -12 <(echo "$before") <(echo "$now") | sed '/^$/d')
        if [ -n "$earlier" ]; then
            echo "check-no-leftovers: $(echo "$earlier" | wc -l) VPS server part(s) were there before the tests and are not counted"
        fi
        if [ -n "$left" ]; then
            echo "check-no-leftovers: the tests left $(echo "$left" | wc -l) VPS server part(s) behind:" >&2
            echo "$left" | sed 's/^/  /' >&2
            exit 1
        fi
        echo "check-no-leftovers: the tests left no container, domain, volume, lease or console file behind"
        ;;
    "")
        left=$(list_all)
        if [ -n "$left" ]; then
            echo "check-no-leftovers: $(echo "$left" | wc -l) VPS server part(s) on this host:" >&2
            echo "$left" | sed 's/^/  /' >&2
            exit 1
        fi
        echo "check-no-leftovers: no container, domain, volume, lease or console file of a VPS on this host"
        ;;
    *)
        echo "usage: $0 [--list | --except FILE]" >&2
        exit 2
        ;;
esac
