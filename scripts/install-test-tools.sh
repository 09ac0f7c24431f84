#!/usr/bin/env bash
# Tools the browser tests need beyond `npm ci`: certutil (Debian's libnss3-tools), with which the HTTPS tests make
# the browser trust a test certificate authority as a tablet trusts the checkpoint's. Safe to run again: it does
# nothing when the tools are there, installs them with apt-get when run as root, and otherwise says what to install.
set -euo pipefail

if command -v certutil >/dev/null 2>&1; then
  echo "certutil: installed ($(command -v certutil))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "certutil is missing. Install it, then run the tests again:" >&2
  echo "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y libnss3-tools" >&2
  echo "  Fedora/RHEL:   sudo dnf install -y nss-tools" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends libnss3-tools
echo "certutil: installed ($(command -v certutil))"
