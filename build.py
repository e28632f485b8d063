#!/usr/bin/env python3
"""Revolving Door: build, check or preview the site. `python build.py --help` for the commands.

The checkout's entry point: without --source it works on the site in this folder, wherever it is run from.
Installed (`pip install .`), the same commands are `revdoor ...`, on the site in the current folder.
"""

import sys
from pathlib import Path

from revdoor.tools.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="build.py", default_source=Path(__file__).resolve().parent))
