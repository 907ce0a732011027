#!/usr/bin/env bash
# Brings up the Docker engine and the local VPS base image the Docker adapter tests use.
# Idempotent; runs as root on Debian without systemd (so dockerd is started here, in the
# background) and without a reachable registry (so the base image is built from busybox-static).
set -euo pipefail

IMAGE=${VPS_BASE_IMAGE:-vps-connector/base:latest}
LOG=${DOCKERD_LOG:-/var/log/vps-connector-dockerd.log}
WAIT_SECONDS=60

log() { echo "start-docker: $*"; }

engine_answers() {
    docker info >/dev/null 2>&1
}

missing_packages=()
command -v dockerd >/dev/null 2>&1 || missing_packages+=(docker.io)
# The image needs the statically linked busybox: it runs without any library inside the container.
dpkg -s busybox-static >/dev/null 2>&1 || missing_packages+=(busybox-static)
if [ ${#missing_packages[@]} -gt 0 ]; then
    log "installing ${missing_packages[*]}"
    # Another setup script may hold apt's locks for a while: wait for them instead of failing.
    for attempt in $(seq 1 60); do
        apt-get update && break
        [ "$attempt" -lt 60 ] || exit 1
        sleep 2
    done
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y "${missing_packages[@]}"
fi

if ! engine_answers; then
    log "starting dockerd (log: $LOG)"
    nohup dockerd >>"$LOG" 2>&1 </dev/null &
    for second in $(seq 1 "$WAIT_SECONDS"); do
        if engine_answers; then
            break
        fi
        if [ "$second" -eq "$WAIT_SECONDS" ]; then
            log "dockerd did not answer within $WAIT_SECONDS s; last lines of $LOG:" >&2
            tail -n 30 "$LOG" >&2
            exit 1
        fi
        sleep 1
    done
fi

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
    log "building $IMAGE from busybox-static"
    rootfs=$(mktemp -d)
    trap 'rm -rf "$rootfs"' EXIT
    mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/root"
    cp /bin/busybox "$rootfs/bin/busybox"
    for applet in $(/bin/busybox --list); do
        [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
    done
    tar -C "$rootfs" -c . | docker import - "$IMAGE" >/dev/null
fi

log "Docker engine $(docker version --format '{{.Server.Version}}') is ready with image $IMAGE"
"$(dirname "$0")/build-container-image.sh"
