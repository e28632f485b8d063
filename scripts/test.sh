#!/usr/bin/env bash
# Set up everything the test suite needs, then run all of it: `scripts/test.sh [pytest args]`.
# Installs Debian's Chromium for the browser tests when it is missing (Playwright never downloads one).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
.venv/bin/ruff check revdoor tests bench build.py
exec .venv/bin/python -m pytest "$@"
