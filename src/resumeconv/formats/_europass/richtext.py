"""Europass rich text: HTML escaped inside an XML text node, written and taken apart."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from typing import Any


def to_html(paragraphs: Iterable[str] = (), bullets: Iterable[str] = ()) -> str:
    """Paragraphs then a bullet list, as the Europass editor's rich text (escaped once more by the XML writer)."""
    out = "".join(f"<p>{esc(p)}</p>" for p in paragraphs if p)
    items = [b for b in bullets if b]
    if items:
        out += "<ul>" + "".join(f"<li>{esc(b)}</li>" for b in items) + "</ul>"
    return out


def esc(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


class _Blocks(HTMLParser):
    """Splits rich text into paragraphs and list items; tags are dropped, text is kept.

    Whitespace with a line break in it is source formatting and becomes one space; ``<br>`` is a line break.
    A paragraph that starts with ``<code>key</code>:`` is a field our writer carried as JSON.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rich = Rich([], [], [], [])
        self._buf: list[str] = []
        self._in_li = 0
        self._in_strong = 0
        self._strong_buf: list[str] = []
        self._in_em = 0
        self._em_buf: list[str] = []
        self._before = ""
        self._code: list[str] | None = None
        self._key: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "li", "div", "ul", "ol"):
            self._flush()
        if tag == "li":
            self._in_li += 1
        elif tag == "br":
            self._buf.append(_BR)
        elif tag == "code" and not "".join(self._buf).strip():
            self._code = []
        elif tag in ("em", "i"):
            self._in_em += 1
        elif tag in ("strong", "b"):
            if not self._in_strong:
                self._before = "".join(self._buf)
            self._in_strong += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li", "div"):
            self._flush()
        if tag == "li":
            self._in_li = max(0, self._in_li - 1)
        elif tag == "code" and self._code is not None:
            self._key, self._code = "".join(self._code), None
        elif tag in ("em", "i"):
            self._in_em = max(0, self._in_em - 1)
            if not self._in_em and self._em_buf:
                self.rich.emphasis.append((len(self.rich.paragraphs), _fold("".join(self._em_buf)).strip()))
                self._em_buf = []
        elif tag in ("strong", "b"):
            self._in_strong = max(0, self._in_strong - 1)
            if not self._in_strong and self._strong_buf:
                phrase = _fold("".join(self._strong_buf)).strip()
                self.rich.strong.append((phrase, _fold(self._before).count(phrase)))
                self._strong_buf = []

    def handle_data(self, data: str) -> None:
        self._buf.append(data)
        if self._code is not None:
            self._code.append(data)
        if self._in_strong:
            self._strong_buf.append(data)
        if self._in_em:
            self._em_buf.append(data)

    def _flush(self) -> None:
        raw, key = "".join(self._buf), self._key
        self._buf, self._key = [], None
        if key is not None and raw.startswith(key + ": "):
            self.rich.coded.append((key, raw[len(key) + 2:]))
            return
        text = _fold(raw).strip(" ")
        if text.strip():
            (self.rich.bullets if self._in_li else self.rich.paragraphs).append(text)

    def close(self) -> None:
        super().close()
        self._flush()


#: Stands for <br> while source whitespace is folded.
_BR = "\x00"


def _fold(text: str) -> str:
    if "\n" in text:
        text = re.sub(r"\s*\n\s*", " ", text)
    return text.replace(_BR, "\n")


@dataclass
class Rich:
    """Europass rich text taken apart: paragraphs, list items, bold phrases, and fields carried as JSON.

    Each bold phrase comes with how often the same text appears before it in its paragraph, so that the bold
    one of two identical author names is known.
    """

    paragraphs: list[str]
    bullets: list[str]
    strong: list[tuple[str, int]]
    coded: list[tuple[str, str]]
    #: (index of the paragraph it is in, text) of each emphasized phrase (<em>, <i>).
    emphasis: list[tuple[int, str]] = field(default_factory=list)


def from_html(text: str | None) -> Rich:
    """Europass rich text taken apart; plain text (no tags) is one paragraph per line."""
    if not text or not text.strip():
        return Rich([], [], [], [])
    if "<" not in text:
        return Rich([line.strip() for line in text.splitlines() if line.strip()], [], [], [])
    parser = _Blocks()
    if not _feed_with_lxml(parser, text):
        parser.feed(text)
    parser.close()
    return parser.rich


@cache
def _html_parser() -> Any:
    """One lxml HTML parser (plain elements, no network), made on first use."""
    from lxml import etree

    return etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


def _feed_with_lxml(parser: _Blocks, text: str) -> bool:
    """Drive the handlers from lxml's C HTML parser (several times faster than html.parser on large CVs).

    The walk is iterative, so deep nesting cannot exhaust the stack; text lxml refuses (control characters,
    nothing parseable) returns False and goes through html.parser instead.
    """
    from lxml import etree

    try:
        page = etree.HTML(f"<div>{text}</div>", _html_parser())
    except (etree.ParserError, ValueError):
        return False
    root = page.find("body/div") if page is not None else None
    if root is None:
        return False
    if root.text:
        parser.handle_data(root.text)
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if el is root or not isinstance(el.tag, str):
            if event == "end" and el is not root and el.tail:
                parser.handle_data(el.tail)
            continue
        if event == "start":
            parser.handle_starttag(el.tag, list(el.attrib.items()))
            if el.text:
                parser.handle_data(el.text)
        else:
            parser.handle_endtag(el.tag)
            if el.tail:
                parser.handle_data(el.tail)
    return True
