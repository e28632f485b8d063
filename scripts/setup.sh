#!/usr/bin/env bash
# Create .venv (if needed) and install the pinned dependencies: `scripts/setup.sh [test]`; and Debian's
# fonts-dejavu-core when its font is missing (the social cards are drawn with it: `card_font` in site.toml).
# Needs only Python 3.11+ and the package registries; pip reinstalls nothing already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && command -v apt-get >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null
fi
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
req=requirements.txt
[ "${1:-}" = "test" ] && req=requirements-test.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
