"""Pages -> files: Jinja2 renders (`render`), only changed files are written (`write`), the output directory
is swapped in whole (`publish`), Pagefind indexes (`search`); `builder.build` is one build, top to bottom.
"""
