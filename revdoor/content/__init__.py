"""Load and validate: `site.toml` (`config`), content files read into front matter with the line of every
value (`load`, `plainyaml`), the editors' contract (`schema`), translations (`translated`), references
(`refs`, `redirects`), and Markdown bodies made safe HTML (`markup`, `inline`) with the links editors write
between pages (`bodylinks`). Every mistake comes back as a Problem with its file, line and field.
"""
