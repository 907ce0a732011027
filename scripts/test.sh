#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need first: Java, Maven and PostgreSQL
# (the repository tests run against H2 and a real PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-build-tools.sh
scripts/start-postgres.sh
mvn -B verify "$@"
