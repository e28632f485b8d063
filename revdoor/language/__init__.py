"""The reader's language: dates and counts in each language (`i18n`, over Babel), the interface's message
catalogues compiled in memory (`catalogues`), and the fixed words of templates translated when they compile
(`pretranslate`).
"""
