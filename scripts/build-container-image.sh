#!/usr/bin/env bash
# Builds the Debian 12 image of container VPSes from Debian packages only: debootstrap's minimal
# bookworm with openssh-server, iproute2 and procps, no SSH host keys and no apt caches inside,
# imported with its own command. That command (/usr/local/sbin/vps-init) makes the host keys on
# the first start, applies the login the connector copied into the container (root's authorised
# keys and password hash) and runs sshd in the foreground as the server's main process.
# Usage: scripts/build-container-image.sh [IMAGE]   (default vps-connector/debian:12)
# Idempotent: an image built from this very recipe is kept; the root filesystem is cached in
# CACHE_DIR, so an engine with an empty image store gets the image back in seconds. Runs as root.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

IMAGE=${1:-${VPS_DEBIAN_IMAGE:-vps-connector/debian:12}}
CACHE_DIR=${VPS_IMAGE_CACHE:-/var/lib/vps-connector/images}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=openssh-server,iproute2,procps,iputils-ping,ca-certificates,less
RECIPE_LABEL=org.vpsconnector.image-recipe

log() { echo "build-container-image: $*"; }

started=$(date +%s%N)
elapsed() { awk -v from="$started" -v to="$(date +%s%N)" 'BEGIN { printf "%.1f", (to - from) / 1e9 }'; }

# The entry point and the login step, as they are written into the image.
read -r -d '' VPS_INIT <<'EOF' || true
#!/bin/sh
# Main command of a container VPS (PID 1 is Docker's init, which forwards signals to it).
set -eu
/usr/local/sbin/vps-login
# Host keys are made on the first start, so that no two servers share them.
ssh-keygen -A >/dev/null
mkdir -p -m 0755 /run/sshd
exec /usr/sbin/sshd -D -e
EOF
read -r -d '' VPS_LOGIN <<'EOF'  || true
#!/bin/sh
# Applies the login the connector copied to /var/lib/vps-connector/login: root's authorised keys
# and root's password hash ("*": no password). Run at every start and by the connector in a
# running server after it copied a new login. The copied files go once applied.
set -eu
pending=/var/lib/vps-connector/login
[ -f "$pending/authorized_keys" ] || exit 0
install -d -m 0700 /root/.ssh
install -m 0600 "$pending/authorized_keys" /root/.ssh/authorized_keys
if [ -f "$pending/root-password-hash" ]; then
    # Read by the shell itself: the hash never appears in a process's arguments.
    IFS= read -r hash <"$pending/root-password-hash" || true
    printf 'root:%s\n' "$hash" | chpasswd -e
fi
rm -f "$pending/authorized_keys" "$pending/root-password-hash"
EOF
SSHD_CONFIG="# The customer logs in as root, with a key or with the password given at provision.
PermitRootLogin yes"

# What makes the image: this script but its comments and the steps for the host that follow the build.
recipe=$( { grep -v -e '^#' "$0"; echo "$PACKAGES $MIRROR"; } | sha256sum | cut -c1-16)

if docker image inspect --format "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$IMAGE" 2>/dev/null | grep -x "$recipe" >/dev/null; then
    log "$IMAGE is built from this recipe already ($(elapsed) s)"
else
    mkdir -p "$CACHE_DIR"
    rootfs_tar=$CACHE_DIR/debian-12-container-$recipe.tar
    if [ ! -s "$rootfs_tar" ]; then
        command -v debootstrap >/dev/null || {
            log "installing debootstrap"
            install_packages --no-install-recommends debootstrap
        }
        work=$(mktemp -d "$CACHE_DIR/build.XXXXXX")
        trap 'rm -rf "$work"' EXIT
        rootfs=$work/rootfs
        log "debootstrap bookworm (minbase + $PACKAGES) from $MIRROR"
        debootstrap --variant=minbase --include="$PACKAGES" bookworm "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
            tail -n 30 "$work/debootstrap.log" >&2
            exit 1
        }
        cat >"$rootfs/etc/apt/sources.list" <<EOF
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
        printf '%s\n' "$VPS_INIT" >"$rootfs/usr/local/sbin/vps-init"
        printf '%s\n' "$VPS_LOGIN" >"$rootfs/usr/local/sbin/vps-login"
        chmod 0755 "$rootfs/usr/local/sbin/vps-init" "$rootfs/usr/local/sbin/vps-login"
        printf '%s\n' "$SSHD_CONFIG" >"$rootfs/etc/ssh/sshd_config.d/vps-connector.conf"
        install -d -m 0700 "$rootfs/var/lib/vps-connector" "$rootfs/var/lib/vps-connector/login"
        # openssh-server's installation made host keys: every server makes its own instead.
        rm -f "$rootfs"/etc/ssh/ssh_host_*
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
            "$rootfs"/var/log/*.log "$rootfs"/var/log/apt/* "$rootfs"/tmp/* "$rootfs"/root/.bash_history
        : >"$rootfs/etc/machine-id"
        tar --numeric-owner -C "$rootfs" --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -cf "$rootfs_tar.tmp" .
        mv "$rootfs_tar.tmp" "$rootfs_tar"
        rm -rf "$work"
        trap - EXIT
        # Root filesystems of earlier recipes are of no more use.
        find "$CACHE_DIR" -maxdepth 1 -name 'debian-12-container-*.tar' ! -name "$(basename "$rootfs_tar")" -delete
    fi
    log "importing $IMAGE from $rootfs_tar"
    docker import \
        --change "LABEL $RECIPE_LABEL=$recipe" \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'CMD ["/usr/local/sbin/vps-init"]' \
        --change 'EXPOSE 22' \
        "$rootfs_tar" "$IMAGE" >/dev/null
    log "built $IMAGE ($(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }')) in $(elapsed) s"
fi

