#!/usr/bin/env bash
# Runs a private image registry on 127.0.0.1:5000 (Debian's docker-registry) with its own storage
# directory and password authentication, the way a hosting provider keeps its VPS images. The
# tests push an image to it and provision a VPS whose image the engine must pull from it.
# Idempotent; runs as root without systemd. The user name and password are made on the first run
# and kept in $REGISTRY_DIR/credentials (mode 0600): REGISTRY_USER=… and REGISTRY_PASSWORD=… lines.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

REGISTRY_DIR=${VPS_REGISTRY_DIR:-/var/lib/vps-connector/registry}
ADDRESS=${VPS_REGISTRY_ADDRESS:-127.0.0.1:5000}
LOG=${VPS_REGISTRY_LOG:-/var/log/vps-connector-registry.log}
PIDFILE=$REGISTRY_DIR/registry.pid
WAIT_SECONDS=30

log() { echo "start-registry: $*"; }

# The registry answers /v2/ without credentials with 401: it runs and asks for them.
registry_answers() {
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$ADDRESS/v2/" || true)" = 401 ]
}

missing_packages=()
command -v docker-registry >/dev/null 2>&1 || missing_packages+=(docker-registry)
# htpasswd -B: the registry accepts bcrypt hashes only.
command -v htpasswd >/dev/null 2>&1 || missing_packages+=(apache2-utils)
if [ ${#missing_packages[@]} -gt 0 ]; then
    log "installing ${missing_packages[*]}"
    install_packages "${missing_packages[@]}"
fi

mkdir -p "$REGISTRY_DIR/storage"
chmod 0700 "$REGISTRY_DIR"
if [ ! -s "$REGISTRY_DIR/credentials" ] || [ ! -s "$REGISTRY_DIR/htpasswd" ]; then
    log "making the registry's credentials in $REGISTRY_DIR/credentials"
    user=vps-images
    password=$(openssl rand -hex 16)
    htpasswd -B -b -c "$REGISTRY_DIR/htpasswd" "$user" "$password" 2>/dev/null
    (umask 077 && printf 'REGISTRY_USER=%s\nREGISTRY_PASSWORD=%s\n' "$user" "$password" >"$REGISTRY_DIR/credentials")
fi
cat >"$REGISTRY_DIR/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/storage
  delete:
    enabled: true
http:
  addr: $ADDRESS
auth:
  htpasswd:
    realm: vps-connector-images
    path: $REGISTRY_DIR/htpasswd
EOF

if ! registry_answers; then
    log "starting docker-registry on $ADDRESS (log: $LOG)"
    nohup docker-registry serve "$REGISTRY_DIR/config.yml" >>"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
    for second in $(seq 1 "$WAIT_SECONDS"); do
        registry_answers && break
        if [ "$second" -eq "$WAIT_SECONDS" ]; then
            log "docker-registry did not answer on $ADDRESS within $WAIT_SECONDS s; last lines of $LOG:" >&2
            tail -n 30 "$LOG" >&2
            exit 1
        fi
        sleep 1
    done
fi

log "registry $ADDRESS is ready (credentials in $REGISTRY_DIR/credentials)"
