#!/usr/bin/env bash
# Prints provision and unprovision times per technology on real backends, through the connector next to the raw
# backend calls, in one run on config/real-backends.yml: scripts/benchmark-backends.sh [rounds] (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-build-tools.sh
scripts/start-docker.sh >&2
scripts/start-libvirt.sh >&2
scripts/build-guest-image.sh >&2
mvn -B -q -DskipTests install >&2
mvn -B -q -pl bootstrap dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath >&2
exec java -cp "bootstrap/target/test-classes:bootstrap/target/classes:$(cat bootstrap/target/benchmark.classpath)" \
    org.vpsconnector.bootstrap.ProvisionBenchmark "${1:-5}"
