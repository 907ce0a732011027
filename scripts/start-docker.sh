#!/usr/bin/env bash
# Brings up the Docker engine for container VPSes: the engine, the busybox image the quick engine
# tests use (built from busybox-static), the Debian 12 image (scripts/build-container-image.sh),
# the containers' network and LXCFS. Idempotent; runs as root on Debian without systemd (so
# dockerd is started here, in the background).
#
# The engine keeps its images and containers on btrfs with quotas, in a sparse loop file: only
# there can it cap a container's size (--storage-opt size), which is how a container VPS gets the
# diskspace it was sold and no more. This kernel has no XFS or ext4 project quotas, which
# overlay2 would need. A dockerd this script started earlier on another storage driver is
# restarted onto btrfs; its containers stop and its images stay behind in the old data root.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

IMAGE=${VPS_BASE_IMAGE:-vps-connector/base:latest}
LOG=${DOCKERD_LOG:-/var/log/vps-connector-dockerd.log}
STORAGE_FILE=${VPS_DOCKER_STORAGE_FILE:-/var/lib/vps-connector/docker.btrfs}
# Sparse: the file takes only what the engine writes into it.
STORAGE_SIZE=${VPS_DOCKER_STORAGE_SIZE:-40G}
STORAGE_MOUNT=${VPS_DOCKER_STORAGE_MOUNT:-/var/lib/vps-connector/docker-storage}
DATA_ROOT=$STORAGE_MOUNT/docker
PIDFILE=/var/run/docker.pid
WAIT_SECONDS=60

log() { echo "start-docker: $*"; }

engine_answers() {
    docker info >/dev/null 2>&1
}

missing_packages=()
command -v dockerd >/dev/null 2>&1 || missing_packages+=(docker.io)
# The image needs the statically linked busybox: it runs without any library inside the container.
package_installed busybox-static || missing_packages+=(busybox-static)
command -v mkfs.btrfs >/dev/null 2>&1 || missing_packages+=(btrfs-progs)
if [ ${#missing_packages[@]} -gt 0 ]; then
    log "installing ${missing_packages[*]}"
    install_packages "${missing_packages[@]}"
fi

# The btrfs storage: made once, mounted again whenever it is not (after a reboot, say).
mkdir -p "$(dirname "$STORAGE_FILE")" "$STORAGE_MOUNT"
if [ ! -e "$STORAGE_FILE" ]; then
    log "making the engine's storage: sparse $STORAGE_SIZE btrfs file $STORAGE_FILE"
    truncate -s "$STORAGE_SIZE" "$STORAGE_FILE"
    mkfs.btrfs -q -L vps-connector-docker "$STORAGE_FILE"
elif [ "$(blkid -o value -s TYPE "$STORAGE_FILE" 2>/dev/null || true)" != btrfs ]; then
    log "$STORAGE_FILE exists but holds no btrfs file system; move it away or set VPS_DOCKER_STORAGE_FILE" >&2
    exit 1
fi
if ! mountpoint -q "$STORAGE_MOUNT"; then
    log "mounting $STORAGE_FILE on $STORAGE_MOUNT"
    mount -o loop "$STORAGE_FILE" "$STORAGE_MOUNT"
fi
if [ "$(stat -f -c %T "$STORAGE_MOUNT")" != btrfs ]; then
    log "$STORAGE_MOUNT is mounted but is not btrfs; unmount it or set VPS_DOCKER_STORAGE_MOUNT" >&2
    exit 1
fi
# Without quotas, btrfs cannot limit a container's size; enabling them again changes nothing.
btrfs quota enable "$STORAGE_MOUNT"
mkdir -p "$DATA_ROOT"

# A dockerd this script started: the plain "dockerd" of its earlier versions, or one on our data root.
started_here() {
    local pid=$1 command_line
    command_line=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    [ "$command_line" = "dockerd " ] || [[ "$command_line" == *"--data-root $DATA_ROOT "* ]]
}

if engine_answers; then
    driver=$(docker info --format '{{.Driver}}')
    root=$(docker info --format '{{.DockerRootDir}}')
    if [ "$driver" != btrfs ] || [ "$root" != "$DATA_ROOT" ]; then
        pid=$(cat "$PIDFILE" 2>/dev/null || true)
        if [ -z "$pid" ] || ! started_here "$pid"; then
            log "a dockerd this script did not start runs with storage driver $driver in $root;" \
                "stop it, then run this script again: containers need btrfs in $DATA_ROOT for their disk limits" >&2
            exit 1
        fi
        log "restarting dockerd (pid $pid) from storage driver $driver in $root onto btrfs in $DATA_ROOT;" \
            "its containers stop, its images stay in $root"
        kill "$pid"
        for second in $(seq 1 "$WAIT_SECONDS"); do
            kill -0 "$pid" 2>/dev/null || break
            if [ "$second" -eq "$WAIT_SECONDS" ]; then
                log "dockerd (pid $pid) did not stop within $WAIT_SECONDS s" >&2
                exit 1
            fi
            sleep 1
        done
    fi
fi

if ! engine_answers; then
    log "starting dockerd on btrfs in $DATA_ROOT (log: $LOG)"
    nohup dockerd --storage-driver btrfs --data-root "$DATA_ROOT" --pidfile "$PIDFILE" >>"$LOG" 2>&1 </dev/null &
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

log "Docker engine $(docker version --format '{{.Server.Version}}') on $(docker info --format '{{.Driver}}')" \
    "in $(docker info --format '{{.DockerRootDir}}') is ready with image $IMAGE"
"$(dirname "$0")/build-container-image.sh"
# The host side of container VPSes: their network with the firewall rules that keep them off the
# host, and LXCFS, through which they see their own CPUs and memory.
"$(dirname "$0")/start-container-network.sh"
"$(dirname "$0")/start-lxcfs.sh"
