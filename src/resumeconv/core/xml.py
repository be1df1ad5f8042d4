"""The one safe XML parser every XML format uses: no DTDs, no entities, no network, no huge trees."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import InputError, UnsafeInputError

if TYPE_CHECKING:
    from lxml import etree

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def parse(data: bytes, source: str | None = None) -> etree._ElementTree:
    """Parse untrusted XML bytes into an lxml element tree, refusing anything that could expand or reach out.

    A DOCTYPE is refused outright: CV formats never need one, and it is the door for XXE, billion-laughs and
    quadratic-blowup attacks. Syntax errors name line and column.
    """
    from lxml import etree

    match = _DOCTYPE.search(data)
    if match is None and not data[:4].isascii():
        match = _DOCTYPE.search(_ascii_view(data))
    if match is not None:
        line = data.count(b"\n", 0, match.start()) + 1
        raise UnsafeInputError("XML with a DOCTYPE or entity declaration is refused (DTDs and entities are not "
                               "allowed in untrusted input)", source, line)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_blank_text=False)
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as err:
        line, column = err.position if err.position else (err.lineno, None)
        message = " ".join((err.msg or "syntax error").split(", line ")[0].split())
        raise InputError(f"invalid XML: {message}", source, line or None, column or None) from None
    except ValueError as err:
        raise InputError(f"invalid XML: {err}", source) from None
    if getattr(tree.docinfo, "doctype", None):  # not in lxml-stubs' DocInfo
        raise UnsafeInputError("XML with a DOCTYPE is refused", source)
    return tree


def _ascii_view(data: bytes) -> bytes:
    """UTF-16/32 input seen as ASCII, so a DOCTYPE cannot hide behind a wide encoding."""
    for codec in ("utf-16", "utf-32"):
        try:
            return data.decode(codec).encode("ascii", "replace")
        except (UnicodeDecodeError, UnicodeError):
            continue
    return data
