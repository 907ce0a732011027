#!/usr/bin/env bash
# Builds the boot image of the libvirt adapter's guests from Debian packages (no cloud image is
# reachable here): Debian's cloud kernel and a tiny busybox initrd whose /init prints the ready
# marker on the serial console and powers off on the ACPI power button.
# Usage: scripts/build-guest-image.sh [OUTDIR]   (default /var/lib/vps-connector/guest)
# Idempotent: an existing vmlinuz or initrd.gz is kept. Runs as root on Debian.
set -euo pipefail

OUTDIR=${1:-/var/lib/vps-connector/guest}
READY_MARKER="vps-connector: guest ready"

log() { echo "build-guest-image: $*"; }

apt_install() {
    log "installing $*"
    apt-get -o DPkg::Lock::Timeout=120 update
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y --no-install-recommends "$@"
}

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

mkdir -p "$OUTDIR"
if [ -s "$OUTDIR/vmlinuz" ] && [ -s "$OUTDIR/initrd.gz" ]; then
    log "guest image already in $OUTDIR"
    exit 0
fi

missing=()
for package in busybox-static cpio; do
    installed "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

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

log "guest image ready in $OUTDIR (kernel $KERNEL_PACKAGE, marker \"$READY_MARKER\")"
