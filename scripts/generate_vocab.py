"""Generate src/resumeconv/schemas/vocab.py from schema/resume.schema.json: the document's vocabulary as code.

The schema is the one source of field names and allowed values; this script turns it into TypedDicts (the
document, each section's items, the shared definitions) and constants (section names, date and URL fields, the
enums), so that modules import them instead of restating lists by hand. tests/test_vocab_fresh.py fails when
vocab.py is stale; run ``python scripts/generate_vocab.py`` after changing the schema.
"""

from __future__ import annotations

import json
import keyword
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schema" / "resume.schema.json"
TARGET = ROOT / "src" / "resumeconv" / "schemas" / "vocab.py"
WIDTH = 120

#: Constant name -> path of an enum in the schema ("*" steps into array items).
ENUMS = {
    "EMPLOYMENT_TYPES": ("work", "*", "employmentType", "*"),
    "WORKPLACE_TYPES": ("work", "*", "workplaceType"),
    "SERVICE_TYPES": ("volunteer", "*", "type"),
    "EDUCATION_STATUSES": ("education", "*", "status"),
    "PUBLICATION_TYPES": ("publications", "*", "type"),
    "PUBLICATION_STATUSES": ("publications", "*", "status"),
    "CEFR_LEVELS": ("languages", "*", "cefr", "listening"),
}


def generate(schema: dict[str, Any]) -> str:
    """The text of vocab.py for ``schema`` (deterministic: the same schema gives the same bytes)."""
    defs = schema.get("definitions", {})
    typed = _TypedDicts(defs)
    for name in defs:
        if defs[name].get("type") == "object":
            typed.object_type(_class_name(name), defs[name])
    sections = [k for k in schema["properties"] if not k.startswith("$")]
    for section in sections:
        node = schema["properties"][section]
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            typed.object_type(_class_name(section) + "Item", node["items"])
        elif node.get("type") == "object":
            typed.object_type(_class_name(section), node)
    top = {"$schema": "str"}
    for section in sections:
        kind = schema["properties"][section].get("type")
        top[section] = f"list[{_class_name(section)}Item]" if kind == "array" else _class_name(section)
    typed.lines += _comment(str(schema.get("description", "")))
    typed.lines += ['Resume = TypedDict("Resume", {', *(f"    {_q(k)}: {v}," for k, v in top.items()),
                    "}, total=False)", ""]

    out = [
        '"""The document\'s vocabulary, generated from schema/resume.schema.json by scripts/generate_vocab.py.',
        "",
        "Do not edit: change the schema and run the script (tests/test_vocab_fresh.py checks this file is fresh).",
        "TypedDicts are total=False: every field of a JSON Resume document is optional unless the schema requires it",
        "(required fields are listed in REQUIRED).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, TypedDict" if typed.uses_any else "from typing import TypedDict",
        "",
    ]
    out += _constant("SECTIONS", tuple(sections), "Top-level sections, in the schema's order.")
    arrays = tuple(s for s in sections if schema["properties"][s].get("type") == "array")
    out += _constant("ARRAY_SECTIONS", arrays, "Sections that are lists of items.")
    fields = _fields(schema)
    out += _constant("DATE_FIELDS", frozenset(n for n, sub in fields if _is_date(sub)),
                     "Fields holding a (partial) ISO 8601 date.")
    out += _constant("URI_FIELDS", frozenset(n for n, sub in fields if sub.get("format") == "uri"),
                     "Fields the schema checks as URIs (format uri).")
    for ident in ("orcid", "doi", "arxiv"):
        out += _constant(f"{ident.upper()}_FIELDS", frozenset(n for n, sub in fields
                                                             if sub.get("$ref") == f"#/definitions/{ident}"),
                         f"Fields holding {'an' if ident[0] in 'aeio' else 'a'} {ident.upper()} identifier.")
    cefr = _at(schema, ("languages", "*", "cefr"))
    out += _constant("CEFR_DIMENSIONS", tuple(cefr.get("properties", {})), "The CEFR skills a language may rate.")
    for name, path in ENUMS.items():
        values = _at(schema, path).get("enum", [])
        out += _constant(name, tuple(values), f"Allowed values of {'.'.join(p for p in path if p != '*')}.")
    talk = defs.get("talkType", {})
    out += _constant("TALK_TYPES", frozenset(talk.get("enum", ())), talk.get("description", "Talk types."))
    required = {cls: tuple(req) for cls, req in typed.required.items() if req}
    out += ["#: Required fields of each TypedDict below.", "REQUIRED: dict[str, tuple[str, ...]] = {"]
    for cls, req in required.items():
        out.append(f"    {_q(cls)}: ({', '.join(_q(r) for r in req)}{',' if len(req) == 1 else ''}),")
    out += ["}", "", ""]
    out += typed.lines
    return "\n".join(out).rstrip() + "\n"


class _TypedDicts:
    """Collects one functional-syntax TypedDict per object schema (keys like ``$schema`` are not identifiers)."""

    def __init__(self, defs: dict[str, Any]) -> None:
        self.defs = defs
        self.lines: list[str] = []
        self.done: set[str] = set()
        self.required: dict[str, list[str]] = {}
        self.uses_any = False

    def object_type(self, cls: str, node: dict[str, Any]) -> str:
        if cls in self.done:
            return cls
        props = node.get("properties", {})
        fields = [(key, self.value_type(cls + _class_name(key), sub)) for key, sub in props.items()]
        self.done.add(cls)
        self.required[cls] = list(node.get("required", []))
        self.lines += _comment(str(node.get("description", "")))
        if all(key.isidentifier() and not keyword.iskeyword(key) for key, _ in fields):
            self.lines.append(f"class {cls}(TypedDict, total=False):")
            self.lines += [f"    {key}: {kind}" for key, kind in fields] or ["    pass"]
        else:
            self.lines.append(f"{cls} = TypedDict({_q(cls)}, {{")
            self.lines += [f"    {_q(key)}: {kind}," for key, kind in fields]
            self.lines.append("}, total=False)")
        self.lines += ["", ""]
        return cls

    def value_type(self, cls: str, node: dict[str, Any]) -> str:
        ref = node.get("$ref", "")
        if ref.startswith("#/definitions/"):
            name = ref.rsplit("/", 1)[1]
            target = self.defs[name]
            return self.object_type(_class_name(name), target) if target.get("type") == "object" else "str"
        kind = node.get("type")
        if kind == "array":
            items = node.get("items")
            return f"list[{self.value_type(cls, items) if isinstance(items, dict) else self.any()}]"
        if kind == "object":
            return self.object_type(cls, node) if node.get("properties") else f"dict[str, {self.any()}]"
        simple = {"string": "str", "number": "float", "integer": "int", "boolean": "bool", "null": "None"}
        return simple[kind] if isinstance(kind, str) and kind in simple else self.any()

    def any(self) -> str:
        self.uses_any = True
        return "Any"


def _fields(node: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every (property name, schema) of the schema, definitions included."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            out.append((name, sub))
            out += _fields(sub)
        for key in ("items", "additionalProperties"):
            out += _fields(node.get(key))
        for sub in node.get("definitions", {}).values():
            out += _fields(sub)
    return out


def _is_date(node: dict[str, Any]) -> bool:
    return node.get("$ref") == "#/definitions/iso8601" or node.get("format") == "date"


def _at(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node: Any = schema
    for step in path:
        node = node.get("items") if step == "*" else node.get("properties", {}).get(step)
        if not isinstance(node, dict):
            raise SystemExit(f"generate_vocab: the schema has no {'/'.join(path)}")
    found: dict[str, Any] = node
    return found


def _class_name(key: str) -> str:
    name = "".join(part[:1].upper() + part[1:] for part in key.replace("$", "").replace("-", "_").split("_"))
    return name + "_" if keyword.iskeyword(name) else name


def _constant(name: str, value: tuple[str, ...] | frozenset[str], doc: str) -> list[str]:
    items = sorted(value) if isinstance(value, frozenset) else list(value)
    kind = "frozenset[str]" if isinstance(value, frozenset) else "tuple[str, ...]"
    opener, closer = ("frozenset({", "})") if isinstance(value, frozenset) else ("(", ")")
    if isinstance(value, frozenset) and not items:
        opener, closer = "frozenset(", ")"
    body = ", ".join(_q(x) for x in items) + ("," if isinstance(value, tuple) and len(items) == 1 else "")
    head = f"{name}: {kind} = {opener}"
    lines = _comment(doc)
    if len(head) + len(body) + len(closer) <= WIDTH:
        return [*lines, head + body + closer, ""]
    lines.append(head)
    row = "   "
    for item in items:
        piece = f" {_q(item)},"
        if len(row) + len(piece) > WIDTH:
            lines.append(row)
            row = "   "
        row += piece
    lines += [row, closer, ""]
    return lines


def _q(text: str) -> str:
    """A string literal as ruff formats it (double quotes)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> list[str]:
    """``#:`` comment lines holding ``text``, wrapped at the line width."""
    lines: list[str] = []
    row = "#:"
    for word in text.split():
        if len(row) + 1 + len(word) > WIDTH and row != "#:":
            lines.append(row)
            row = "#:"
        row += " " + word
    return [*lines, row] if row != "#:" else lines


def main() -> int:
    TARGET.write_text(generate(json.loads(SCHEMA.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
