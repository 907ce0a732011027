#!/usr/bin/env bash
# Starts LXCFS, which lets a container VPS see its own CPUs and memory: /proc/meminfo, /proc/cpuinfo,
# /proc/stat, /proc/loadavg, /proc/uptime and /sys/devices/system/cpu as its cgroup limits make
# them, live after a configure (`free`, `top`, `getconf _NPROCESSORS_ONLN`). The Docker adapter
# mounts them into each container when backends.container.lxcfsDirectory names the mount.
# Idempotent; runs as root on Debian without systemd (where systemd runs, the lxcfs package's own
# service mounts the same directory). A mount whose process died is unmounted and mounted again:
# containers started on it see their files again only after a restart.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

MOUNT=${VPS_LXCFS_DIRECTORY:-/var/lib/lxcfs}
LOG=${VPS_LXCFS_LOG:-/var/log/vps-connector-lxcfs.log}
PIDFILE=/run/vps-connector-lxcfs.pid

log() { echo "start-lxcfs: $*"; }

answers() {
    timeout 5 cat "$MOUNT/proc/uptime" >/dev/null 2>&1
}

if ! command -v lxcfs >/dev/null; then
    log "installing lxcfs"
    install_packages --no-install-recommends lxcfs
fi

if answers; then
    log "lxcfs answers at $MOUNT"
    exit 0
fi
if grep -q " $MOUNT fuse.lxcfs " /proc/mounts; then
    log "the lxcfs mount at $MOUNT does not answer: mounting it again"
    umount -l "$MOUNT"
fi
mkdir -p "$MOUNT"
# CPU figures from the CFS quota (the connector sells CPUs as quota), load average per container.
nohup lxcfs --foreground --enable-cfs --enable-loadavg --pidfile="$PIDFILE" "$MOUNT" >>"$LOG" 2>&1 </dev/null &
for attempt in $(seq 1 50); do
    answers && { log "lxcfs answers at $MOUNT (log: $LOG)"; exit 0; }
    sleep 0.2
done
log "lxcfs did not answer at $MOUNT; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2
exit 1
