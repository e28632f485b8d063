"""What editors and maintainers run: the command line (`cli`), `new` files checked before they are written
(`scaffold`), JSON Schemas of the front matter (`jsonschema`), the pages a pull request changes
(`changes`), and `check` following the links bodies write (`linkcheck`).
"""
