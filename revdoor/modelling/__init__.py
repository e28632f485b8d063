"""Validated files -> the model: frozen records (`model`), every reference resolved and every body rendered
(`assemble`, with `cache` for parsed files and rendered bodies), careers and flows derived (`timelines`);
`pipeline.load_site` is all of it, and all that `check` does: load everything, write nothing.
"""
