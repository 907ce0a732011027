#!/usr/bin/env bash
# Builds the service jar if needed and runs it on the embedded default configuration:
# H2 under ./data, fake backends, APS on http://localhost:8080/, admin on http://localhost:8081/.
# Extra arguments go to the JVM, e.g. scripts/run.sh -Ddw.server.applicationConnectors[0].port=9090
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-build-tools.sh
if [ ! -f bootstrap/target/vps-connector.jar ]; then
  mvn -B -q -DskipTests package
fi
exec java "$@" -jar bootstrap/target/vps-connector.jar server config/vps-connector.yml
