#!/usr/bin/env bash
# Installs Java 17, Maven and the SSH client (the end-to-end tests log in to the VPSes they order)
# on a fresh Debian machine when they are missing.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
if [ ${#missing[@]} -gt 0 ]; then
  install_packages -q "${missing[@]}"
fi
