"""How folded text is spelled for each way a theme prints a text field.

A theme prints a field either as text (HTML-escaped by its template) or through a formatter: CommonMark (even,
elegant), its own mini-Markdown (stackoverflow) or raw HTML (spartan, kendall). The same author list must read
the same in all of them, so every fold builds its text through one of these styles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from .._academic import md_escape


class Text:
    """Printed as is: marks are plain characters, the owner is not marked, links are their label."""

    name = "text"
    #: The equal-contribution mark as the formatter needs it written.
    star = "*"

    def text(self, value: str) -> str:
        """The CV's own words, so that the theme prints them as written."""
        return value

    def strong(self, escaped: str) -> str:
        return escaped

    def link(self, label: str, url: str) -> str:
        return self.text(label)

    def paragraphs(self, parts: Iterable[str]) -> str:
        """One field of several parts; an HTML template folds newlines into spaces, so a period ends each part."""
        out = ""
        for part in (p for p in parts if p):
            out += part if not out else (" " if out.endswith((".", "!", "?")) else ". ") + part
        return out

    def authors(self, names: list[str]) -> str:
        return ", ".join(names)

    def legend(self, author_line: str, notes: list[str]) -> str:
        return f"{author_line} ({'; '.join(notes)})" if notes else author_line


class Markdown(Text):
    """CommonMark (even: micromark; elegant: markdown-it with ``breaks``): escaped text, ``**bold**``, links."""

    name = "markdown"
    star = "\\*"

    def text(self, value: str) -> str:
        return md_escape(value)

    def strong(self, escaped: str) -> str:
        return f"**{escaped}**"

    def link(self, label: str, url: str) -> str:
        return f"[{md_escape(label)}]({url})"

    def paragraphs(self, parts: Iterable[str]) -> str:
        return "\n\n".join(p for p in parts if p)


class Html(Text):
    """A field the template prints unescaped (``{{{summary}}}``): HTML-escaped text, ``<strong>``, ``<a>``."""

    name = "html"

    def text(self, value: str) -> str:
        return html.escape(value, quote=False)

    def strong(self, escaped: str) -> str:
        return f"<strong>{escaped}</strong>"

    def link(self, label: str, url: str) -> str:
        return f'<a href="{html.escape(url)}">{self.text(label)}</a>'

    def paragraphs(self, parts: Iterable[str]) -> str:
        return "<br>".join(p for p in parts if p)


#: stackoverflow 3.3.0 (src/utils/markdown.ts) turns ``*x*`` into italics when the first ``*`` follows neither a
#: word character nor ``/`` and both are on one line; it has no escape character.
_SO_OPENER = re.compile(r"(?<![/\w])\*")


class StackOverflow(Text):
    """stackoverflow's formatter: HTML is escaped, then ``[t](url)``, ``**b**``, ``*i*`` and bare URLs on one line;
    paragraphs on blank lines. Nothing can be escaped, so text is laid out on lines where no pair of ``*`` meets:
    a newline reads as a space in the page."""

    name = "mini-markdown"

    def text(self, value: str) -> str:
        return _so_break_pairs(value)

    def strong(self, escaped: str) -> str:
        return f"**{escaped}**"

    def link(self, label: str, url: str) -> str:
        return f"[{label}]({url})" if "]" not in label else f"{label} {url}"

    def paragraphs(self, parts: Iterable[str]) -> str:
        return "\n\n".join(p for p in parts if p)

    def authors(self, names: list[str]) -> str:
        # One author a line: a '*' after a bold owner ('</strong>*') would open an italic up to the next mark.
        return ",\n".join(names)

    def legend(self, author_line: str, notes: list[str]) -> str:
        return f"{author_line}\n({'; '.join(notes)})" if notes else author_line


def _so_break_pairs(value: str) -> str:
    """Move a space after each ``*`` that could open an italic onto a new line, so no closing ``*`` follows on
    its line. A pair with no space between (``*word*``) stays: it reads as emphasis there, as the author wrote."""
    out = []
    for line in value.split("\n"):
        pos = 0
        while (match := _SO_OPENER.search(line, pos)) is not None:
            rest = line.find("*", match.end())
            gap = line.find(" ", match.end(), rest if rest >= 0 else len(line))
            if rest < 0:
                break
            if gap < 0:
                pos = rest
                continue
            line = f"{line[:gap]}\n{line[gap + 1:]}"
            pos = gap + 1
        out.append(line)
    return "\n".join(out)


STYLES: dict[str, Text] = {s.name: s for s in (Text(), Markdown(), Html(), StackOverflow())}
