# The guests' NAT network of a libvirtd and its firewall rules (sourced): guests reach the outside
# through libvirt's NAT, but not the host, and nothing but their own bridge reaches them (libvirt
# does not filter guest -> host by itself). Used by scripts/start-libvirt.sh for the host's libvirtd
# and by scripts/start-fleet.sh for the fleet's second one. Logs through the caller's log function.

# ensure_guest_network URI NETWORK BRIDGE PREFIX   (PREFIX: the network's /24 without its last number)
# The network: its own bridge, DHCP for the guests (leases of an hour, released when a guest
# powers off), started with libvirtd.
ensure_guest_network() {
    local uri=$1 network=$2 bridge=$3 prefix=$4
    # grep reads every line (no -q): virsh killed by SIGPIPE would fail the pipe and a running one look stopped.
    if ! virsh -c "$uri" net-info "$network" >/dev/null 2>&1; then
        local definition
        definition=$(mktemp)
        cat >"$definition" <<EOF
<network>
  <name>$network</name>
  <forward mode='nat'/>
  <bridge name='$bridge' stp='on' delay='0'/>
  <ip address='$prefix.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='$prefix.100' end='$prefix.254'>
        <lease expiry='1' unit='hours'/>
      </range>
    </dhcp>
  </ip>
</network>
EOF
        virsh -c "$uri" net-define "$definition" >/dev/null
        rm -f "$definition"
        virsh -c "$uri" net-autostart "$network" >/dev/null
        log "defined the NAT network $network (bridge $bridge, $prefix.0/24)"
    fi
    if ! virsh -c "$uri" net-info "$network" | grep -E '^Active:[[:space:]]+yes' >/dev/null; then
        virsh -c "$uri" net-start "$network" >/dev/null
        log "started the NAT network $network"
    fi
}

# Every firewall chain below is rebuilt at every call.

# install_guest_filter BRIDGE PREFIX CHAIN
# Guests reach the host only for DHCP and DNS on the bridge, and answer what the host opened to
# them (the host reaches a guest by SSH): every other packet from the bridge to any address of the
# host (the bridge's, the host's public ones, IPv6 link-local) is dropped. Forwarded traffic to the
# outside is libvirt's NAT and not affected.
install_guest_filter() {
    local bridge=$1 prefix=$2 chain=$3 tool
    for tool in iptables ip6tables; do
        "$tool" -w -N "$chain" 2>/dev/null || true
        "$tool" -w -F "$chain"
        "$tool" -w -A "$chain" -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
        if [ "$tool" = iptables ]; then
            "$tool" -w -A "$chain" -p udp --dport 67 -j ACCEPT
            "$tool" -w -A "$chain" -d "$prefix.1" -p udp --dport 53 -j ACCEPT
            "$tool" -w -A "$chain" -d "$prefix.1" -p tcp --dport 53 -j ACCEPT
        fi
        "$tool" -w -A "$chain" -j DROP
        "$tool" -w -C INPUT -i "$bridge" -j "$chain" 2>/dev/null \
            || "$tool" -w -I INPUT 1 -i "$bridge" -j "$chain"
    done
}

# install_guest_isolation BRIDGE PREFIX CHAIN
# Nothing but the guests' own bridge is routed to the guests' addresses: not containers on the
# host's other bridges (whose engine's forward rules would accept it), nor the host's LAN. In the
# raw table, before NAT: answers to the guests' masqueraded traffic still carry the host's address
# there, and the host's own connections to guests do not pass PREROUTING at all.
install_guest_isolation() {
    local bridge=$1 prefix=$2 chain=$3
    iptables -w -t raw -N "$chain" 2>/dev/null || iptables -w -t raw -F "$chain"
    # The host's own connections to its address on the bridge come in through lo.
    iptables -w -t raw -A "$chain" -i lo -j RETURN
    iptables -w -t raw -A "$chain" ! -i "$bridge" -d "$prefix.0/24" -j DROP
    iptables -w -t raw -C PREROUTING -j "$chain" 2>/dev/null \
        || iptables -w -t raw -A PREROUTING -j "$chain"
}
