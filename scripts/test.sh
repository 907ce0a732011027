#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need first: Java and Maven, PostgreSQL
# (repository tests run on H2 and PostgreSQL), the Docker engine with the local VPS base image,
# libvirtd with QEMU and the guest boot image (adapter and end-to-end tests use real backends).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-build-tools.sh
scripts/start-postgres.sh
scripts/start-docker.sh
scripts/start-libvirt.sh
scripts/build-guest-image.sh
mvn -B verify "$@"
