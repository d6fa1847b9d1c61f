#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests, if it is missing. Playwright drives
# /usr/bin/chromium directly; `playwright install` (which downloads a browser from a CDN) is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Chromium is missing: installing Debian's chromium package with apt-get (about 1 minute)."
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "error: /usr/bin/chromium is missing and this user cannot run apt-get; install the 'chromium' package." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
