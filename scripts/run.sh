#!/usr/bin/env bash
# Builds the service jar if needed and runs it on the embedded default configuration:
# H2 under ./data, fake backends, APS on http://localhost:8080/, admin on http://localhost:8081/.
# Extra arguments go to the JVM, e.g. scripts/run.sh -Ddw.server.applicationConnectors[0].port=9090
# The first run of a jar records the classes it loaded in a class-data archive next to it, when it
# stops; later runs map them from there and start about a third faster.
# On two cores or fewer the JIT stops at C1 (scripts/lib/jit-options.sh says why).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-build-tools.sh
JAR=bootstrap/target/vps-connector.jar
CLASS_ARCHIVE=bootstrap/target/vps-connector.jsa
if [ ! -f "$JAR" ]; then
  mvn -B -q -DskipTests package
fi
if [ -f "$CLASS_ARCHIVE" ] && [ "$CLASS_ARCHIVE" -nt "$JAR" ]; then
  CLASS_DATA=-XX:SharedArchiveFile=$CLASS_ARCHIVE
else
  rm -f "$CLASS_ARCHIVE"
  CLASS_DATA=-XX:ArchiveClassesAtExit=$CLASS_ARCHIVE
fi
. scripts/lib/jit-options.sh
exec java "$CLASS_DATA" -Xlog:cds=off -Xlog:cds+dynamic=off $(jit_options) "$@" -jar "$JAR" server config/vps-connector.yml
