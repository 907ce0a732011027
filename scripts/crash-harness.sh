#!/usr/bin/env bash
# Kills the service with kill -9 at random points of provision, configure, stop, start and
# unprovision, for containers and VMs, restarts it on the same database, lets the controller re-send
# and poll, and checks answers and servers: scripts/crash-harness.sh [cycles] [config]
# (default 50 cycles on config/vps-connector.yml; config/real-backends.yml runs Docker and libvirt).
# Prints the figures: cycles, operations accepted, final answers, kill points hit, violations.
# CRASH_SEED=<n> repeats a run's random kill points.
set -euo pipefail
cd "$(dirname "$0")/.."

cycles="${1:-50}"
config="$(realpath "${2:-config/vps-connector.yml}")"
scripts/install-build-tools.sh >&2
if grep -Eq '^ *type: *(docker|libvirt)' "$config"; then
    scripts/start-docker.sh >&2
    scripts/start-libvirt.sh >&2
    scripts/build-guest-image.sh >&2
    test=everyAnsweredOperationSurvivesKillsOnDockerAndLibvirt
else
    test=everyAnsweredOperationSurvivesKillsOnTheEmbeddedDefault
fi
figures="bootstrap/target/crash-harness/figures-$(basename "$config" .yml).txt"
rm -f "$figures"
status=0
mvn -B -q verify -pl bootstrap -am -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest="CrashHarnessEndToEndTest#$test" -Dcrash.cycles="$cycles" -Dcrash.config="$config" \
    ${CRASH_SEED:+-Dcrash.seed="$CRASH_SEED"} >&2 || status=$?
if [ -f "$figures" ]; then
    cat "$figures"
else
    echo "the harness printed no figures; see bootstrap/target/surefire-reports" >&2
fi
exit "$status"
