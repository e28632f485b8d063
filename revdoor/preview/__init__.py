"""The preview server around a builder: it watches the site (`watch`), rebuilds in memory after each save
(`engine`), serves the output and tells open pages to reload or to show the last error (`reload`,
`serve`, `reload.js`).
"""
