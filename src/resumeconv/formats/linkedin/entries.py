"""LinkedIn entries both readers (profile text and PDF layout) share: contact lines, languages, degree words."""

from __future__ import annotations

import re
from typing import Any

from ...core import ids
from ...core.losses import LossReport, pointer
from .._linkedin_common import PROFICIENCIES, proficiency

LABEL = re.compile(r"\s*\((?P<label>[A-Za-z][A-Za-z ]*)\)$")
PHONE = re.compile(r"^[+(]*\d[\d ()./+-]{5,}$")
LANGUAGE = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<level>[^()]+)\))?$")
DEGREE = re.compile(r"\b((?:bachelor|master|doctor|diplom|associate|licen[cs]|certific|habilitation|postdoc)\w*|"
                    r"ph\.?\s?d|d\.?phil|m\.?sc|b\.?sc|b\.?a|m\.?a|mba|b\.?s|m\.?s|b\.?eng|m\.?eng)(?!\w)",
                    re.IGNORECASE)


def is_email(value: str) -> bool:
    return "@" in value and not any(c.isspace() for c in value)


def linkedin_slug(url: str) -> str | None:
    match = re.search(r"linkedin\.com/in/([^/?#\s]+)/?$", url)
    return match.group(1) if match else None


def language_item(text: str) -> dict[str, str] | None:
    """A sidebar language line, "French (Professional Working Proficiency)", as a JSON Resume language item.

    Shared by the text reader and the PDF layout reader, so both map LinkedIn's levels the same way.
    """
    match = LANGUAGE.match(text)
    if not match:
        return None
    item = {"language": match["name"].strip()}
    if match["level"]:
        level = proficiency(match["level"])
        item["fluency"] = PROFICIENCIES[level][0] if level is not None else match["level"].strip()
    return item


def contact_entry(doc: dict[str, Any], report: LossReport, entry: str, label: str | None) -> None:
    """One Contact entry (a value and its label) into basics."""
    basics: dict[str, Any] = doc.setdefault("basics", {})
    key = (label or "").lower()
    if "@" in entry and " " not in entry and not label:
        basics.setdefault("email", entry)
    elif PHONE.match(entry):
        basics.setdefault("phone", entry)
        if label:
            report.add(pointer("basics", "phone"), f"phone type '{label}' has no field")
    elif key == "personal" and "url" not in basics:
        basics["url"] = _with_scheme(entry)
    elif key == "linkedin" or (not label and "linkedin.com/in/" in entry):
        profile = {"network": "LinkedIn", "url": _with_scheme(entry)}
        slug = linkedin_slug(entry)
        basics.setdefault("profiles", []).append({**profile, "username": slug} if slug else profile)
    elif re.search(r"orcid\.org/", entry) and ids.is_orcid(entry):
        basics.setdefault("orcid", ids.normalize_orcid(entry))
    elif any(c.isspace() for c in entry):
        report.add(pointer("basics"), f"contact line '{entry}' is neither a phone, an e-mail nor a URL")
    else:
        profile = {"url": _with_scheme(entry)}
        if label and key != "other":
            profile = {"network": label, **profile}
        basics.setdefault("profiles", []).append(profile)


def contact_entries(lines: list[str]) -> list[tuple[str, str | None]]:
    """Contact lines as (value, label) pairs; a wrapped URL or e-mail and a label on its own line are joined."""
    out: list[tuple[str, str | None]] = []
    buffer = ""

    def flush(label: str | None = None) -> None:
        nonlocal buffer
        if buffer:
            out.append((buffer, label))
        elif label and out and out[-1][1] is None:
            out[-1] = (out[-1][0], label)
        buffer = ""

    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        match = LABEL.search(line)
        value = line[:match.start()].strip() if match else line
        if value and buffer and (buffer.endswith(("/", "-")) or ("@" in buffer and _email_tail(value))):
            buffer += value
        elif value:
            flush()
            buffer = value
        if match:
            flush(match["label"])
    flush()
    return out


def _email_tail(value: str) -> bool:
    return " " not in value and "/" not in value and "@" not in value and not value.startswith("www.") \
        and not PHONE.match(value)


def _with_scheme(url: str) -> str:
    return url if re.match(r"^[a-z]+://", url) else f"https://{url}"
