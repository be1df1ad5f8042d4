"""How folded text is spelled for each way a theme prints a text field.

A theme prints a field either as text (HTML-escaped by its template) or through a formatter: CommonMark (even,
elegant), its own mini-Markdown (stackoverflow) or raw HTML (spartan, kendall). The same author list must read
the same in all of them, so every fold builds its text through one of these styles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote

from .._academic import md_escape


def link_target(url: str) -> str:
    """A URL a formatter takes as one link: spaces, parentheses, angle brackets, control and non-ASCII characters
    percent-encoded (a DOI may hold any of them)."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


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

    def marked(self, name: str, mark: str) -> str:
        """A name (in this style) followed by an author mark."""
        return name + mark

    def authors(self, names: list[str]) -> str:
        return ", ".join(names)

    def legend(self, author_line: str, notes: list[str]) -> str:
        return f"{author_line} ({'; '.join(notes)})" if notes else author_line


_MD_LINE_START = re.compile(r"(?m)^([ \t]*)(\d*)([-+=.)])")


class Markdown(Text):
    """CommonMark (even: micromark; elegant: markdown-it with ``breaks``): escaped text, ``**bold**``, links."""

    name = "markdown"
    star = "\\*"

    def text(self, value: str) -> str:
        # md_escape covers inline syntax; '&' would start an entity, and a line starting '- ', '+ ', '1. ' or '='
        # would become a list or a heading.
        escaped = md_escape(value).replace("&", "\\&")
        return _MD_LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}", escaped)

    def strong(self, escaped: str) -> str:
        # '**' next to a space is no emphasis in CommonMark: the spaces of ' name ' stay outside.
        core = escaped.strip()
        if not core:
            return escaped
        start = escaped.index(core)
        return f"{escaped[:start]}**{core}**{escaped[start + len(core):]}"

    def link(self, label: str, url: str) -> str:
        return f"[{md_escape(label)}]({link_target(url)})"

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
        return f'<a href="{html.escape(link_target(url))}">{self.text(label)}</a>'

    def paragraphs(self, parts: Iterable[str]) -> str:
        return "<br>".join(p for p in parts if p)


#: stackoverflow 3.3.0 (src/utils/markdown.ts) turns ``*x*`` into italics when the first ``*`` follows neither a
#: word character nor ``/`` and both are on one line; it has no escape character.
_SO_OPENER = re.compile(r"(?<![/\w])\*", re.ASCII)


class StackOverflow(Text):
    """stackoverflow's formatter: HTML is escaped, then ``[t](url)``, ``**b**``, ``*i*`` and bare URLs on one line;
    paragraphs on blank lines. Nothing can be escaped, so text is laid out on lines where no pair of ``*`` meets:
    a newline reads as a space in the page."""

    name = "mini-markdown"

    def text(self, value: str) -> str:
        return _so_break_pairs(value)

    def strong(self, escaped: str) -> str:
        # '**x***' would bold 'x' and leave the name's own '*' outside: a space keeps it inside.
        return f"**{escaped} **" if escaped.endswith("*") else f"**{escaped}**"

    def link(self, label: str, url: str) -> str:
        target = link_target(url)
        return f"[{label}]({target})" if "]" not in label and "\n" not in label else f"{self.text(label)} {target}"

    def paragraphs(self, parts: Iterable[str]) -> str:
        return "\n\n".join(p for p in parts if p)

    def marked(self, name: str, mark: str) -> str:
        # A '*' in the name that can open an italic would close on the mark: the mark goes to the next line (it
        # then reads 'name *'), the only way this formatter offers.
        last = name.rsplit("\n", 1)[-1].replace("**", "  ")
        opener = _SO_OPENER.search(last)
        return f"{name}\n{mark}" if mark.startswith("*") and opener and "*" not in last[opener.end():] else name + mark

    def authors(self, names: list[str]) -> str:
        # One author a line: a '*' after a bold owner ('</strong>*') would open an italic up to the next mark.
        return ",\n".join(names)

    def legend(self, author_line: str, notes: list[str]) -> str:
        return f"{author_line}\n({'; '.join(notes)})" if notes else author_line


def _so_break_pairs(value: str) -> str:
    """Move a space after each ``*`` that could open an italic onto a new line, so no closing ``*`` follows on
    its line; a pair with no space between (``*word*``) gets a line break before its second ``*``."""
    out = []
    for line in value.split("\n"):
        pos = 0
        while (match := _SO_OPENER.search(line, pos)) is not None:
            rest = line.find("*", match.end())
            gap = line.find(" ", match.end(), rest if rest >= 0 else len(line))
            if rest < 0:
                break
            if gap < 0:
                # No space to turn into a line break: one goes before the closing '*' (it reads as a space).
                line = f"{line[:rest]}\n{line[rest:]}"
                pos = rest + 1
                continue
            line = f"{line[:gap]}\n{line[gap + 1:]}"
            pos = gap + 1
        out.append(line)
    return "\n".join(out)


STYLES: dict[str, Text] = {s.name: s for s in (Text(), Markdown(), Html(), StackOverflow())}
