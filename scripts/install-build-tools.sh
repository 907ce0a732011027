#!/usr/bin/env bash
# Installs Java 17, Maven, the SSH client (the end-to-end tests log in to the VPSes they order) and
# Chromium with its driver (the operator console is tested in a headless browser) on a fresh Debian
# machine when they are missing.
set -euo pipefail
. "$(dirname "$0")/lib/debian-packages.sh"

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  install_packages -q "${missing[@]}"
fi
