"""The benchmark: a deterministic corpus in the editors' contract, and `python -m bench SIZE` to time it.

See bench/README.md; results go to bench/RESULTS.md.
"""
