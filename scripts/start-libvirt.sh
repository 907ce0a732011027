#!/usr/bin/env bash
# Brings up libvirtd with the QEMU driver for the libvirt adapter's tests and the real-backend run,
# and the guests' network: a libvirt NAT network with DHCP on its own bridge, and firewall rules
# that let guests reach the outside but not the host (libvirt does not filter guest -> host).
# Idempotent; runs as root on Debian without systemd, where apt installs the daemon but never starts it.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"
. "$(dirname "$0")/lib/guest-network.sh"

URI=qemu:///system
QEMU_CONF=/etc/libvirt/qemu.conf
VIRTLOGD_CONF=/etc/libvirt/virtlogd.conf
VIRTLOGD_PID=/run/virtlogd.pid
# A guest may write to its serial console without end. virtlogd writes the console files for QEMU
# and rotates each at CONSOLE_MAX_SIZE bytes, keeping CONSOLE_MAX_BACKUPS older ones: at most
# (1 + CONSOLE_MAX_BACKUPS) x CONSOLE_MAX_SIZE = 2 MiB of console per guest on disk.
CONSOLE_MAX_SIZE=1048576
CONSOLE_MAX_BACKUPS=1
LOG_DIR=/var/log/vps-connector
LIBVIRTD_LOG=$LOG_DIR/libvirtd.log
VIRTLOGD_LOG=$LOG_DIR/virtlogd.log
# dnsmasq-base: libvirt's DHCP and DNS for the NAT network; genisoimage: the connector builds the
# guests' cloud-init seeds with it.
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils libvirt-clients dnsmasq-base iptables genisoimage)
NETWORK=vps-connector
BRIDGE=vps-nat0
NETWORK_PREFIX=192.168.213
GUEST_CHAIN=VPS-GUESTS-IN
GUEST_ISOLATION_CHAIN=VPS-GUESTS-ISOLATION

log() { echo "start-libvirt: $*"; }

libvirt_answers() {
    virsh -c "$URI" version >/dev/null 2>&1
}

install_missing_packages() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        if ! package_installed "$package"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]}"
        # Not libvirt-daemon-system: it would pull in systemd as init.
        install_packages --no-install-recommends "${missing[@]}"
    fi
}

# The QEMU driver refuses to start without its configured user and group, even when told to run guests as root.
ensure_qemu_user() {
    getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
    getent passwd libvirt-qemu >/dev/null \
        || useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
}

# Sets `key = value` in a libvirt configuration file: replaces the (possibly commented) line, or appends one.
set_conf() {
    local file=$1 key=$2 value=$3
    touch "$file"
    if grep -Eq "^[[:space:]]*${key}[[:space:]]*=[[:space:]]*${value}[[:space:]]*$" "$file"; then
        return
    fi
    if grep -Eq "^[[:space:]]*#?[[:space:]]*${key}[[:space:]]*=" "$file"; then
        sed -E -i "0,/^[[:space:]]*#?[[:space:]]*${key}[[:space:]]*=.*/s//${key} = ${value}/" "$file"
    else
        echo "${key} = ${value}" >>"$file"
    fi
    CONF_CHANGED=1
}

set_qemu_conf() {
    set_conf "$QEMU_CONF" "$@"
}

# Bounds the console files on disk, also on a host where the daemons already run: a running
# virtlogd re-executes itself on SIGUSR1, reading its configuration again and keeping open logs.
configure_virtlogd() {
    CONF_CHANGED=0
    mkdir -p "$(dirname "$VIRTLOGD_CONF")"
    set_conf "$VIRTLOGD_CONF" max_size "$CONSOLE_MAX_SIZE"
    set_conf "$VIRTLOGD_CONF" max_backups "$CONSOLE_MAX_BACKUPS"
    if [ "$CONF_CHANGED" -eq 1 ]; then
        log "configured $VIRTLOGD_CONF: console files rotate at $CONSOLE_MAX_SIZE bytes, $CONSOLE_MAX_BACKUPS kept"
        if [ -s "$VIRTLOGD_PID" ] && kill -0 "$(cat "$VIRTLOGD_PID")" 2>/dev/null; then
            kill -USR1 "$(cat "$VIRTLOGD_PID")"
            log "virtlogd re-executed to read it"
        fi
    fi
}

# A daemon of this host: the libvirtd and virtlogd of scripts/start-fleet.sh's container show in
# the host's process list too, but in a mount namespace of their own.
host_daemon_runs() {
    pgrep -x "$1" --ns $$ --nslist mnt >/dev/null
}

start_daemons() {
    # Directories the daemons expect and that only libvirt-daemon-system would create.
    mkdir -p "$LOG_DIR" /var/run/libvirt /var/log/libvirt/qemu
    if ! host_daemon_runs virtlogd; then
        log "starting virtlogd (log $VIRTLOGD_LOG)"
        virtlogd --daemon >>"$VIRTLOGD_LOG" 2>&1
    fi
    if ! host_daemon_runs libvirtd; then
        log "starting libvirtd (log $LIBVIRTD_LOG)"
        # --daemon detaches; its own log goes to the file through the environment, not stdout.
        LIBVIRT_LOG_OUTPUTS="2:file:$LIBVIRTD_LOG" libvirtd --daemon >>"$LIBVIRTD_LOG" 2>&1
    fi
}

wait_for_libvirt() {
    for attempt in $(seq 1 60); do
        if libvirt_answers; then
            return
        fi
        if [ "$attempt" -eq 60 ]; then
            log "libvirtd did not answer on $URI within 60 s; last lines of $LIBVIRTD_LOG:" >&2
            tail -n 30 "$LIBVIRTD_LOG" >&2 || true
            exit 1
        fi
        sleep 1
    done
}

# The guests' NAT network (lib/guest-network.sh).
ensure_network() {
    ensure_guest_network "$URI" "$NETWORK" "$BRIDGE" "$NETWORK_PREFIX"
}

# Guests reach the host for DHCP and DNS only, and only their bridge reaches them (lib/guest-network.sh).
install_guest_firewall() {
    install_guest_filter "$BRIDGE" "$NETWORK_PREFIX" "$GUEST_CHAIN"
    log "guests on $BRIDGE reach the host for DHCP and DNS only (chain $GUEST_CHAIN)"
    install_guest_isolation "$BRIDGE" "$NETWORK_PREFIX" "$GUEST_ISOLATION_CHAIN"
    log "only $BRIDGE reaches $NETWORK_PREFIX.0/24 (raw chain $GUEST_ISOLATION_CHAIN)"
}

configure_virtlogd
if libvirt_answers; then
    log "libvirtd already answers on $URI"
    install_missing_packages
    ensure_network
    install_guest_firewall
    exit 0
fi

install_missing_packages
ensure_qemu_user
CONF_CHANGED=0
set_qemu_conf user '"root"'
set_qemu_conf group '"root"'
set_qemu_conf security_driver '"none"'
# Console files through virtlogd, which bounds them (the default, said here because the bound depends on it).
set_qemu_conf stdio_handler '"logd"'
if [ "$CONF_CHANGED" -eq 1 ]; then
    log "configured $QEMU_CONF to run guests as root without a security driver"
fi
start_daemons
wait_for_libvirt
log "libvirtd is ready on $URI ($(virsh -c "$URI" version --daemon 2>/dev/null | grep -i 'running hypervisor' || true))"
ensure_network
install_guest_firewall
