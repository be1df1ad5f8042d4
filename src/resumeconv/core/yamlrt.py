"""Rewrite a YAML file the user keeps with a changed document, keeping what the user wrote around the values.

``migrate --in-place`` on YAML used to dump the new document from scratch: comments went, CRLF line ends became LF,
quoting and indentation changed, and nothing said so. Here the original text is loaded with ruamel.yaml's
round-trip loader (which keeps comments, key order, quoting and flow style), the new document is laid over it
(unchanged values keep their node, and with it their comments and style; changed ones are replaced; removed keys
go), and the result is dumped with the file's own indentation and line ends. Our safe loader (``core.document``)
reads the result back, and the caller checks that it reads as the new document.
"""

from __future__ import annotations

import io
import re
from typing import Any

from .errors import InternalError


def rewrite_yaml(original: str, doc: dict[str, Any]) -> str:
    """``doc`` as YAML text laid over ``original`` (the same file before the change): comments, quoting, key order,
    indentation and CRLF line ends of unchanged parts kept."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    from .document import parse_yaml

    crlf = "\r\n" in original and original.count("\r\n") == original.count("\n")
    source = original.replace("\r\n", "\n") if crlf else original
    _, sequence, offset = load_yaml_guess_indent(source)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000
    mapping = _mapping_indent(source)
    yaml.indent(mapping=mapping, sequence=sequence or mapping, offset=offset or 0)
    out = io.StringIO()
    yaml.dump(_lay_over(yaml.load(source), doc), out)
    text = out.getvalue()
    if source.startswith("---") and not text.startswith("---"):
        text = "---\n" + text
    if crlf:
        text = text.replace("\n", "\r\n")
    if parse_yaml(text, "<rewritten YAML>") != doc:
        raise InternalError("the rewritten YAML does not read back as the migrated document; please report it")
    return text


def _mapping_indent(text: str) -> int:
    """How far the file indents a mapping under a key (2 when it does not show)."""
    match = re.search(r"^[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( +)[^\s#-]", text, re.MULTILINE)
    return len(match.group(1)) if match else 2


def _lay_over(old: Any, new: Any) -> Any:
    """``new``, reusing the nodes of ``old`` wherever they hold the same value (so their comments and style stay)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for position, (key, value) in enumerate(new.items()):
            if key in old:
                old[key] = _lay_over(old[key], value)
            else:
                old.insert(min(position, len(old)), key, value)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        if len(old) == len(new):
            for index, value in enumerate(new):
                old[index] = _lay_over(old[index], value)
            return old
        return new
    if type(old) is not bool and type(new) is not bool and old == new and isinstance(old, type(new)):
        return old
    return new
