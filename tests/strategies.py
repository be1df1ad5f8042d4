"""Hypothesis strategies that generate documents valid under a bundled schema (the subset JSON Resume uses).

hypothesis-jsonschema would do this, but its last release no longer runs on current Hypothesis.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

FORMAT_VALUES = {
    "uri": st.sampled_from(["https://example.org/", "http://example.com/a?b=c", "mailto:x@example.org"]),
    "email": st.sampled_from(["a@example.org", "first.last@uni.example.edu"]),
    "date": st.dates().map(lambda d: d.isoformat()).filter(lambda s: s[0] in "12" and len(s) == 10),
}


def from_schema(schema: dict[str, Any], max_items: int = 3,
                text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Any]:
    """Documents valid under ``schema``; free text is drawn from ``text`` (default: any text, up to 30 characters)."""
    definitions = schema.get("definitions", {})
    free_text = text if text is not None else st.text(max_size=30)

    def build(node: dict[str, Any]) -> st.SearchStrategy[Any]:
        if "$ref" in node:
            return build(definitions[node["$ref"].rsplit("/", 1)[1]])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        kind = node.get("type")
        if kind == "string" or "pattern" in node or "format" in node:
            if node.get("format") in FORMAT_VALUES:
                return FORMAT_VALUES[node["format"]]
            if "pattern" in node:
                return st.from_regex(node["pattern"], fullmatch=True)
            return free_text
        if kind == "object":
            props = node.get("properties", {})
            required = set(node.get("required", ()))
            return st.fixed_dictionaries(
                {k: build(v) for k, v in props.items() if k in required},
                optional={k: build(v) for k, v in props.items() if k not in required},
            )
        if kind == "array":
            items = build(node.get("items", {}))
            return st.lists(items, min_size=node.get("minItems", 0), max_size=max(max_items, node.get("minItems", 0)),
                            unique_by=(lambda v: repr(v)) if node.get("uniqueItems") else None)
        if kind == "boolean":
            return st.booleans()
        if kind in ("number", "integer"):
            return st.integers(0, 10_000)
        return st.none() | st.booleans() | st.text(max_size=10)

    return build(schema)
