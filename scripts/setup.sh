#!/usr/bin/env bash
# Create .venv (if needed) and install the pinned dependencies: `scripts/setup.sh [test]`.
# Needs only Python 3.11+ and the package registries; pip reinstalls nothing already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
req=requirements.txt
[ "${1:-}" = "test" ] && req=requirements-test.txt
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
