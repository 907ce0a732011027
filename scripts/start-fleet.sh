#!/usr/bin/env bash
# Starts a fleet on this one machine, for tests and demos of a connector configured with several
# container hosts and several hypervisor hosts (config/fleet.yml): two Docker engines besides the
# host's, and a second libvirtd besides the host's. The host's engine and libvirtd come first
# (scripts/start-docker.sh, start-libvirt.sh, build-guest-image.sh): the fleet builds on them and
# leaves them as they are. Idempotent: a second run finds everything up and changes nothing.
# Runs as root on Debian without systemd. scripts/stop-fleet.sh stops the fleet.
#
# Docker engines, each its own dockerd (and containerd) with its own data root, exec root, pid
# file, bridges and log (/var/log/vps-connector/fleet-ENGINE.log):
#   engine-a  unix:///run/vps-fleet/engine-a.sock
#   engine-b  unix:///run/vps-fleet/engine-b.sock
#             and tcp://127.0.0.1:2376 with --tlsverify: the fleet's server certificate, client
#             certificates of the fleet's authority required (TLS material below)
#   - storage: btrfs with quotas, so that --storage-opt size= caps a container, in a sparse
#     20G file /var/lib/vps-connector/fleet/ENGINE.btrfs mounted on /var/lib/vps-connector/fleet/ENGINE
#   - images vps-connector/base:latest (busybox) and vps-connector/debian:12: the host engine's
#     own (same image IDs), copied again whenever the host engine's differ
#   - network vps-connector, as scripts/start-container-network.sh makes it on the host's engine:
#     a user-defined bridge, ICC off; containers reach the outside but not the host nor each
#     other, and only their bridge reaches them:
#       engine-a  bridge vps-fleet-a  10.211.16.0/20   (chains VPS-FLEET-A-INPUT, raw VPS-FLEET-A-ISOLATION)
#       engine-b  bridge vps-fleet-b  10.212.16.0/20   (chains VPS-FLEET-B-INPUT, raw VPS-FLEET-B-ISOLATION)
#   - the default network (docker run without --network): bridge fleet-a0 10.211.0.0/24,
#     fleet-b0 10.212.0.0/24. Networks made later get /24s of 10.211.128.0/17 and 10.212.128.0/17,
#     without masquerading.
#   - LXCFS: the host's /var/lib/lxcfs.
#   The engines run with --iptables=false: a dockerd that manages iptables deletes Docker's chains
#   at its start and makes them anew, the host engine's rules with them. This script forwards and
#   masquerades the engines' two networks itself (chain VPS-FLEET-FORWARD, nat VPS-FLEET-NAT).
#
# Hypervisors, libvirt with QEMU (domain type qemu; /dev/kvm is passed to kvm-b where it exists):
#   kvm-a  qemu:///system                     the host's libvirtd, from scripts/start-libvirt.sh
#   kvm-b  qemu+tcp://127.0.0.1:16519/system  a second libvirtd, in the container fleet-kvm-b of
#          the host's engine (image vps-connector/fleet-libvirtd: Debian's libvirt and QEMU,
#          rebuilt when its recipe here changes), in the host's network namespace, listening on the
#          host's loopback only, without authentication; its log: docker logs fleet-kvm-b
#          and qemu+tls://127.0.0.1:16514/system?pkipath=/var/lib/vps-connector/fleet/tls/libvirt-client
#          (listen_tls; in the container the fleet's files at libvirt's default paths, read-only:
#          /etc/pki/CA/cacert.pem, /etc/pki/libvirt/servercert.pem, /etc/pki/libvirt/private/serverkey.pem);
#          the client certificate is the authentication. The host's /etc/pki is left alone.
#   Both have the same names and paths, so that a connector takes the same settings for both but the URI:
#   - network vps-connector: NAT with DHCP; guests reach the outside, not the host; only their bridge reaches them
#       kvm-a  bridge vps-nat0   192.168.213.0/24  (chains VPS-GUESTS-IN, raw VPS-GUESTS-ISOLATION)
#       kvm-b  bridge vps-nat-b  192.168.214.0/24  (chains VPS-KVM-B-GUESTS-IN, raw VPS-KVM-B-GUESTS-ISOLATION)
#   - pool vps-connector: directory /var/lib/vps-connector/volumes
#   - pool vps-connector-images: directory /var/lib/vps-connector/vm-images with debian-12.qcow2,
#     debian-12.vmlinuz and debian-12.initrd.img (scripts/build-guest-image.sh)
#   - the busybox guest's /var/lib/vps-connector/guest/vmlinuz and initrd.gz
#   - console files in /var/lib/vps-connector/console (and /var/lib/vps-connector/test/console)
#   kvm-b sees the host's image directories (vm-images, guest) read-only and the host's console
#   directories, where the connector reads the consoles of both. Everything else under its
#   /var/lib/vps-connector is its own: /var/lib/vps-connector/fleet/kvm-b/lib on the host, its
#   volumes in lib/volumes. Its definitions (domains, networks, pools) are kept in
#   /var/lib/vps-connector/fleet/kvm-b/etc, its QEMU logs in /var/log/vps-connector/fleet-kvm-b.
#
# TLS material (scripts/lib/fleet-tls.sh), made once with openssl (Debian's package) and reused;
# made again only when missing, not matching its key or authority, or expiring within 30 days
# (the authority lasts 10 years, the certificates 825 days); a daemon started with older files is
# started again. RSA 3072 keys, mode 0600, in directories of mode 0700, under
# /var/lib/vps-connector/fleet/tls:
#   ca/ca.pem, ca/ca-key.pem           the fleet's authority, which signs the two below
#   server/cert.pem, server/key.pem    the server certificate of engine-b and kvm-b: 127.0.0.1 and
#                                      localhost (subjectAltName), serverAuth
#   client/cert.pem, client/key.pem    the one client certificate (CN=vps-connector), clientAuth
#   docker-client/ca.pem, cert.pem, key.pem                   Docker's layout of the client's files
#       (docker --tlsverify --tlscacert ..., a connector's tlsDirectory)
#   libvirt-client/cacert.pem, clientcert.pem, clientkey.pem  libvirt's pkipath layout of them
#   both are symbolic links to ca/ca.pem and client/*.
#   engine-b's configuration (/var/lib/vps-connector/fleet/engine-b.json) names server/ and
#   ca/ca.pem; engine-b.tls-served there holds a digest of the files it was started with.
set -euo pipefail
SCRIPTS=$(dirname "$0")
. "$SCRIPTS/lib/debian-packages.sh"
. "$SCRIPTS/lib/guest-network.sh"
. "$SCRIPTS/lib/fleet.sh"
. "$SCRIPTS/lib/fleet-tls.sh"

IMAGES=("${VPS_BASE_IMAGE:-vps-connector/base:latest}" "${VPS_DEBIAN_IMAGE:-vps-connector/debian:12}")
# Sparse: a file takes only what its engine writes into it.
ENGINE_STORAGE_SIZE=20G
NETWORK=vps-connector
VOLUME_POOL=vps-connector
VOLUME_DIRECTORY=/var/lib/vps-connector/volumes
IMAGE_POOL=vps-connector-images
IMAGE_DIRECTORY=/var/lib/vps-connector/vm-images
GUEST_DIRECTORY=/var/lib/vps-connector/guest
CONSOLE_DIRECTORIES=(/var/lib/vps-connector/console /var/lib/vps-connector/test/console)
KVM_B_DIR=$FLEET_DIR/kvm-b
RECIPE_LABEL=org.vpsconnector.image-recipe
CONTAINER_RECIPE_LABEL=org.vpsconnector.fleet-recipe
WAIT_SECONDS=60

log() { echo "start-fleet: $*"; }

started=$SECONDS

mkdir -p "$FLEET_DIR" "$FLEET_RUN_DIR" "$FLEET_LOG_DIR"
# One run at a time: two would both make the same file systems, bridges and daemons.
exec 9>"$FLEET_RUN_DIR/fleet.lock"
flock 9

# Daemons started from here must not hold the lock: 9>&- for every command that may start one.
"$SCRIPTS/start-docker.sh" 9>&-
"$SCRIPTS/start-libvirt.sh" 9>&-
"$SCRIPTS/build-guest-image.sh" 9>&-

ensure_fleet_tls

# --- Docker engines ---

ensure_engine_storage() {
    if [ ! -e "$ENGINE_STORAGE_FILE" ]; then
        log "making $ENGINE's storage: sparse $ENGINE_STORAGE_SIZE btrfs file $ENGINE_STORAGE_FILE"
        truncate -s "$ENGINE_STORAGE_SIZE" "$ENGINE_STORAGE_FILE"
        mkfs.btrfs -q -L "vps-fleet-$ENGINE" "$ENGINE_STORAGE_FILE" >/dev/null
    elif [ "$(blkid -o value -s TYPE "$ENGINE_STORAGE_FILE" 2>/dev/null || true)" != btrfs ]; then
        log "$ENGINE_STORAGE_FILE exists but holds no btrfs file system; move it away" >&2
        exit 1
    fi
    mkdir -p "$ENGINE_STORAGE_MOUNT"
    if ! mountpoint -q "$ENGINE_STORAGE_MOUNT"; then
        mount -o loop "$ENGINE_STORAGE_FILE" "$ENGINE_STORAGE_MOUNT"
    fi
    if [ "$(stat -f -c %T "$ENGINE_STORAGE_MOUNT")" != btrfs ]; then
        log "$ENGINE_STORAGE_MOUNT is mounted but is not btrfs; unmount it" >&2
        exit 1
    fi
    btrfs quota enable "$ENGINE_STORAGE_MOUNT"
    mkdir -p "$ENGINE_DATA_ROOT"
}

# A dockerd takes its default network's subnet from a bridge it is given, which must exist.
ensure_bridge() {
    local bridge=$1 address=$2
    ip link show dev "$bridge" >/dev/null 2>&1 || ip link add name "$bridge" type bridge
    ip -4 -o addr show dev "$bridge" | grep -F " $address " >/dev/null || ip addr add "$address" dev "$bridge"
    ip link set dev "$bridge" up
}

# Everything in the engine's own file: a dockerd reads /etc/docker/daemon.json unless told another.
engine_config() {
    local hosts="\"$ENGINE_HOST\"" tls=
    if [ -n "$ENGINE_TLS_HOST" ]; then
        hosts+=", \"$ENGINE_TLS_HOST\""
        tls='
  "tlsverify": true,
  "tlscacert": "'$FLEET_TLS_CA'",
  "tlscert": "'$FLEET_TLS_SERVER_CERT'",
  "tlskey": "'$FLEET_TLS_SERVER_KEY'",'
    fi
    cat <<EOF
{
  "hosts": [$hosts],$tls
  "data-root": "$ENGINE_DATA_ROOT",
  "exec-root": "$ENGINE_EXEC_ROOT",
  "pidfile": "$ENGINE_PIDFILE",
  "storage-driver": "btrfs",
  "bridge": "$ENGINE_BRIDGE",
  "iptables": false,
  "ip-masq": false,
  "default-address-pools": [{"base": "$ENGINE_ADDRESS_POOL", "size": 24}]
}
EOF
}

start_engine() {
    fleet_engine "$1"
    ensure_engine_storage
    ensure_bridge "$ENGINE_BRIDGE" "$ENGINE_BRIDGE_ADDRESS"
    local config pid second served=$FLEET_DIR/$1.tls-served
    config=$(engine_config)
    if [ "$(cat "$ENGINE_CONFIG" 2>/dev/null || true)" != "$config" ]; then
        if pid=$(fleet_engine_pid); then
            log "restarting $ENGINE (pid $pid) on its new configuration $ENGINE_CONFIG; its containers stop"
            fleet_stop_engine
        fi
        printf '%s\n' "$config" >"$ENGINE_CONFIG"
    fi
    # dockerd reads its certificates at its start only.
    if [ -n "$ENGINE_TLS_HOST" ] && [ "$(cat "$served" 2>/dev/null || true)" != "$FLEET_TLS_SERVED" ]; then
        if pid=$(fleet_engine_pid); then
            log "restarting $ENGINE (pid $pid) on the fleet's new certificates; its containers stop"
            fleet_stop_engine
        fi
        printf '%s\n' "$FLEET_TLS_SERVED" >"$served"
    fi
    fleet_engine_answers && fleet_engine_answers_tls && return 0
    if ! fleet_engine_pid >/dev/null; then
        # dockerd refuses to start on a pid file whose process runs, whatever process it is.
        rm -f "$ENGINE_PIDFILE"
        mkdir -p "$ENGINE_EXEC_ROOT"
        log "starting $ENGINE on $ENGINE_HOST (log: $ENGINE_LOG)"
        nohup dockerd --config-file "$ENGINE_CONFIG" >>"$ENGINE_LOG" 2>&1 </dev/null 9>&- &
    fi
    for second in $(seq 1 "$WAIT_SECONDS"); do
        fleet_engine_answers && fleet_engine_answers_tls && return 0
        sleep 1
    done
    log "$ENGINE did not answer on $ENGINE_HOST${ENGINE_TLS_HOST:+ and $ENGINE_TLS_HOST} within $WAIT_SECONDS s;" \
        "last lines of $ENGINE_LOG:" >&2
    tail -n 30 "$ENGINE_LOG" >&2
    exit 1
}

# The engines' two networks reach the outside, the VPS network's containers not each other: what
# Docker would do for the bridges if it managed iptables. Both chains are replaced at every run,
# each in one step, so that no packet meets them half made.
install_engine_forwarding() {
    local engine network bridge subnet icc forward=() nat=()
    for engine in "${FLEET_ENGINES[@]}"; do
        fleet_engine "$engine"
        set -- "$ENGINE_BRIDGE $ENGINE_BRIDGE_ADDRESS ACCEPT" "$ENGINE_VPS_BRIDGE $ENGINE_VPS_SUBNET DROP"
        for network; do
            read -r bridge subnet icc <<<"$network"
            forward+=("-A VPS-FLEET-FORWARD -o $bridge -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
                "-A VPS-FLEET-FORWARD -i $bridge -o $bridge -j $icc"
                "-A VPS-FLEET-FORWARD -i $bridge ! -o $bridge -j ACCEPT")
            nat+=("-A VPS-FLEET-NAT -s $subnet ! -o $bridge -j MASQUERADE")
        done
    done
    # A chain named in a restore without flush is emptied and filled again in the same transaction.
    printf '%s\n' '*filter' ':VPS-FLEET-FORWARD - [0:0]' "${forward[@]}" COMMIT \
        '*nat' ':VPS-FLEET-NAT - [0:0]' "${nat[@]}" COMMIT | iptables-restore -w --noflush
    iptables -w -C FORWARD -j VPS-FLEET-FORWARD 2>/dev/null || iptables -w -I FORWARD 1 -j VPS-FLEET-FORWARD
    iptables -w -t nat -C POSTROUTING -j VPS-FLEET-NAT 2>/dev/null || iptables -w -t nat -A POSTROUTING -j VPS-FLEET-NAT
}

# The VPS network and its host-side chains, by scripts/start-container-network.sh on this engine.
ensure_engine_network() {
    local letter=${ENGINE#engine-}
    DOCKER_HOST=$ENGINE_HOST \
        VPS_CONTAINER_NETWORK=$NETWORK \
        VPS_CONTAINER_BRIDGE=$ENGINE_VPS_BRIDGE \
        VPS_CONTAINER_SUBNET=$ENGINE_VPS_SUBNET \
        VPS_CONTAINER_INPUT_CHAIN="VPS-FLEET-${letter^^}-INPUT" \
        VPS_CONTAINER_ISOLATION_CHAIN="VPS-FLEET-${letter^^}-ISOLATION" \
        "$SCRIPTS/start-container-network.sh"
}

# The host engine's images, by image ID: an image the host engine built again is copied again.
copy_images() {
    local image want have
    for image in "${IMAGES[@]}"; do
        want=$(docker image inspect --format '{{.Id}}' "$image")
        have=$(docker -H "$ENGINE_HOST" image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
        [ "$want" != "$have" ] || continue
        docker save "$image" | docker -H "$ENGINE_HOST" load >/dev/null
        log "copied $image (${want#sha256:}) to $ENGINE"
        if [ -n "$have" ]; then
            # The image it replaces, unless a container still uses it.
            docker -H "$ENGINE_HOST" image rm "$have" >/dev/null 2>&1 || true
        fi
    done
}

for engine in "${FLEET_ENGINES[@]}"; do
    start_engine "$engine"
done
install_engine_forwarding
for engine in "${FLEET_ENGINES[@]}"; do
    fleet_engine "$engine"
    ensure_engine_network
    copy_images
done

# --- kvm-b: a second libvirtd in a container of the host's engine ---

read -r -d '' LIBVIRTD_DOCKERFILE <<'EOF' || true
FROM vps-connector/debian:12
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86 qemu-utils libvirt-clients dnsmasq-base iptables \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && groupadd -r libvirt-qemu \
 && useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
COPY libvirtd.conf qemu.conf virtlogd.conf /etc/libvirt/
COPY fleet-libvirtd /usr/local/sbin/fleet-libvirtd
CMD ["/usr/local/sbin/fleet-libvirtd"]
EOF
read -r -d '' LIBVIRTD_CONF <<EOF || true
# The container shares the host's network: libvirtd listens on the host's loopback only.
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$FLEET_KVM_B_PORT"
auth_tcp = "none"
# And over TLS: the fleet's server certificate at libvirt's default paths (/etc/pki/CA/cacert.pem,
# /etc/pki/libvirt/servercert.pem, /etc/pki/libvirt/private/serverkey.pem, mounted from the host);
# a client must present a certificate of the fleet's authority, which is its authentication.
listen_tls = 1
tls_port = "$FLEET_KVM_B_TLS_PORT"
auth_tls = "none"
tls_no_verify_certificate = 0
EOF
read -r -d '' QEMU_CONF <<'EOF' || true
# As scripts/start-libvirt.sh configures the host's libvirtd.
user = "root"
group = "root"
security_driver = "none"
stdio_handler = "logd"
# The host's cgroups are mounted in the container: guests stay in the container's own group
# rather than in the machine groups of the host's libvirtd.
cgroup_controllers = [ ]
EOF
# As scripts/start-libvirt.sh bounds the console files of the host's guests.
read -r -d '' VIRTLOGD_CONF <<'EOF' || true
max_size = 1048576
max_backups = 1
EOF
read -r -d '' LIBVIRTD_ENTRYPOINT <<'EOF' || true
#!/bin/bash
# kvm-b of scripts/start-fleet.sh: virtlogd and libvirtd, in the host's network namespace. Stopping
# the container stops the guests' network first: its bridge and firewall rules are the host's and
# would outlive libvirtd.
set -euo pipefail
URI=qemu:///system

# A libvirtd of this container that was killed left the network's bridge and libvirt's firewall
# rules for it behind; nothing of this container runs yet, so whatever names them is stale.
remove_stale_network() {
    local tool table rule
    if ip link show dev "$FLEET_BRIDGE" >/dev/null 2>&1; then
        ip link delete "$FLEET_BRIDGE"
    fi
    for tool in iptables ip6tables; do
        for table in filter nat mangle; do
            "$tool" -w -t "$table" -S 2>/dev/null \
                | awk -v bridge="$FLEET_BRIDGE" -v subnet="$FLEET_SUBNET" '
                    $1 == "-A" && $2 ~ /^LIBVIRT_/ { for (i = 3; i <= NF; i++) if ($i == bridge || $i == subnet) { print; next } }' \
                | while read -r -a rule; do
                    rule[0]=-D
                    "$tool" -w -t "$table" "${rule[@]}" || true
                done || true
        done
    done
}

stop() {
    local network
    for network in $(virsh -c "$URI" net-list --name 2>/dev/null); do
        virsh -c "$URI" net-destroy "$network" >/dev/null || true
    done
    kill "$libvirtd" 2>/dev/null || true
    wait "$libvirtd" || true
    exit 0
}

remove_stale_network
mkdir -p /run/libvirt /var/log/libvirt/qemu
virtlogd --daemon
LIBVIRT_LOG_OUTPUTS="2:stderr" libvirtd --listen &
libvirtd=$!
trap stop TERM INT
wait "$libvirtd"
EOF

image_recipe=$(printf '%s\n' "$LIBVIRTD_DOCKERFILE" "$LIBVIRTD_CONF" "$QEMU_CONF" "$VIRTLOGD_CONF" "$LIBVIRTD_ENTRYPOINT" \
    | sha256sum | cut -c1-16)

build_libvirtd_image() {
    local shown context build_log=$FLEET_LOG_DIR/fleet-libvirtd-build.log build_started=$SECONDS
    shown=$(docker image inspect --format "{{index .Config.Labels \"$RECIPE_LABEL\"}}" "$FLEET_KVM_B_IMAGE" 2>/dev/null || true)
    [ "$shown" != "$image_recipe" ] || return 0
    context=$(mktemp -d)
    printf '%s\n' "$LIBVIRTD_DOCKERFILE" >"$context/Dockerfile"
    printf '%s\n' "$LIBVIRTD_CONF" >"$context/libvirtd.conf"
    printf '%s\n' "$QEMU_CONF" >"$context/qemu.conf"
    printf '%s\n' "$VIRTLOGD_CONF" >"$context/virtlogd.conf"
    printf '%s\n' "$LIBVIRTD_ENTRYPOINT" >"$context/fleet-libvirtd"
    chmod 0755 "$context/fleet-libvirtd"
    log "building $FLEET_KVM_B_IMAGE from Debian's packages (log: $build_log)"
    # The host's network: apt in the build reaches the mirror without the default bridge's NAT.
    if ! docker build --network host --force-rm --label "$RECIPE_LABEL=$image_recipe" --label org.vpsconnector.fleet=kvm-b \
        -t "$FLEET_KVM_B_IMAGE" "$context" >"$build_log" 2>&1; then
        rm -rf "$context"
        log "building $FLEET_KVM_B_IMAGE failed; last lines of $build_log:" >&2
        tail -n 30 "$build_log" >&2
        exit 1
    fi
    rm -rf "$context"
    log "built $FLEET_KVM_B_IMAGE in $((SECONDS - build_started)) s"
}

# How kvm-b's container runs. Not --privileged: this machine's capability bounding set lacks
# CAP_SYS_RESOURCE, and runc refuses a privileged container it cannot give every capability; the
# container gets all the others instead.
# The host's /sys, read-write, for the guests' bridge ports (libvirt isolates them through sysfs).
# /run is the container's own tmpfs: a libvirtd finds no state of an earlier one there.
kvm_b_run_options() {
    local device directory
    KVM_B_OPTIONS=(
        --name "$FLEET_KVM_B_CONTAINER" --init --restart no
        --network host --tmpfs /run
        --cap-add ALL --cap-drop SYS_RESOURCE
        --security-opt seccomp=unconfined --security-opt systempaths=unconfined
        -v /sys:/sys
        -v "$KVM_B_DIR/lib:/var/lib/vps-connector"
        -v "$GUEST_DIRECTORY:$GUEST_DIRECTORY:ro"
        -v "$IMAGE_DIRECTORY:$IMAGE_DIRECTORY:ro"
        -v "$KVM_B_DIR/etc/qemu:/etc/libvirt/qemu"
        -v "$KVM_B_DIR/etc/storage:/etc/libvirt/storage"
        -v "$FLEET_LOG_DIR/fleet-kvm-b:/var/log/libvirt"
        --env "FLEET_BRIDGE=$FLEET_KVM_B_BRIDGE" --env "FLEET_SUBNET=$FLEET_KVM_B_PREFIX.0/24"
        -v "$FLEET_TLS_CA:/etc/pki/CA/cacert.pem:ro"
        -v "$FLEET_TLS_SERVER_CERT:/etc/pki/libvirt/servercert.pem:ro"
        -v "$FLEET_TLS_SERVER_KEY:/etc/pki/libvirt/private/serverkey.pem:ro"
        --label "org.vpsconnector.fleet-tls=$FLEET_TLS_SERVED"
        --log-opt max-size=10m --log-opt max-file=2
        --label org.vpsconnector.fleet=kvm-b
    )
    for directory in "${CONSOLE_DIRECTORIES[@]}"; do
        KVM_B_OPTIONS+=(-v "$directory:$directory")
    done
    for device in /dev/net/tun /dev/kvm; do
        [ ! -e "$device" ] || KVM_B_OPTIONS+=(--device "$device")
    done
}

start_kvm_b() {
    local recipe shown second
    kvm_b_run_options
    recipe=$(printf '%s\n' "$image_recipe" "${KVM_B_OPTIONS[@]}" | sha256sum | cut -c1-16)
    if docker container inspect "$FLEET_KVM_B_CONTAINER" >/dev/null 2>&1; then
        shown=$(docker container inspect --format "{{index .Config.Labels \"$CONTAINER_RECIPE_LABEL\"}}" "$FLEET_KVM_B_CONTAINER")
        if [ "$shown" != "$recipe" ]; then
            log "replacing $FLEET_KVM_B_CONTAINER, made from another recipe; its running guests stop, its definitions and volumes stay"
            docker stop -t 60 "$FLEET_KVM_B_CONTAINER" >/dev/null
            docker rm "$FLEET_KVM_B_CONTAINER" >/dev/null
        fi
    fi
    if ! docker container inspect "$FLEET_KVM_B_CONTAINER" >/dev/null 2>&1; then
        mkdir -p "$KVM_B_DIR/lib" "$KVM_B_DIR/etc/qemu" "$KVM_B_DIR/etc/storage" "$FLEET_LOG_DIR/fleet-kvm-b" \
            "${CONSOLE_DIRECTORIES[@]}"
        log "starting kvm-b: container $FLEET_KVM_B_CONTAINER of the host's engine"
        docker run --detach "${KVM_B_OPTIONS[@]}" --label "$CONTAINER_RECIPE_LABEL=$recipe" "$FLEET_KVM_B_IMAGE" >/dev/null
        # Images of earlier recipes, now that no container uses them.
        docker image ls --quiet --filter dangling=true --filter label=org.vpsconnector.fleet=kvm-b \
            | xargs -r docker image rm >/dev/null 2>&1 || true
    elif [ "$(docker container inspect --format '{{.State.Running}}' "$FLEET_KVM_B_CONTAINER")" != true ]; then
        log "starting kvm-b: container $FLEET_KVM_B_CONTAINER of the host's engine"
        docker start "$FLEET_KVM_B_CONTAINER" >/dev/null
    fi
    for second in $(seq 1 "$WAIT_SECONDS"); do
        fleet_kvm_b_answers && fleet_kvm_b_answers_tls && return 0
        sleep 1
    done
    log "kvm-b did not answer on $FLEET_KVM_B_URI and $FLEET_KVM_B_TLS_URI within $WAIT_SECONDS s;" \
        "last lines of its log:" >&2
    docker logs --tail 30 "$FLEET_KVM_B_CONTAINER" >&2
    exit 1
}

# ensure_pool URI POOL DIRECTORY: a directory pool, started with libvirtd. The images' directory
# is read-only in kvm-b: it is not built, only read.
ensure_pool() {
    local uri=$1 pool=$2 directory=$3
    if ! virsh -c "$uri" pool-info "$pool" >/dev/null 2>&1; then
        virsh -c "$uri" pool-define-as "$pool" dir --target "$directory" >/dev/null
        [ "$pool" = "$IMAGE_POOL" ] || virsh -c "$uri" pool-build "$pool" >/dev/null
        virsh -c "$uri" pool-autostart "$pool" >/dev/null
        log "defined the storage pool $pool ($directory) on $uri"
    fi
    # grep reads every line (no -q): virsh killed by SIGPIPE would fail the pipe and a running one look stopped.
    if ! virsh -c "$uri" pool-info "$pool" | grep -E '^State:[[:space:]]+running' >/dev/null; then
        virsh -c "$uri" pool-start "$pool" >/dev/null
    fi
    # Images built again since show after a refresh.
    [ "$pool" != "$IMAGE_POOL" ] || virsh -c "$uri" pool-refresh "$pool" >/dev/null
}

build_libvirtd_image
start_kvm_b
ensure_guest_network "$FLEET_KVM_B_URI" "$NETWORK" "$FLEET_KVM_B_BRIDGE" "$FLEET_KVM_B_PREFIX"
install_guest_filter "$FLEET_KVM_B_BRIDGE" "$FLEET_KVM_B_PREFIX" VPS-KVM-B-GUESTS-IN
install_guest_isolation "$FLEET_KVM_B_BRIDGE" "$FLEET_KVM_B_PREFIX" VPS-KVM-B-GUESTS-ISOLATION
for uri in "$FLEET_KVM_A_URI" "$FLEET_KVM_B_URI"; do
    # The connector would make the volumes' pool itself; the fleet has it from the start on both.
    ensure_pool "$uri" "$VOLUME_POOL" "$VOLUME_DIRECTORY"
    ensure_pool "$uri" "$IMAGE_POOL" "$IMAGE_DIRECTORY"
done

# --- What there is ---

# The words of a listing, one line.
words() { awk 'NF { print $1 }' | paste -sd ' '; }

for engine in "${FLEET_ENGINES[@]}"; do
    fleet_engine "$engine"
    log "$ENGINE $ENGINE_HOST: network $NETWORK" \
        "$(docker -H "$ENGINE_HOST" network inspect --format '{{range .IPAM.Config}}{{.Subnet}}{{end}}' "$NETWORK")" \
        "on bridge $ENGINE_VPS_BRIDGE; images" \
        "$(docker -H "$ENGINE_HOST" image ls --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>' | sort | words);" \
        "btrfs with quotas in $ENGINE_STORAGE_MOUNT${ENGINE_TLS_HOST:+; over TLS on $ENGINE_TLS_HOST}"
done
for endpoint in "kvm-a $FLEET_KVM_A_URI" "kvm-b $FLEET_KVM_B_URI"; do
    read -r name uri <<<"$endpoint"
    definition=$(virsh -c "$uri" net-dumpxml "$NETWORK")
    address=$(grep -o "<ip address='[^']*'" <<<"$definition" | cut -d"'" -f2)
    log "$name $uri: network $NETWORK ${address%.*}.0/24" \
        "on bridge $(grep -o "<bridge name='[^']*'" <<<"$definition" | cut -d"'" -f2);" \
        "pools $(virsh -c "$uri" pool-list --name | sort | words);" \
        "$IMAGE_POOL holds $(virsh -c "$uri" vol-list "$IMAGE_POOL" | awk 'NR > 2' | words)"
done
log "kvm-b over TLS: $FLEET_KVM_B_TLS_URI; the fleet's TLS material: $FLEET_TLS_DIR"
log "the fleet is up ($((SECONDS - started)) s)"
