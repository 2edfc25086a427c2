#!/usr/bin/env bash
# Installs the Debian packages declean's sandbox and tests need (chromium: the demo's browser
# test, driven by Playwright with the system browser). Idempotent; needs root.
set -euo pipefail
pkgs=(firejail docker.io debootstrap redis-server python3 chromium)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-system: need root to apt-get install ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi
