#!/usr/bin/env bash
# Brings up a local PostgreSQL with the role and database the persistence tests use.
# Idempotent; runs as root on Debian without systemd (so pg_ctlcluster, not a service manager).
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

ROLE=vps
PASSWORD=vps
DATABASE=vps_connector_test
CLUSTER=main

log() { echo "start-postgres: $*"; }

as_postgres() {
    # postgres cannot read most working directories; psql warns about it otherwise.
    (cd / && su postgres -c "$1")
}

psql_value() {
    as_postgres "psql -v ON_ERROR_STOP=1 -tAc \"$1\""
}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing postgresql"
    install_packages postgresql
fi

main_cluster() {
    pg_lsclusters -h | awk -v c="$CLUSTER" '$2 == c { print $1, $3, $4 }' | sort -n | tail -n 1
}

if [ -z "$(main_cluster)" ]; then
    VERSION=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
    if [ -z "$VERSION" ]; then
        log "no PostgreSQL server found under /usr/lib/postgresql" >&2
        exit 1
    fi
    log "creating cluster $VERSION/$CLUSTER"
    pg_createcluster "$VERSION" "$CLUSTER"
fi
read -r VERSION PORT STATUS <<<"$(main_cluster)"

if [ "$STATUS" != "online" ]; then
    # The socket directory lives on a tmpfs that nothing recreates without systemd.
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    log "starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start
fi

for attempt in $(seq 1 60); do
    if pg_isready -q -h localhost -p "$PORT"; then
        break
    fi
    if [ "$attempt" -eq 60 ]; then
        log "PostgreSQL $VERSION/$CLUSTER did not become ready on port $PORT; see /var/log/postgresql/" >&2
        exit 1
    fi
    sleep 1
done

if [ "$(psql_value "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
    log "creating role $ROLE"
    psql_value "CREATE ROLE $ROLE WITH LOGIN CREATEDB PASSWORD '$PASSWORD'" >/dev/null
fi

if [ "$(psql_value "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
    log "creating database $DATABASE"
    as_postgres "createdb -O $ROLE $DATABASE"
fi

log "PostgreSQL $VERSION/$CLUSTER is ready on localhost:$PORT (database $DATABASE, user $ROLE)"
