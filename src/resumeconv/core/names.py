"""Person names: one parser and one set of renderings, so every format splits a name the same way.

A CV keeps an author as one printed string ("Martin Luther King Jr.", "Zhang, Yihua", "de la Cruz, María José",
"Bill & Melinda Gates Foundation", "王小明"). :func:`parse` turns it into a :class:`Person` once; BibTeX, CSL,
Europass and the citation keys render that value, and the BibTeX and CSL readers turn what they read back into it.
Organisations and names that cannot be split honestly are kept whole (``literal``): a wrong family name is worse
than none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

#: Name suffixes (BibTeX's "Jr" part, CSL's ``suffix``).
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "2nd", "3rd", "phd", "ph.d."})
#: Lower-case words that start a family name without being sorted under it (BibTeX's "von" part).
PARTICLES = frozenset({"van", "von", "de", "der", "den", "di", "da", "du", "le", "la", "del", "della", "des",
                       "ten", "ter", "dos", "das", "do", "al", "el", "bin", "ibn", "zu", "zum", "zur", "op",
                       "'t", "d'", "y", "vom", "af", "av", "st.", "lo", "degli", "dei"})
#: Words that make a name an organisation's.
_ORGANISATION = frozenset({
    "consortium", "collaboration", "group", "team", "committee", "project", "institute", "institut", "university",
    "universität", "université", "universidad", "università", "college", "school", "association", "society",
    "foundation", "stiftung", "fondation", "council", "organization", "organisation", "network", "center", "centre",
    "laboratory", "laboratories", "lab", "labs", "agency", "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "corporation",
    "corp.", "company", "initiative", "alliance", "department", "ministry", "office", "board", "working",
    "contributors", "authors", "developers", "community", "academy", "federation", "union", "bureau", "program",
    "programme",
})
#: Words that join two names into one body ("Bill & Melinda Gates Foundation", "Research and Development").
_CONNECTORS = frozenset({"&", "and", "und", "et"})
_INITIALS = re.compile(r"^(?:[A-Z]\.?(?:-?[A-Z]\.?)*|[A-Z]{1,3})$")
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")
_HANGUL = re.compile(r"^[\uac00-\ud7af]+$")
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+$")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: Two-character Chinese family names (the common ones); any other Han name of 2-3 characters has a one-character
#: family name, and a 4-character one a two-character family name.
_COMPOUND_HAN = frozenset({
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫",
    "令狐", "慕容", "夏侯", "尉迟", "尉遲", "公孙", "公孫", "长孙", "長孫", "宇文",
    "司徒", "澹台", "独孤", "獨孤", "端木", "南宫", "南宮", "西门", "西門", "轩辕",
    "軒轅",
})
_AND_WORD = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    """A name split as BibTeX and CSL split it; ``literal`` alone for an organisation or an unsplittable name."""

    given: str = ""
    family: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def family_full(self) -> str:
        """The family name with its particle ("de la Cruz"), or the literal: what Europass and keys use."""
        return self.literal or " ".join(p for p in (self.particle, self.family) if p)

    @property
    def cjk(self) -> bool:
        return bool(_CJK.search(self.family)) and not _LATIN.search(self.family + self.given)


def is_organisation(text: str) -> bool:
    """Whether a printed name is an organisation's: a body word ("Foundation", "University", "Team") or two
    names joined by "&", "and", "und"."""
    words = text.replace(",", " ").split()
    if any(w.lower() in _ORGANISATION for w in words):
        return True
    return len(words) > 2 and any(w.lower() in _CONNECTORS for w in words[1:-1])


def parse(text: str) -> Person:
    """The parts of a printed name: "First von Last Jr.", "von Last, First", "von Last, Jr., First",
    "Last, First Jr.", initials either side ("Y. Zhang", "Zhang Y"), CJK family-first names, organisations."""
    text = " ".join(str(text).split())
    if not text:
        return Person()
    if is_organisation(text):
        return Person(literal=text)
    if _CJK.search(text) and not _LATIN.search(text):
        return _cjk(text)
    parts = [p.strip() for p in text.split(",")]
    if len(parts) == 3 and all(parts):
        return _with_suffix(_von_last(parts[0]), suffix=parts[1], given=parts[2])
    if len(parts) == 2 and all(parts):
        left, right = parts
        if right.lower() in SUFFIXES:  # "Martin Luther King, Jr."
            return _with_suffix(_first_von_last(left.split()), suffix=right)
        if _INITIALS.match(left) and not _INITIALS.match(right):  # "Y, Chen": an initial typed with a comma
            return _first_von_last([left, *right.split()])
        given = right.split()
        suffix = given.pop() if len(given) > 1 and given[-1].lower() in SUFFIXES else ""
        return _with_suffix(_von_last(left), suffix=suffix, given=" ".join(given))
    if len(parts) > 1:
        return Person(literal=text)
    return _first_von_last(text.split())


def _with_suffix(person: Person, *, suffix: str = "", given: str | None = None) -> Person:
    return Person(given=person.given if given is None else given, family=person.family, particle=person.particle,
                  suffix=suffix or person.suffix, literal=person.literal)


def _von_last(text: str) -> Person:
    """"de la Cruz" -> particle "de la", family "Cruz": leading lower-case particles are the von part."""
    words = text.split()
    start = 0
    while start < len(words) - 1 and _is_particle(words[start]):
        start += 1
    return Person(family=" ".join(words[start:]), particle=" ".join(words[:start]))


def _first_von_last(words: list[str]) -> Person:
    if len(words) == 1:
        return Person(family=words[0])
    suffix = ""
    if len(words) > 2 and words[-1].lower() in SUFFIXES:
        suffix = words.pop()
    if len(words) == 2 and _INITIALS.match(words[1]) and not _INITIALS.match(words[0]):  # "Zhang Y", "Zhang YH"
        return Person(given=words[1], family=words[0], suffix=suffix)
    last = len(words) - 1
    # A capitalised particle just before the last word belongs to the family name ("Jean-Claude Van Damme").
    while last > 1 and words[last - 1].lower() in PARTICLES and not _is_particle(words[last - 1]):
        last -= 1
    start = last
    while start > 1 and _is_particle(words[start - 1]):
        start -= 1
    return Person(given=" ".join(words[:start]), particle=" ".join(words[start:last]),
                  family=" ".join(words[last:]), suffix=suffix)


def _is_particle(word: str) -> bool:
    return word.lower() in PARTICLES and word[:1].islower()


def _cjk(text: str) -> Person:
    """Family name first, as CJK names are written: the first word when spaced; unspaced Hangul and Han names
    by length (two-character Chinese family names known); kana or anything else kept whole."""
    words = text.split()
    if len(words) == 2:
        return Person(given=words[1], family=words[0])
    if len(words) == 1 and 2 <= len(text) <= 4 and (_HANGUL.match(text) or _HAN.match(text)):
        cut = 2 if len(text) == 4 or text[:2] in _COMPOUND_HAN else 1
        return Person(given=text[cut:], family=text[:cut])
    return Person(literal=text)


# ------------------------------------------------------------------------------------------------- renderings

def display(person: Person) -> str:
    """The name as a CV prints it: "Martin Luther King Jr.", "María José de la Cruz", "王小明"."""
    if person.literal:
        return person.literal
    if person.cjk:
        return person.family + person.given if not _LATIN.search(person.given) else \
            f"{person.family} {person.given}".strip()
    text = " ".join(p for p in (person.given, person.particle, person.family) if p)
    return f"{text} {person.suffix}" if person.suffix else text


def to_csl(person: Person) -> dict[str, str]:
    """A CSL name: ``family``/``given`` with ``non-dropping-particle`` and ``suffix``, or ``literal``."""
    if person.literal or not person.family:
        return {"literal": person.literal or person.given}
    out = {"family": person.family}
    if person.given:
        out["given"] = person.given
    if person.particle:
        out["non-dropping-particle"] = person.particle
    if person.suffix:
        out["suffix"] = person.suffix
    return out


def from_csl(name: dict[str, object]) -> Person:
    """A CSL name as a Person (``dropping-particle`` and ``non-dropping-particle`` both read as the particle)."""
    def text(key: str) -> str:
        value = name.get(key)
        return " ".join(value.split()) if isinstance(value, str) else ""

    if text("literal"):
        return Person(literal=text("literal"))
    particle = " ".join(p for p in (text("dropping-particle"), text("non-dropping-particle")) if p)
    if particle and not particle[:1].islower():  # a capitalised particle sorts with the name ("Van Damme")
        return Person(given=text("given"), family=f"{particle} {text('family')}".strip(), suffix=text("suffix"))
    return Person(given=text("given"), family=text("family"), particle=particle, suffix=text("suffix"))


def to_europass(person: Person) -> tuple[str, str]:
    """(given names, family name) for Europass, which has no particle or suffix field: both stay in the family
    name ("de la Cruz", "King Jr.")."""
    if person.literal:
        return "", person.literal
    family = " ".join(p for p in (person.particle, person.family, person.suffix) if p)
    return person.given, family


def sort_key(person: Person) -> str:
    """The ASCII, lower-case family name (the literal for organisations) for citation keys and matching;
    empty when nothing ASCII is left (CJK)."""
    folded = unicodedata.normalize("NFKD", person.family or person.literal).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def to_bibtex(person: Person, escape: Callable[[str], str]) -> str:
    """One name for a BibTeX ``author`` field, as BibTeX, biber, pybtex and bibtexparser split it:
    ``von Last, Jr., First`` (the comma forms are the unambiguous ones), an organisation braced whole.

    ``escape`` is the writer's character escaping. A lone "and" is braced so that no reader splits there
    (ORCID's importer splits on every " and ", braced or not: ``{Bill {and} Melinda Gates Foundation}``).
    """
    if person.literal:
        return "{" + _brace_and(escape(person.literal)) + "}"
    family = _brace_and(escape(person.family))
    if any(w[:1].islower() for w in person.family.split()) or "," in person.family:
        family = "{" + family + "}"  # a lower-case word inside it would otherwise read as a particle
    last = f"{escape(person.particle)} {family}" if person.particle else family
    pieces = [last]
    if person.suffix:
        pieces += [escape(person.suffix), _brace_and(escape(person.given))]
    elif person.given:
        pieces.append(_brace_and(escape(person.given)))
    return ", ".join(pieces)


def bibtex_name(text: str, escape: Callable[[str], str]) -> str:
    """A CV's printed name for an ``author`` field: as typed when BibTeX splits it as :func:`parse` does (so
    ORCID's importer, which does not reorder names, shows it as typed), else in :func:`to_bibtex`'s form."""
    person = parse(text)
    text = " ".join(text.split())
    if not person.literal and "{" not in text and "}" not in text and from_bibtex(text, str) == person:
        return _brace_and(escape(text))
    return to_bibtex(person, escape)


def _brace_and(text: str) -> str:
    return _AND_WORD.sub(lambda m: "{" + m.group(0) + "}", text)


def from_bibtex(raw: str, decode: Callable[[str], str]) -> Person:
    """One name of a BibTeX ``author`` field (already split on " and ") as BibTeX reads it: a name wholly in
    braces is a literal; ``von Last, First``, ``von Last, Jr, First`` and ``First von Last`` by BibTeX's rules
    (the von part is the lower-case words). ``decode`` turns a LaTeX piece into text."""
    raw = raw.strip()
    if raw.startswith("{") and raw.endswith("}") and _balanced(raw[1:-1]):
        inner = decode(raw[1:-1])
        return Person(literal=inner) if " " in inner or "," in inner else Person(family=inner)
    parts = _top_level(raw, ",")
    if len(parts) == 1:
        words = _top_level(raw, " ")
        return _bibtex_first_von_last([w for w in words if w], decode)
    given = decode(parts[-1]) if len(parts) > 1 else ""
    suffix = decode(parts[1]) if len(parts) == 3 else ""
    words = [w for w in _top_level(parts[0], " ") if w]
    start = 0
    while start < len(words) - 1 and words[start][:1].islower():
        start += 1
    return Person(given=given, family=decode(" ".join(words[start:])), particle=decode(" ".join(words[:start])),
                  suffix=suffix)


def _bibtex_first_von_last(words: list[str], decode: Callable[[str], str]) -> Person:
    if not words:
        return Person()
    von = [i for i, w in enumerate(words[:-1]) if w[:1].islower() and i > 0]
    if not von:
        return Person(given=decode(" ".join(words[:-1])), family=decode(words[-1]))
    first, last = von[0], von[-1] + 1
    return Person(given=decode(" ".join(words[:first])), particle=decode(" ".join(words[first:last])),
                  family=decode(" ".join(words[last:])))


def _top_level(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` outside braces, pieces stripped."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0
