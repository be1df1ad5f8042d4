"""Citation keys: one scheme and one disambiguation for ``bibtex``, ``orcid-bibtex`` and CSL-JSON ids.

The key is the first author's family name (ASCII-folded, as :mod:`core.names` splits it), the year, and the
first significant word of the title: ``king2021dream``. Keys taken twice get ``a``, ``b``, ... appended in
document order, so the same CV gives the same keys in every format. Only ``[a-z0-9]`` ever appear: a date that
is not a date gives no year rather than a piece of text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from . import names

#: Title words a key skips (articles, prepositions) besides words of three letters or fewer.
_STOP_WORDS = frozenset({"with", "from", "into", "over", "under", "about", "towards", "toward", "through",
                         "between", "without", "their", "this", "that", "these", "when", "what", "where"})
#: Long organisation names make long keys: the family part stops at this many characters.
MAX_NAME = 20


def ascii_word(text: str) -> str:
    """``text`` folded to lower-case ASCII letters and digits ("Müller" -> "muller", "王" -> "")."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def year_of(value: Any) -> str:
    """The four-digit year of a release date (ISO, or a human form such as "Aug 2018"); "" when unreadable."""
    from . import dates

    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if dates.year_number(value) else ""
    if not isinstance(value, str):
        return ""
    iso = value.strip() if dates.is_iso(value.strip()) else dates.parse_human(value)
    return str(dates.parts(iso)[0]) if iso else ""


def base_key(pub: Mapping[str, Any]) -> str:
    """The key before disambiguation: family name + year + first significant title word (``anon`` when the
    first author has no ASCII family name and the title no word)."""
    authors = pub.get("authors")
    first = authors[0] if isinstance(authors, list) and authors and isinstance(authors[0], Mapping) else {}
    person = names.parse(str(first.get("name") or ""))
    family = names.sort_key(person)[:MAX_NAME]
    words = [w for w in (ascii_word(w) for w in str(pub.get("name") or "").split())
             if len(w) > 3 and w not in _STOP_WORDS]
    return (family or "anon") + year_of(pub.get("releaseDate")) + (words[0] if words else "")


def suffix(n: int) -> str:
    """The n-th disambiguation suffix: 1 -> "a", 26 -> "z", 27 -> "aa"."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(97 + rem) + out
    return out


class Keys:
    """Hands out unique keys for the publications of one document, in order."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def key(self, pub: Mapping[str, Any]) -> str:
        base = base_key(pub)
        key, n = base, 0
        while key in self.taken:
            n += 1
            key = base + suffix(n)
        self.taken.add(key)
        return key


def all_keys(pubs: Any) -> list[str]:
    """The key of every publication of a document's ``publications`` list (non-objects get none)."""
    keys = Keys()
    return [keys.key(p) for p in pubs if isinstance(p, Mapping)] if isinstance(pubs, list) else []


def is_derived(value: Any, pub: Mapping[str, Any]) -> bool:
    """Whether an id is the key this scheme makes for ``pub`` (disambiguated or not): it then carries nothing."""
    return isinstance(value, str) and re.fullmatch(re.escape(base_key(pub)) + "[a-z]*", value) is not None
