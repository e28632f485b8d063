"""What editors and maintainers run: the command line (`cli`), `new` files checked before they are written
(`scaffold`), JSON Schemas of the front matter (`jsonschema`), the pages a pull request changes
(`changes`), `check` following the links bodies write (`linkcheck`), and `draft` (an article's moves
proposed as event files) with `check --coverage`, in a folder of their own (`draft/`).
"""
