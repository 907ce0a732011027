#!/usr/bin/env bash
# Creates the Docker network of container VPSes and the firewall rules that keep them off the host.
# The network is a user-defined bridge with its own Linux bridge, so that rules can name it:
# containers on it reach the outside (Docker masquerades them), the host reaches them at their
# address, but nothing they send to the host itself is accepted unless it answers a connection
# the host opened. Docker's embedded DNS resolver runs inside each container's own network
# namespace, so containers need no DNS service of the host either. Containers do not reach each
# other (inter-container traffic off): two customers' servers share the bridge, not a network.
# Idempotent; runs as root. Names can be changed with the variables below; the engine is docker's
# (DOCKER_HOST), so that scripts/start-fleet.sh makes the same network on each of its engines, each
# with its own bridge, subnet and chains.
set -euo pipefail

NETWORK=${VPS_CONTAINER_NETWORK:-vps-connector}
BRIDGE=${VPS_CONTAINER_BRIDGE:-vps-containers}
# Empty: the engine picks the subnet from its address pools.
SUBNET=${VPS_CONTAINER_SUBNET:-}
CHAIN=${VPS_CONTAINER_INPUT_CHAIN:-VPS-CONTAINERS-INPUT}
ISOLATION_CHAIN=${VPS_CONTAINER_ISOLATION_CHAIN:-VPS-CONTAINERS-ISOLATION}

log() { echo "start-container-network: $*"; }

if docker network inspect "$NETWORK" >/dev/null 2>&1; then
    shown=$(docker network inspect --format '{{index .Options "com.docker.network.bridge.name"}}' "$NETWORK")
    if [ "$shown" != "$BRIDGE" ]; then
        log "network $NETWORK exists on bridge '$shown', not $BRIDGE: remove it (docker network rm $NETWORK) and run again" >&2
        exit 1
    fi
    shown=$(docker network inspect --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}' "$NETWORK")
    if [ -n "$SUBNET" ] && [ "$shown" != "$SUBNET" ]; then
        log "network $NETWORK exists with subnet '$shown', not $SUBNET: remove it (docker network rm $NETWORK) and run again" >&2
        exit 1
    fi
else
    docker network create --driver bridge \
        ${SUBNET:+--subnet "$SUBNET"} \
        --opt com.docker.network.bridge.name="$BRIDGE" \
        --opt com.docker.network.bridge.enable_icc=false \
        --label org.vpsconnector.network=containers \
        "$NETWORK" >/dev/null
    log "created network $NETWORK on bridge $BRIDGE"
fi

# One chain per address family, rebuilt on every run; INPUT jumps to it for traffic from the bridge.
install_rules() {
    local iptables=$1 reject=$2
    "$iptables" -w -N "$CHAIN" 2>/dev/null || "$iptables" -w -F "$CHAIN"
    "$iptables" -w -A "$CHAIN" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
    "$iptables" -w -A "$CHAIN" -j REJECT --reject-with "$reject"
    "$iptables" -w -C INPUT -i "$BRIDGE" -j "$CHAIN" 2>/dev/null || "$iptables" -w -I INPUT 1 -i "$BRIDGE" -j "$CHAIN"
}

install_rules iptables icmp-admin-prohibited
# Containers have IPv6 link-local addresses on the bridge even on an IPv4-only network.
if ip6tables -w -L INPUT -n >/dev/null 2>&1; then
    install_rules ip6tables icmp6-adm-prohibited
fi

subnet=$(docker network inspect --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}' "$NETWORK")

# Nothing but the containers' own bridge is routed to their addresses: not VMs on the host's other
# bridges, nor the host's LAN. In the raw table, before NAT: answers to the containers'
# masqueraded traffic still carry the host's address there, and the host's own connections to a
# container do not pass PREROUTING at all.
iptables -w -t raw -N "$ISOLATION_CHAIN" 2>/dev/null || iptables -w -t raw -F "$ISOLATION_CHAIN"
# The host's own connections to its address on the bridge come in through lo.
iptables -w -t raw -A "$ISOLATION_CHAIN" -i lo -j RETURN
iptables -w -t raw -A "$ISOLATION_CHAIN" ! -i "$BRIDGE" -d "$subnet" -j DROP
iptables -w -t raw -C PREROUTING -j "$ISOLATION_CHAIN" 2>/dev/null || iptables -w -t raw -A PREROUTING -j "$ISOLATION_CHAIN"
log "network $NETWORK ($subnet) on bridge $BRIDGE; the host accepts from it only answers ($CHAIN)," \
    "only the bridge reaches it (raw $ISOLATION_CHAIN)"
