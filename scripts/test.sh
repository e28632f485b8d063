#!/usr/bin/env bash
# Set up everything the test suite needs, then run all of it: `scripts/test.sh [pytest args]`.
# Installs Debian's Chromium for the browser tests, Debian's Java for the Nu Html Checker and Node when missing
# (one apt-get step; Playwright never downloads a browser), and the npm packages pinned in package-lock.json
# (vnu-jar, axe-core, lighthouse, chrome-launcher) when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
command -v java >/dev/null || apt_packages+=(default-jre-headless)
command -v npm >/dev/null || apt_packages+=(nodejs npm)
if [ ${#apt_packages[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi
# The stamp is the lock file npm ci last installed; --ignore-scripts: vnu-jar's postinstall would fetch a Java
# runtime from GitHub when it finds none, and Debian's is installed above.
if ! cmp -s package-lock.json node_modules/.installed-package-lock.json; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  cp package-lock.json node_modules/.installed-package-lock.json
fi
.venv/bin/ruff check revdoor tests bench build.py
.venv/bin/mypy  # strict, on the package: [tool.mypy] in pyproject.toml
exec .venv/bin/python -m pytest "$@"
