#!/usr/bin/env bash
# Brings up libvirtd with the QEMU driver for the libvirt adapter's tests and the real-backend run.
# Idempotent; runs as root on Debian without systemd, where apt installs the daemon but never starts it.
set -euo pipefail

URI=qemu:///system
QEMU_CONF=/etc/libvirt/qemu.conf
LOG_DIR=/var/log/vps-connector
LIBVIRTD_LOG=$LOG_DIR/libvirtd.log
VIRTLOGD_LOG=$LOG_DIR/virtlogd.log
PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils libvirt-clients)

log() { echo "start-libvirt: $*"; }

libvirt_answers() {
    virsh -c "$URI" version >/dev/null 2>&1
}

install_missing_packages() {
    local missing=()
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update
        # Not libvirt-daemon-system: it would pull in systemd as init.
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
}

# The QEMU driver refuses to start without its configured user and group, even when told to run guests as root.
ensure_qemu_user() {
    getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
    getent passwd libvirt-qemu >/dev/null \
        || useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
}

# Sets `key = value` in qemu.conf: replaces the (possibly commented) line, or appends one.
set_qemu_conf() {
    local key=$1 value=$2
    touch "$QEMU_CONF"
    if grep -Eq "^[[:space:]]*${key}[[:space:]]*=[[:space:]]*${value}[[:space:]]*$" "$QEMU_CONF"; then
        return
    fi
    if grep -Eq "^[[:space:]]*#?[[:space:]]*${key}[[:space:]]*=" "$QEMU_CONF"; then
        sed -E -i "0,/^[[:space:]]*#?[[:space:]]*${key}[[:space:]]*=.*/s//${key} = ${value}/" "$QEMU_CONF"
    else
        echo "${key} = ${value}" >>"$QEMU_CONF"
    fi
    CONF_CHANGED=1
}

start_daemons() {
    # Directories the daemons expect and that only libvirt-daemon-system would create.
    mkdir -p "$LOG_DIR" /var/run/libvirt /var/log/libvirt/qemu
    if ! pgrep -x virtlogd >/dev/null; then
        log "starting virtlogd (log $VIRTLOGD_LOG)"
        virtlogd --daemon >>"$VIRTLOGD_LOG" 2>&1
    fi
    if ! pgrep -x libvirtd >/dev/null; then
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

if libvirt_answers; then
    log "libvirtd already answers on $URI"
    exit 0
fi

install_missing_packages
ensure_qemu_user
CONF_CHANGED=0
set_qemu_conf user '"root"'
set_qemu_conf group '"root"'
set_qemu_conf security_driver '"none"'
if [ "$CONF_CHANGED" -eq 1 ]; then
    log "configured $QEMU_CONF to run guests as root without a security driver"
fi
start_daemons
wait_for_libvirt
log "libvirtd is ready on $URI ($(virsh -c "$URI" version --daemon 2>/dev/null | grep -i 'running hypervisor' || true))"
