"""What both Europass formats (Candidate and v3 SkillsPassport) need: names, rich text, phones, labelled fields.

Europass stores long texts as HTML escaped inside an XML text node. Fields of ours that have no Europass
element are written into that text as labelled paragraphs (``<p>Employment type: full-time</p>``), whose labels
come from the schema's field names, so that our reader can take them back and a person reading the CV sees them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any

from ..core.losses import LossReport, pointer
from ..schemas import load_schema, resolve

#: Separator of list values inside one labelled paragraph.
LIST_SEP = "; "
#: The mark the CV uses for equal contribution, appended to an author's name.
EQUAL_MARK = "*"
#: Social networks the Europass editor knows by code (Communication/UseCode); others are "other".
SOCIAL_CODES = ("facebook", "twitter", "instagram", "linkedin", "youtube", "pinterest", "tumblr")
#: Project types that are talks or tutorials (schema: projects.type) and go to conferences and seminars.
TALK_TYPES = frozenset({"tutorial", "talk", "invited-talk", "keynote", "poster", "panel", "seminar", "presentation",
                        "conference"})
#: Volunteer types that are volunteering proper; other service types are memberships (schema: volunteer.type).
VOLUNTEERING_TYPES = frozenset({"volunteering"})
#: CEFR dimensions, in Europass order (schema: languages.cefr).
CEFR_DIMENSIONS = ("listening", "reading", "spokenInteraction", "spokenProduction", "writing")
CEFR_LEVELS = frozenset({"A1", "A2", "B1", "B2", "C1", "C2"})
#: Words that mark a mother tongue in languages[].fluency.
NATIVE_WORDS = ("native", "mother tongue", "first language")


# ---------------------------------------------------------------- preparing a document

#: Characters XML 1.0 cannot carry (controls other than tab, newline, carriage return; surrogates; U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@cache
def date_fields() -> frozenset[str]:
    """Names of the fields our schema types as partial ISO dates (startDate, releaseDate, date, ...)."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if isinstance(prop, dict) and prop.get("$ref") == "#/definitions/iso8601":
                    names.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema("academic"))
    return frozenset(names)


def prepare(doc: dict[str, Any], report: LossReport, target: str) -> dict[str, Any]:
    """A copy of ``doc`` that XML and Europass can carry: no control characters, only real calendar dates."""
    from ..core.dates import is_iso

    def clean(value: Any, ptr: str, key: str | None) -> Any:
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if v is None or (isinstance(v, (str, list, dict)) and not v):
                    report.add(f"{ptr}{pointer(k)}", "empty: left out", "normalization")
                    continue
                if k in date_fields() and not is_iso(v):
                    report.add(f"{ptr}{pointer(k)}", "not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD): left out")
                    continue
                out[k] = clean(v, f"{ptr}{pointer(k)}", k)
            return out
        if isinstance(value, list):
            return [clean(v, f"{ptr}/{i}", None) for i, v in enumerate(value)]
        if isinstance(value, str) and _NOT_XML.search(value):
            report.add(ptr, f"{target} (XML) cannot carry control characters: removed", "normalization")
            return _NOT_XML.sub("", value)
        return value

    return clean(doc, "", None)


def is_talk(project: dict[str, Any]) -> bool:
    """A talk or tutorial (Europass: conferences and seminars) rather than a project."""
    return project.get("type") in TALK_TYPES


def is_volunteering(item: dict[str, Any]) -> bool:
    """Volunteering proper (Europass: voluntary work) rather than academic service (memberships)."""
    return item.get("type") in VOLUNTEERING_TYPES or not item.get("type")


def is_mother_tongue(item: dict[str, Any]) -> bool:
    """A language the CV calls native, with no CEFR levels: Europass lists it as a mother tongue."""
    return is_native(item.get("fluency")) and not item.get("cefr") and bool(item.get("language"))


def order_note(items: list[Any], first: Any, ptr: str, report: LossReport, target: str, what: str) -> None:
    """A normalization when a section is split in two places and its entries come back in another order."""
    flags = [bool(first(i)) for i in items if isinstance(i, dict)]
    if flags != sorted(flags, reverse=True):
        report.add(ptr, f"{target} keeps {what} apart: the entries come back grouped in that order",
                   "normalization")


# ---------------------------------------------------------------- names

def split_name(name: str) -> tuple[str, str]:
    """(given names, family name): the family name is the last word, as Western CVs print it."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    return " ".join(words[:-1]), words[-1]


def join_name(given: str | None, family: str | None) -> str:
    return " ".join(p.strip() for p in (given, family) if p and p.strip())


# ---------------------------------------------------------------- rich text

def to_html(paragraphs: Iterable[str] = (), bullets: Iterable[str] = ()) -> str:
    """Paragraphs then a bullet list, as the Europass editor's rich text (escaped once more by the XML writer)."""
    out = "".join(f"<p>{_esc(p)}</p>" for p in paragraphs if p)
    items = [b for b in bullets if b]
    if items:
        out += "<ul>" + "".join(f"<li>{_esc(b)}</li>" for b in items) + "</ul>"
    return out


def _esc(text: str) -> str:
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
        self._before = ""
        self._code: list[str] | None = None
        self._key: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("p", "li", "div", "ul", "ol"):
            self._flush()
        if tag == "li":
            self._in_li += 1
        elif tag == "br":
            self._buf.append(_BR)
        elif tag == "code" and not "".join(self._buf).strip():
            self._code = []
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
def _html_parser():
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


# ---------------------------------------------------------------- phones

def split_phone(text: str) -> tuple[str, str, str | None] | None:
    """(country dialling code, national number, ISO region or None) of a free-text phone with a +code.

    None when the number names no country code: Europass needs one and we do not guess it.
    """
    import phonenumbers

    cleaned = re.sub(r"^\(\s*(\+|00)\s*(\d{1,3})\s*\)", r"+\2 ", text.strip())
    cleaned = re.sub(r"^00(?=\d)", "+", cleaned)
    if not cleaned.startswith("+"):
        return None
    try:
        number = phonenumbers.parse(cleaned, None)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    national = phonenumbers.national_significant_number(number)
    return str(number.country_code), national, (region if region and region != "ZZ" else None)


def join_phone(dial: str | None, number: str | None) -> str | None:
    if not number:
        return None
    return f"+{dial} {number}" if dial else number


# ---------------------------------------------------------------- labelled fields

@cache
def label_for(*names: str) -> str:
    """'employmentType' -> 'Employment type'; nested names join: ('venue', 'short') -> 'Venue short'."""
    words = " ".join(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", n) for n in names).lower()
    return words[:1].upper() + words[1:]


@cache
def item_properties(path: tuple[str, ...]) -> dict[str, Any]:
    """Properties of the items of an array at ``path`` in our schema, e.g. ('work',) or ('meta', 'mentees')."""
    node: dict[str, Any] = load_schema("academic")
    for part in path:
        node = resolve(node["properties"][part])
    return resolve(node.get("items", {})).get("properties", {})


@cache
def _labels(path: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Lower-case label -> field path, for the fields of a section's items and one level below objects."""
    out: dict[str, tuple[str, ...]] = {}
    for name, prop in item_properties(path).items():
        out[label_for(name).lower()] = (name,)
        sub = resolve(prop)
        for subname in sub.get("properties", {}) if sub.get("type") == "object" else ():
            out[label_for(name, subname).lower()] = (name, subname)
    return out


@cache
def _is_array(path: tuple[str, ...], field: tuple[str, ...]) -> bool:
    prop = item_properties(path).get(field[0], {})
    if len(field) > 1:
        prop = resolve(prop).get("properties", {}).get(field[1], {})
    return resolve(prop).get("type") == "array"


def carry_extras(item: dict[str, Any], mapped: Iterable[str], base: str, report: LossReport,
                 target: str, reasons: dict[str, str] | None = None) -> list[str]:
    """HTML paragraphs for every field of ``item`` not in ``mapped``, reported as normalizations.

    A field of our schema whose value is text (or a list of texts) gets a readable label: ``Employment type:
    full-time; internship``. Any other value, unknown fields included, is written as ``<code>key</code>: JSON``,
    so that our reader gives it back exactly. ``reasons`` gives better-worded reasons for some fields.
    """
    done = set(mapped)
    path = path_of(base)
    out: list[str] = []
    for key, value in item.items():
        if key in done or value is None:
            continue
        lines = _labelled(path, key, value)
        if lines is None:
            out.append(f"<p><code>{_esc(key)}</code>: {_esc(json.dumps(value, ensure_ascii=False))}</p>")
            reason = f"not a field {target} has: written into the description as '{key}: <JSON>'"
        else:
            out.extend(f"<p>{_esc(line)}</p>" for line in lines)
            reason = f"{target} has no field for it: written into the description as '{label_for(key)}: ...'"
        report.add(f"{base}{pointer(key)}", (reasons or {}).get(key) or reason, "normalization")
    return out


def path_of(ptr: str) -> tuple[str, ...]:
    """The schema path of the item a pointer names: '/meta/mentees/2' -> ('meta', 'mentees')."""
    return tuple(p for p in ptr.strip("/").split("/") if p and not p.isdigit())


def _labelled(path: tuple[str, ...], key: str, value: Any) -> list[str] | None:
    """'Label: value' lines when the field is ours and its value is text that reads back the same; else None."""
    props = item_properties(path) if path and path[0] in load_schema("academic")["properties"] else {}
    if key not in props:
        return None
    prop = resolve(props[key])
    if isinstance(value, str) and prop.get("type") == "string" and _plain(value):
        return [f"{label_for(key)}: {value}"]
    if isinstance(value, list) and prop.get("type") == "array" and value and \
            all(isinstance(v, str) and _plain(v) and LIST_SEP.strip() not in v for v in value):
        return [f"{label_for(key)}: {LIST_SEP.join(value)}"]
    subs = prop.get("properties", {}) if prop.get("type") == "object" else {}
    if isinstance(value, dict) and value and all(k in subs and isinstance(v, str) and _plain(v)
                                                 for k, v in value.items()):
        return [f"{label_for(key, k)}: {v}" for k, v in value.items()]
    return None


def _plain(text: str) -> bool:
    """Text that survives a paragraph unchanged: not empty, no outer or doubled spaces, no line breaks."""
    return bool(text) and text == text.strip() and "\n" not in text and "  " not in text


def take_extras(paragraphs: list[str], path: tuple[str, ...], item: dict[str, Any]) -> list[str]:
    """Put labelled paragraphs whose label names a field of ``path`` items back into ``item``; return the rest."""
    labels = _labels(path)
    rest: list[str] = []
    for para in paragraphs:
        label, sep, value = para.partition(": ")
        field = labels.get(label.strip().lower()) if sep and "\n" not in label else None
        if field is None or not value.strip() or (_has(item, field) and not _refines(item, field, value.strip())):
            rest.append(para)
            continue
        parsed: Any = [v.strip() for v in value.split(LIST_SEP.strip()) if v.strip()] \
            if _is_array(path, field) else value.strip()
        if len(field) == 1:
            item[field[0]] = parsed
        else:
            item.setdefault(field[0], {})[field[1]] = parsed
    return rest


def _refines(item: dict[str, Any], field: tuple[str, ...], value: str) -> bool:
    """True when a labelled value is a more precise form of what an element gave (2019 -> 2019-03)."""
    current = item.get(field[0]) if len(field) == 1 else None
    return isinstance(current, str) and value != current and value.startswith(current)


def _has(item: dict[str, Any], field: tuple[str, ...]) -> bool:
    value = item.get(field[0])
    return value is not None and (len(field) == 1 or (isinstance(value, dict) and field[1] in value))


def rich_text(item: dict[str, Any], ptr: str, mapped: set[str], text_key: str | None, bullets_key: str | None,
              report: LossReport, target: str, reasons: dict[str, str] | None = None) -> str:
    """An entry's rich text: its text field, then its other unmapped fields, then its bullets."""
    paragraphs = [item[text_key]] if text_key and isinstance(item.get(text_key), str) else []
    bullets = item.get(bullets_key) if bullets_key else None
    bullets = bullets if isinstance(bullets, list) and all(isinstance(b, str) for b in bullets) else []
    taken = mapped | {k for k, used in ((text_key, paragraphs), (bullets_key, bullets)) if k and used}
    extras = carry_extras(item, taken, ptr, report, target, reasons)
    return to_html(paragraphs) + "".join(extras) + to_html(bullets=bullets)


def take_rich(text: str | None, path: tuple[str, ...], item: dict[str, Any], text_key: str | None,
              bullets_key: str | None = None) -> list[str]:
    """Read an entry's rich text back into ``item``; returns the text that found no field."""
    rich = from_html(text)
    rest = take_coded(rich, item)
    rest += take_extras(rich.paragraphs, path, item)
    if bullets_key and rich.bullets:
        item[bullets_key] = rich.bullets
    else:
        rest.extend(rich.bullets)
    if rest and text_key:
        item[text_key] = "\n".join(rest)
        rest = []
    retype(item, path)
    return rest


def take_coded(rich: Rich, item: dict[str, Any]) -> list[str]:
    """Fields carried as ``key: JSON`` go back into ``item``; a value that is not JSON stays text."""
    rest = []
    for key, raw in rich.coded:
        try:
            value = json.loads(raw)
        except ValueError:
            rest.append(f"{key}: {raw}")
            continue
        if isinstance(item.get(key), dict) and isinstance(value, dict):
            item[key].update(value)
        else:
            item[key] = value
    return rest


def retype(item: dict[str, Any], path: tuple[str, ...]) -> None:
    """Values read back from text get their schema type again: numbers (metrics) and mentee affiliations."""
    props = item_properties(path)
    for key, value in list(item.items()):
        kind = props.get(key, {}).get("type")
        if isinstance(value, str) and kind in ("number", "integer"):
            try:
                item[key] = int(value) if value.lstrip("-").isdigit() else float(value)
            except ValueError:
                continue
        elif key == "affiliations" and isinstance(value, list):
            item[key] = [_affiliation(v) if isinstance(v, str) else v for v in value]
        elif key == "authors" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            item[key] = parse_authors(LIST_SEP.join(value))


def affiliation_text(affiliation: dict[str, Any]) -> str:
    """'Undergraduate@USTC', the CV's own way of writing a mentee's role and institution."""
    role, institution = affiliation.get("role"), affiliation.get("institution")
    return f"{role}@{institution}" if role else str(institution)


def _affiliation(text: str) -> dict[str, str]:
    role, sep, institution = text.partition("@")
    return {"role": role, "institution": institution} if sep else {"institution": text}


def put(item: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` only when there is a value: readers never write empty fields."""
    if value:
        item[key] = value


# ---------------------------------------------------------------- publications

def author_names(authors: list[dict[str, Any]]) -> list[str]:
    """Printed author names, in order, with the equal-contribution mark."""
    return [str(a.get("name", "")) + (EQUAL_MARK if a.get("equalContribution") else "") for a in authors
            if isinstance(a, dict)]


def author_losses(authors: list[Any], ptr: str, kept: set[str], report: LossReport, target: str) -> None:
    """A loss for every author detail other than those in ``kept`` (the printed name always is)."""
    for j, author in enumerate(authors):
        for key in author if isinstance(author, dict) else ():
            if key != "name" and key not in kept:
                report.add(f"{ptr}/{j}/{key}", f"{target} keeps authors as printed names only")


def parse_authors(text: str, bold: Iterable[tuple[str, int]] = ()) -> list[dict[str, Any]]:
    """Authors from an 'A; B*; C' list (or 'A, B, C' when there is no semicolon); bold names are the owner."""
    owners = {(b.rstrip(EQUAL_MARK).strip(), n) for b, n in bold}
    parts = text.split(";") if ";" in text else text.split(",")
    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for part in (p.strip() for p in parts):
        if not part:
            continue
        author: dict[str, Any] = {"name": part.rstrip(EQUAL_MARK).strip()}
        if part.endswith(EQUAL_MARK):
            author["equalContribution"] = True
        if (author["name"], seen.get(author["name"], 0)) in owners:
            author["self"] = True
        seen[author["name"]] = seen.get(author["name"], 0) + 1
        out.append(author)
    return out


def citation_html(pub: dict[str, Any]) -> str:
    """One citation paragraph: authors (owner in bold, equal-contribution marks kept), title, venue and year."""
    authors = [a for a in pub.get("authors", []) if isinstance(a, dict)]
    names = [("<strong>{}</strong>" if a.get("self") else "{}").format(_esc(n))
             for a, n in zip(authors, author_names(authors), strict=True)]
    parts = [", ".join(names)] if names else []
    if pub.get("name"):
        parts.append(_esc(pub["name"]))
    venue = pub.get("venue") if isinstance(pub.get("venue"), dict) else {}
    name = " ".join(v for v in (venue.get("name"), venue.get("short") and f"({venue['short']})") if v)
    where = ", ".join(_esc(v) for v in (name, pub.get("publisher"), (pub.get("releaseDate") or "")[:4]) if v)
    if where:
        parts.append(f"<em>{where}</em>" if name else where)
    text = ". ".join(p.rstrip(".") for p in parts if p)
    return f"<p>{text}</p>" if text else ""


# ---------------------------------------------------------------- languages

def is_native(fluency: Any) -> bool:
    return isinstance(fluency, str) and any(w in fluency.lower() for w in NATIVE_WORDS)
