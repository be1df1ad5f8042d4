"""Fields with no Europass element, carried in an entry's rich text as labelled paragraphs and taken back.

A field of our schema whose value is plain text becomes ``<p>Employment type: full-time</p>`` (the label comes
from the schema's field name); anything else becomes ``<p><code>key</code>: JSON</p>``. Our readers take both
back into their fields.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from ...core.losses import LossReport, pointer
from ...schemas import load_schema, resolve
from .publications import parse_authors
from .richtext import Rich, esc, from_html, to_html

#: Separator of list values inside one labelled paragraph.
LIST_SEP = "; "


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
    props: dict[str, Any] = resolve(node.get("items", {})).get("properties", {})
    return props


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
            out.append(f"<p><code>{esc(key)}</code>: {esc(json.dumps(value, ensure_ascii=False))}</p>")
            reason = f"not a field {target} has: written into the description as '{key}: <JSON>'"
        else:
            out.extend(f"<p>{esc(line)}</p>" for line in lines)
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
