#!/usr/bin/env bash
# Set up, build the site, then serve it on http://127.0.0.1:8000 with live reload. Extra flags go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/python build.py serve "$@"
