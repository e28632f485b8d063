"""Revolving Door, a static-site generator: `revdoor --help` (or `python build.py --help` in the checkout).

A regular package, not a namespace one, so `importlib.resources.files("revdoor")` is the folder itself
(see `resources`).
"""
