"""Tools every phase uses and that know nothing of a site's content: problems (errors as values), names and
slugs, fuzzy dates, URLs, forked pools, progress bars, digests of values, where the project's own files are
(`resources`) and what the templates use and write (`theme`). Imports nothing else of the package.
"""
