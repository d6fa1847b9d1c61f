#!/usr/bin/env bash
# Install the JavaScript the book serves itself (reveal.js for the slides, plotly.js's basic bundle for the
# figures, axe-core for the accessibility audit) from the npm registry, at the exact versions and checksums of
# package-lock.json. The plotly.js version must be the one plotly.py expects (tests/test_plotly_bundle.py).
# Installs Debian's npm with apt first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: installing Debian's npm package with apt-get."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
