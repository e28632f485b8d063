#!/usr/bin/env python3
"""Revolving Door: build, check or preview the site. `python build.py --help` for the commands."""

import sys

from revdoor.cli import main

if __name__ == "__main__":
    sys.exit(main())
