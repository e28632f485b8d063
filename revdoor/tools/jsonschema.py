"""JSON Schemas of the front matter, generated from `schema.SCHEMAS` and `schema.TYPE_RULES`.

`check` stays the authority; these files let an editor's editor (VS Code's YAML extension, JetBrains,
any JSON Schema validator) flag a wrong field while it is typed. They are derived from the same table
`check` validates with, so they cannot drift: a test regenerates them and compares with `docs/schema/`.
Cross-file rules (references to profiles, article slugs) need the whole site and stay `check`'s alone.

Draft-07, the draft editors' YAML plugins support best. Dates are strings, as YAML 1.2 editors read them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..common.names import SLUG_RE
from ..content.bodylinks import FOLDER_OF
from ..content.schema import EVENT_TYPES, LANG_RE, SCHEMAS, TYPE_RULES, Field
from ..content.translated import TEXT_FIELDS

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = Path("docs") / "schema"
ID_BASE = "https://revolving-door.invalid/schema/"  # a stable identifier, not a place to fetch from

_MONTH = "(0[1-9]|1[0-2])"
_DAY = "(0[1-9]|[12][0-9]|3[01])"
_YEAR = "(19[0-9]{2}|20[0-9]{2}|2100)"  # dates.parse_fuzzy accepts 1900-2100
# The scheme is case-insensitive to urlsplit; JSON Schema's ECMA-262 patterns have no (?i).
_URL = r"^[hH][tT][tT][pP][sS]?://[^\s/?#@]*[^\s/?#:@][^\s/?#]*([/?#]\S*)?$"
# Text as `schema._text` takes it: a string with something other than white space, or a number.
_TEXT: dict[str, Any] = {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]}
_TEXTS: dict[str, Any] = {"type": "array", "items": _TEXT}


def _value(spec: Field) -> dict[str, Any]:
    """The JSON Schema of one field's value, mirroring its converter in `schema.CONVERTERS`."""
    kind = spec.kind
    if kind in ("text", "ref"):
        return dict(_TEXT)
    if kind in ("texts", "refs"):
        return dict(_TEXTS)
    if kind == "slugs":
        return {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": SLUG_RE.pattern}}
    if kind == "url":
        return {"type": "string", "format": "uri", "pattern": _URL}
    if kind == "day":
        return {"type": "string", "pattern": f"^{_YEAR}-{_MONTH}-{_DAY}$"}
    if kind == "fuzzydate":
        return {"anyOf": [{"type": "string", "pattern": f"^(before\\s+)?{_YEAR}(-{_MONTH}(-{_DAY})?)?$"},
                          {"type": "integer", "minimum": 1900, "maximum": 2100}]}
    if kind == "lang":
        return {"type": "string", "pattern": LANG_RE.pattern}
    if kind == "choice":
        return {"type": "string", "enum": list(spec.choices)}
    if kind == "flag":
        return {"type": "boolean"}
    if kind == "count":
        return {"type": "integer", "minimum": 1}
    if kind == "links":
        return {"type": "object", "propertyNames": {"pattern": r"\S"},
                "additionalProperties": {"type": "string", "pattern": _URL}}
    if kind == "sources":
        # Each item is an article slug (no colon) or an http(s) URL; at least one.
        item = {"anyOf": [{"type": "string", "pattern": r"^[^:]*[^:\s][^:]*$"}, {"type": "string", "pattern": _URL}]}
        return {"type": "array", "minItems": 1, "items": item}
    raise ValueError(f"no JSON Schema for field kind {kind!r}")  # a new kind must be mapped here


def _property(spec: Field) -> dict[str, Any]:
    value = _value(spec)
    out: dict[str, Any] = {"description": spec.doc}
    if spec.required:
        out.update(value)
    else:
        out["anyOf"] = [value, {"type": "null"}]  # `field:` left empty counts as absent, as in `check`
    return out


def _event_rules() -> dict[str, Any]:
    """`schema._event_rules`: exactly one of person/people/unnamed, count with unnamed, TYPE_RULES."""
    rules: list[dict[str, Any]] = [
        {"oneOf": [{"required": [name]} for name in ("person", "people", "unnamed")]},
    ]
    for kind in EVENT_TYPES:
        needed, sentence = TYPE_RULES[kind]
        rules.append({"if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                      "then": {"required": list(needed), "description": sentence}})
    return {"allOf": rules, "dependencies": {"count": ["unnamed"]}}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file's front matter."""
    fields = SCHEMAS[kind]
    out: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{ID_BASE}{kind}.schema.json",
        "title": f"Revolving Door {kind} front matter",
        "description": f"Generated from revdoor/content/schema.py by `python build.py schemas`; do not edit. "
                       f"Files: content/{_FOLDER[kind]}/<slug>.md",
        "type": "object",
        "properties": {spec.name: _property(spec) for spec in fields},
        "required": [spec.name for spec in fields if spec.required],
        "additionalProperties": False,
    }
    if kind in TEXT_FIELDS:
        out["patternProperties"] = _translations(kind)
    if kind == "event":
        out.update(_event_rules())
    return out


def _translations(kind: str) -> dict[str, Any]:
    """`role_fr` and the like (`translated`). One schema serves every site, so any language tag is let
    through here; `check` knows the site's languages and refuses the others."""
    fields = {spec.name: spec for spec in SCHEMAS[kind]}
    lang = LANG_RE.pattern.removeprefix("^")
    return {f"^{base}_{lang}": {"description": f"{fields[base].doc} In another of the site's languages: "
                                               f"{base}_fr is the French text.",
                                "anyOf": [_value(fields[base]), {"type": "null"}]}
            for base in TEXT_FIELDS[kind]}


_FOLDER = FOLDER_OF


def schemas() -> dict[str, str]:
    """File name under docs/schema/ -> its exact text (stable: sorted keys off, fixed indent, final newline)."""
    return {f"{kind}.schema.json": json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
            for kind in SCHEMAS}


def write_schemas(root: Path) -> list[Path]:
    """Write the schemas into root/docs/schema/; return the files whose bytes changed."""
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
