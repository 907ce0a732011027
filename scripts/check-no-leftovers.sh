#!/usr/bin/env bash
# Lists the VPS servers on this host that tests make: Docker containers with the connector's
# labels (or named vps-*), libvirt domains named vps-* on qemu:///system, volumes in the
# connector's storage pools (disks and cloud-init seeds), DHCP leases of the guests' network,
# console files. Fails when there is any.
#   scripts/check-no-leftovers.sh                 # fails on anything
#   scripts/check-no-leftovers.sh --list          # prints what there is, one a line; never fails
#   scripts/check-no-leftovers.sh --except FILE   # fails only on what is not in FILE (an earlier --list)
# scripts/test.sh takes a --list before the tests and checks with --except after them, so servers
# that were there before (a connector running on the same host) do not count against the tests.
set -euo pipefail

URI=qemu:///system
POOLS=(vps-connector vps-connector-test)
NETWORKS=(vps-connector)
CONSOLE_DIRECTORIES=(/var/lib/vps-connector/console /var/lib/vps-connector/test/console)
VPS_LABEL=org.vpsconnector.vps-id

list_containers() {
    command -v docker >/dev/null || return 0
    {
        docker ps --all --filter "label=$VPS_LABEL" --format '{{.Names}}'
        docker ps --all --filter "name=^vps-" --format '{{.Names}}'
    } | sed 's/^/container /'
}

list_domains() {
    command -v virsh >/dev/null || return 0
    virsh -c "$URI" list --all --name | grep '^vps-' | sed 's/^/domain /' || true
}

list_volumes() {
    command -v virsh >/dev/null || return 0
    local pool
    for pool in "${POOLS[@]}"; do
        virsh -c "$URI" pool-info "$pool" >/dev/null 2>&1 || continue
        # Files put in the pool's directory without libvirt show after a refresh.
        virsh -c "$URI" pool-refresh "$pool" >/dev/null 2>&1 || true
        virsh -c "$URI" vol-list "$pool" | awk 'NR > 2 && NF { print $1 }' | sed "s|^|volume $pool/|"
    done
}

list_leases() {
    command -v virsh >/dev/null || return 0
    local network
    for network in "${NETWORKS[@]}"; do
        virsh -c "$URI" net-info "$network" >/dev/null 2>&1 || continue
        # Expiry time, MAC, protocol, address, host name: a lease is named by its address and MAC.
        virsh -c "$URI" net-dhcp-leases "$network" | awk 'NR > 2 && NF >= 5 { print $5 " " $3 }' | sed "s|^|lease $network/|"
    done
}

list_consoles() {
    local directory
    for directory in "${CONSOLE_DIRECTORIES[@]}"; do
        [ -d "$directory" ] || continue
        find "$directory" -maxdepth 1 -type f -name 'vps-*' | sed 's/^/console /'
    done
}

list_all() {
    { list_containers; list_domains; list_volumes; list_leases; list_consoles; } | sort -u
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
