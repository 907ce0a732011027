#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need first: Java and Maven, PostgreSQL
# (repository tests run on H2 and PostgreSQL), the Docker engine with its images, network and a private registry,
# libvirtd with QEMU, the guests' network and the guest images (adapter and end-to-end tests use real backends),
# and the fleet of two more engines and a second libvirtd (scripts/start-fleet.sh).
# Then checks that the tests left no container, domain, volume or console file behind: the run
# fails when the tests failed or when they left something.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-build-tools.sh
scripts/start-postgres.sh
scripts/start-docker.sh
scripts/start-registry.sh
scripts/start-libvirt.sh
scripts/build-guest-image.sh
scripts/start-fleet.sh
BEFORE=$(mktemp)
trap 'rm -f "$BEFORE"' EXIT
scripts/check-no-leftovers.sh --list >"$BEFORE"
status=0
# Two modules at a time where the module graph allows (the adapters side by side); the end-to-end
# tests of bootstrap come last, alone.
mvn -B -T 2 verify "$@" || status=$?
scripts/check-no-leftovers.sh --except "$BEFORE" || { [ "$status" -ne 0 ] || status=1; }
exit "$status"
