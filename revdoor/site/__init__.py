"""Model -> pages: what templates are given (`views`, `chartdata` and the charts' geometry `charts`), which
page exists at which URL (`pages`, `feeds`, the open data `data`), every page in each of the site's
languages (`languages`), and each page's fingerprint, the digest of what it is handed (`fingerprints`).
Pure: nothing here renders or writes.
"""
