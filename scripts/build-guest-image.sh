#!/usr/bin/env bash
# Builds the guest images of the libvirt adapter from Debian packages only (no cloud image is
# reachable here):
# - Debian 12: debootstrap bookworm with its own kernel, systemd, openssh-server, cloud-init and
#   qemu-guest-agent; an ext4 root file system without partitions (cloud-init grows it to the
#   VPS's disk at every boot) as the qcow2 base volume debian-12.qcow2 of the storage pool
#   vps-connector-images, with its kernel and initrd next to it. Every VPS disk is an overlay of it.
# - busybox: Debian's cloud kernel and a tiny busybox initrd whose /init prints the ready marker on
#   the serial console and powers off on the ACPI power button. It boots in seconds: the adapter's
#   tests use it.
# Usage: scripts/build-guest-image.sh [OUTDIR [IMAGEDIR]]
#   (defaults /var/lib/vps-connector/guest for busybox, /var/lib/vps-connector/vm-images for Debian)
# Idempotent: an image that is there is kept; delete its files to rebuild. Runs as root on Debian.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

OUTDIR=${1:-/var/lib/vps-connector/guest}
IMAGEDIR=${2:-/var/lib/vps-connector/vm-images}
IMAGE_POOL=vps-connector-images
IMAGE_NAME=debian-12
IMAGE_ROOT_SIZE=2G
URI=qemu:///system
READY_MARKER="vps-connector: guest ready"

log() { echo "build-guest-image: $*"; }

apt_install() {
    log "installing $*"
    install_packages --no-install-recommends "$@"
}


build_busybox_image() {
mkdir -p "$OUTDIR"
if [ -s "$OUTDIR/vmlinuz" ] && [ -s "$OUTDIR/initrd.gz" ]; then
    log "busybox image already in $OUTDIR"
    return 0
fi

missing=()
for package in busybox-static cpio; do
    package_installed "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

WORK=$(mktemp -d)

KERNEL_PACKAGE=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null | awk '/Depends:/ { print $2; exit }')
if [ -z "$KERNEL_PACKAGE" ]; then
    apt-get -o DPkg::Lock::Timeout=120 update
    KERNEL_PACKAGE=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends:/ { print $2; exit }')
fi
log "unpacking $KERNEL_PACKAGE"
# As root: apt's sandbox user cannot write into the private work directory.
(cd "$WORK" && apt-get -o APT::Sandbox::User=root download "$KERNEL_PACKAGE" >/dev/null)
dpkg-deb -x "$WORK"/"$KERNEL_PACKAGE"_*.deb "$WORK/kernel"
MODULES=$(echo "$WORK"/kernel/lib/modules/*/kernel)

if [ ! -s "$OUTDIR/vmlinuz" ]; then
    cp "$WORK"/kernel/boot/vmlinuz-* "$OUTDIR/vmlinuz.tmp"
    mv "$OUTDIR/vmlinuz.tmp" "$OUTDIR/vmlinuz"
    log "wrote $OUTDIR/vmlinuz"
fi

if [ ! -s "$OUTDIR/initrd.gz" ]; then
    ROOT=$WORK/initrd
    mkdir -p "$ROOT"/{bin,sbin,proc,sys,dev,tmp,lib/modules,etc/acpi/PWRF}
    cp /bin/busybox "$ROOT/bin/busybox"
    for applet in $("$ROOT/bin/busybox" --list); do
        [ -e "$ROOT/bin/$applet" ] || ln -s busybox "$ROOT/bin/$applet"
    done
    # The power button needs the ACPI button driver and evdev (modules in the cloud kernel), and
    # busybox acpid to turn the key press into a power-off; libvirt's graceful shutdown presses it.
    cp "$MODULES/drivers/input/evdev.ko" "$MODULES/drivers/acpi/button.ko" "$ROOT/lib/modules/"
    cat >"$ROOT/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
echo "vps-connector: power button, powering off" >/dev/console
sync
poweroff -f
EOF
    cat >"$ROOT/init" <<EOF
#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
insmod /lib/modules/evdev.ko
insmod /lib/modules/button.ko
acpid -c /etc/acpi -l /dev/null
echo "$READY_MARKER" >/dev/console
# PID 1 must never exit: the kernel would panic.
while true; do sleep 3600; done
EOF
    chmod 755 "$ROOT/init" "$ROOT/etc/acpi/PWRF/00000080"
    (cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -9) >"$OUTDIR/initrd.gz.tmp"
    mv "$OUTDIR/initrd.gz.tmp" "$OUTDIR/initrd.gz"
    log "wrote $OUTDIR/initrd.gz"
fi

rm -rf "$WORK"
log "busybox image ready in $OUTDIR (kernel $KERNEL_PACKAGE, marker \"$READY_MARKER\")"
}


# The Debian 12 image: a root file system from debootstrap, configured for cloud-init's NoCloud
# seed (a disk labelled cidata that the connector attaches to every VPS) and left without host
# keys or machine id, so that every VPS made from it gets its own.
build_debian_image() {
    local base=$IMAGEDIR/$IMAGE_NAME.qcow2 kernel=$IMAGEDIR/$IMAGE_NAME.vmlinuz initrd=$IMAGEDIR/$IMAGE_NAME.initrd.img
    mkdir -p "$IMAGEDIR"
    if [ -s "$base" ] && [ -s "$kernel" ] && [ -s "$initrd" ]; then
        log "Debian 12 image already in $IMAGEDIR"
        return 0
    fi
    local started=$SECONDS missing=()
    for package in debootstrap e2fsprogs qemu-utils; do
        package_installed "$package" || missing+=("$package")
    done
    [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

    local work rootfs
    work=$(mktemp -d /var/tmp/build-guest-image.XXXXXX)
    rootfs=$work/rootfs
    log "debootstrap bookworm into $rootfs"
    # cloud-init needs python3-cffi-backend named: debootstrap does not resolve virtual packages.
    debootstrap --variant=minbase \
        --include=systemd-sysv,udev,dbus,linux-image-cloud-amd64,initramfs-tools,openssh-server,cloud-init,qemu-guest-agent,python3-cffi-backend,ifupdown,isc-dhcp-client,iproute2,netbase,e2fsprogs,procps,less,ca-certificates,apt-utils \
        bookworm "$rootfs" "$(debootstrap_mirror)" >"$work/debootstrap.log" 2>&1 \
        || { tail -n 30 "$work/debootstrap.log" >&2; rm -rf "$work"; exit 1; }

    # The root file system is the whole disk (no partition table): cloud-init's resize_rootfs
    # grows it online to the VPS's disk size at every boot, so a grown disk is used after a restart.
    echo "/dev/vda / ext4 defaults,errors=remount-ro 0 1" >"$rootfs/etc/fstab"
    cat >"$rootfs/etc/cloud/cloud.cfg.d/90-vps-connector.cfg" <<'EOF'
# Configured by the connector's NoCloud seed (a disk labelled cidata); nothing else is looked for.
datasource_list: [NoCloud, None]
# cloud-init's locale step fails on a locale that is not generated.
locale: C.UTF-8
growpart:
  mode: auto
  devices: ["/"]
resize_rootfs: true
# The modules a VPS uses: the seed's settings, apt's sources, and the customer's own scripts and
# runcmd. Debian's list also has configuration managers, snap, lxd, grub and more, which a VPS
# booted by its kernel on a NoCloud seed never uses and each stage would load.
cloud_init_modules: [migrator, seed_random, bootcmd, growpart, resizefs, set_hostname, update_hostname, update_etc_hosts, users-groups, ssh]
cloud_config_modules: [locale, set-passwords, apt-configure, runcmd]
cloud_final_modules: [scripts-per-once, scripts-per-boot, scripts-per-instance, scripts-user, ssh-authkey-fingerprints, keys-to-console, final-message]
EOF
    # e2scrub checks LVM snapshots, which the image has none of; at boot it only takes the CPU.
    chroot "$rootfs" systemctl mask e2scrub_reap.service e2scrub_all.timer >/dev/null 2>&1 || true
    # Every VPS gets its own SSH host keys and machine id at its first boot.
    rm -f "$rootfs"/etc/ssh/ssh_host_*
    : >"$rootfs/etc/machine-id"
    rm -f "$rootfs/var/lib/dbus/machine-id"
    echo localhost >"$rootfs/etc/hostname"
    # Root logs in with its key, and with its password when the customer set one.
    cat >"$rootfs/etc/ssh/sshd_config.d/50-vps-connector.conf" <<'EOF'
PermitRootLogin yes
EOF
    chroot "$rootfs" systemctl enable qemu-guest-agent.service >/dev/null 2>&1 || true
    chroot "$rootfs" apt-get clean
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log

    cp "$(ls "$rootfs"/boot/vmlinuz-* | tail -n 1)" "$kernel.tmp"
    cp "$(ls "$rootfs"/boot/initrd.img-* | tail -n 1)" "$initrd.tmp"
    log "ext4 root file system of $IMAGE_ROOT_SIZE"
    mkfs.ext4 -q -L root -d "$rootfs" "$work/root.raw" "$IMAGE_ROOT_SIZE"
    qemu-img convert -O qcow2 "$work/root.raw" "$base.tmp"
    mv "$kernel.tmp" "$kernel"
    mv "$initrd.tmp" "$initrd"
    mv "$base.tmp" "$base"
    rm -rf "$work"
    log "Debian 12 image built in $((SECONDS - started)) s: $base ($(du -h "$base" | cut -f1)), $kernel, $initrd"
}

debootstrap_mirror() {
    # The mirror apt already uses on this host (deb822 or one-line sources), else Debian's.
    local mirror
    mirror=$(grep -hE '^[[:space:]]*(URIs:|deb[[:space:]])' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | grep -oE 'https?://[^ ]*' | grep -v security | head -n 1 || true)
    echo "${mirror:-http://deb.debian.org/debian}"
}

# The images' storage pool, so that libvirt knows the base volume (also on a remote host it is
# uploaded to). Only when libvirtd answers: scripts/start-libvirt.sh runs before in scripts/test.sh.
register_image_pool() {
    command -v virsh >/dev/null && virsh -c "$URI" version >/dev/null 2>&1 || {
        log "libvirtd does not answer: pool $IMAGE_POOL not defined (run again after scripts/start-libvirt.sh)"
        return 0
    }
    if ! virsh -c "$URI" pool-info "$IMAGE_POOL" >/dev/null 2>&1; then
        virsh -c "$URI" pool-define-as "$IMAGE_POOL" dir --target "$IMAGEDIR" >/dev/null
        virsh -c "$URI" pool-autostart "$IMAGE_POOL" >/dev/null
    fi
    # grep reads every line (no -q): virsh killed by SIGPIPE would fail the pipe and a running one look stopped.
    if ! virsh -c "$URI" pool-info "$IMAGE_POOL" | grep -E '^State:[[:space:]]+running' >/dev/null; then
        virsh -c "$URI" pool-start "$IMAGE_POOL" >/dev/null
    fi
    virsh -c "$URI" pool-refresh "$IMAGE_POOL" >/dev/null
    log "storage pool $IMAGE_POOL holds $(virsh -c "$URI" vol-list "$IMAGE_POOL" | awk 'NR > 2 && NF { print $1 }' | tr '\n' ' ')"
}

build_busybox_image
build_debian_image
register_image_pool
