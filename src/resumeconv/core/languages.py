"""Languages: one reading of the language names CVs write, CEFR levels and mother tongues, and the CV's own language.

``lookup`` turns a name in any common spelling ("English", "Français", "Deutsch", "español", "中文", "Mandarin") or
an ISO 639 code ("en", "fre", "deu") into its ISO 639-3 code (with the 639-1 and 639-2/B codes where they exist).
The names come from maintained tables, never guesses: pycountry's ISO 639-3 names in English and its translations
of them into about a hundred languages (the endonyms among them). A name two languages share is not taken, and a
name no table has ("Klingonese", "Sign") has no code: formats keep it as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..schemas.vocab import CEFR_DIMENSIONS, CEFR_LEVELS

__all__ = ["CEFR_DIMENSIONS", "CEFR_LEVELS", "Language", "cefr_level", "detect", "from_code", "is_native", "lookup"]

#: Names CVs use that ISO 639-3 spells otherwise (ISO: "Mandarin Chinese", "Modern Greek (1453-)", "Persian").
ALIASES = {"mandarin": "cmn", "cantonese": "yue", "farsi": "fas", "greek": "ell", "castilian": "spa",
           "flemish": "nld", "filipino": "fil", "swahili": "swa", "malay": "msa",
           "slovene": "slv", "punjabi": "pan"}
#: The name a code reads back as where ISO's is not the one CVs use ("Modern Greek (1453-)", "Yue Chinese").
NAMES = {"ell": "Greek", "yue": "Cantonese", "cmn": "Mandarin", "msa": "Malay", "swa": "Swahili"}


@dataclass(frozen=True)
class Language:
    """One ISO 639 language: its ISO 639-3 code, the 639-1 and 639-2/B codes when it has them, its English name."""

    alpha_3: str
    alpha_2: str | None
    bibliographic: str | None
    name: str


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _short(name: str) -> str:
    """'Modern Greek' for 'Modern Greek (1453-)', 'Malay' for 'Malay (macrolanguage)'."""
    return re.sub(r"\s*\([^)]*\)$", "", name).strip()


def _language(record: Any) -> Language:
    code = str(record.alpha_3)
    return Language(code, getattr(record, "alpha_2", None), getattr(record, "bibliographic", None),
                    NAMES.get(code) or _short(str(record.name)))


@cache
def _codes() -> dict[str, Language]:
    """Every ISO 639-1, 639-2/B and 639-3 code -> its language."""
    import pycountry

    table: dict[str, Language] = {}
    for record in pycountry.languages:
        language = _language(record)
        for code in (language.alpha_3, language.alpha_2, language.bibliographic):
            if code:
                table.setdefault(code, language)
    return table


def _add(table: dict[str, Language | None], names: Iterator[tuple[str, Language]]) -> None:
    """Names into ``table`` unless it has them already. A name two languages share in this batch is dropped, unless
    only one of them has an ISO 639-1 code ('Swahili': the macrolanguage swa, not the individual language swh)."""
    batch: dict[str, list[Language]] = {}
    for name, language in names:
        key = _key(name)
        if len(key) >= 2 and key not in table and language not in batch.setdefault(key, []):
            batch[key].append(language)
    for key, found in batch.items():
        major = [lang for lang in found if lang.alpha_2]
        table[key] = found[0] if len(found) == 1 else major[0] if len(major) == 1 else None


@cache
def _english() -> dict[str, Language | None]:
    """English names (ISO 639-3 names, inverted and common names, without '(macrolanguage)'), and ``ALIASES``."""
    import pycountry

    codes = _codes()
    table: dict[str, Language | None] = {}
    _add(table, ((name, codes[code]) for name, code in ALIASES.items() if code in codes))
    records = list(pycountry.languages)

    def names() -> Iterator[tuple[str, Language]]:
        for record in records:
            for attr in ("name", "inverted_name", "common_name"):
                value = getattr(record, attr, None)
                if value:
                    yield str(value), codes[record.alpha_3]

    _add(table, names())
    _add(table, ((_short(n), lang) for n, lang in names()))
    return table


@cache
def _translated() -> dict[str, Language | None]:
    """The names of the ISO 639-1 languages in every language pycountry translates them into ('Deutsch',
    'Allemand', '中文'); a name two languages share in these tables is dropped."""
    import gettext
    import os

    import pycountry

    codes = _codes()
    english = {str(r.alpha_3): str(r.name) for r in pycountry.languages if getattr(r, "alpha_2", None)}
    major = [codes[code] for code in sorted(english)]
    table: dict[str, Language | None] = {}
    pairs: list[tuple[str, Language]] = []
    root = pycountry.LOCALES_DIR
    for locale in sorted(os.listdir(root)):
        path = os.path.join(root, locale, "LC_MESSAGES", "iso639-3.mo")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        for lang in major:
            source = english[lang.alpha_3]
            text = catalog.gettext(source)
            if text == source:
                continue
            for part in re.split(r"[;,]", text):
                if part.strip():
                    pairs.extend([(part, lang), (_short(part), lang)])
    _add(table, iter(pairs))
    return table


def from_code(code: Any) -> Language | None:
    """The language of an ISO 639-1, 639-2 (B or T) or 639-3 code ('it', 'fre', 'deu', 'cmn'); None otherwise."""
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}", code.strip()):
        return None
    return _codes().get(code.strip().lower())


def lookup(text: Any) -> Language | None:
    """The language a CV's language field names ('English', 'Français', 'deutsch', '中文', 'Mandarin', 'en', 'fre');
    None when no table has the name or two languages share it."""
    if not isinstance(text, str) or not text.strip():
        return None
    if re.fullmatch(r"[A-Za-z]{2,3}", text.strip()) and from_code(text):
        return from_code(text)
    key = _key(text)
    for table in (_english, _translated):
        if key in table():
            return table()[key]
    return None


# ---------------------------------------------------------------- levels and mother tongues

#: How CVs say "mother tongue" in languages[].fluency, lower case (English, French, German, Spanish, Italian,
#: Portuguese, Dutch, Polish, Swedish, Danish, Finnish, Czech, Hungarian, Greek, Russian, Chinese, Japanese,
#: Korean).
NATIVE_WORDS = ("native", "mother tongue", "first language", "langue maternelle", "muttersprache",
                "lengua materna", "idioma nativo", "nativo", "nativa", "madrelingua", "lingua madre",
                "língua materna", "lingua materna", "moedertaal", "język ojczysty", "modersmål",
                "modersmaal", "äidinkieli", "mateřský jazyk", "anyanyelv", "μητρική", "родной", "母语", "母語",
                "母国語", "원어민", "모국어")
_NOT_NATIVE = re.compile(r"\bnon[- ]?native\b|\bnicht\b|\bno nativ", re.IGNORECASE)
_LEVEL = re.compile(r"(?<![A-Za-z0-9])([ABC][12])(?![0-9])")


def is_native(fluency: Any) -> bool:
    """Whether a fluency names a mother tongue ('Native speaker', 'Langue maternelle', '母语'); 'non-native' is not."""
    if not isinstance(fluency, str) or _NOT_NATIVE.search(fluency):
        return False
    text = fluency.lower()
    return any(w in text for w in NATIVE_WORDS)


def cefr_level(fluency: Any) -> str | None:
    """The one CEFR level a fluency names ('C2', 'Fluent (C1)', 'B2 - upper intermediate'); None if none or two."""
    if not isinstance(fluency, str):
        return None
    levels = {m.upper() for m in _LEVEL.findall(fluency.upper())}
    return levels.pop() if len(levels) == 1 else None


# ---------------------------------------------------------------- the CV's language

#: Frequent short words of the languages CVs are most written in; a text is taken to be in one of them only when
#: its words say so clearly (see ``detect``).
_STOPWORDS = {
    "en": "the and of to in for with on at from by is are was were as an this that our my",
    "fr": "le la les des du et en pour dans avec sur une un est au aux par que qui à",
    "de": "der die das und für mit von den dem ein eine ist im zu auf bei des sowie",
    "es": "el la los las del y en para con por una un es al que como se",
    "it": "il lo la gli le dei delle e di per con su una un è al che nel della",
    "pt": "os dos das da em para uma é não pelo pela nos também",
    "nl": "het een van voor met bij aan ook zijn werd",
    "pl": "i w na z do dla się jest oraz od po przy",
}


def _word_owner() -> dict[str, str]:
    """Each short word that only one of the languages has -> that language ('the' -> en; 'de' is in five)."""
    seen: dict[str, list[str]] = {}
    for code, words in _STOPWORDS.items():
        for word in words.split():
            seen.setdefault(word, []).append(code)
    return {w: codes[0] for w, codes in seen.items() if len(codes) == 1}


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _texts(value: Any, depth: int = 0) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict) and depth < 6:
        for key, item in value.items():
            if key not in ("url", "email", "doi", "orcid", "image", "$schema", "canonical"):
                yield from _texts(item, depth + 1)
    elif isinstance(value, list) and depth < 6:
        for item in value:
            yield from _texts(item, depth + 1)


def detect(doc: dict[str, Any]) -> str | None:
    """The two-letter code of the language a CV is written in, or None when its text does not say clearly.

    ``meta.language`` (a code such as 'de' or 'pt-BR') wins. Otherwise the text: Korean, Japanese or Chinese
    when most of its letters are in that script; else the language of the common short words (at least 12 of
    them, of two letters or more, and twice as many as the next language's). Publications are left out: a German
    researcher's papers are often in English.
    """
    meta: dict[str, Any] = doc["meta"] if isinstance(doc.get("meta"), dict) else {}
    for key in ("language", "lang", "locale"):
        value = meta.get(key)
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}([-_][A-Za-z0-9]+)*", value.strip()):
            return value.strip()[:2].lower()
    text = " ".join(_texts({k: v for k, v in doc.items() if k not in ("publications", "meta", "$schema")}))
    letters = [c for c in text if c.isalpha()]
    if letters:
        hangul = sum("\uac00" <= c <= "\ud7af" for c in letters)
        kana = sum("\u3040" <= c <= "\u30ff" for c in letters)
        han = sum("\u4e00" <= c <= "\u9fff" for c in letters)
        for code, count in (("ko", hangul), ("ja", kana + (han if kana else 0)), ("zh", han if not kana else 0)):
            if count > len(letters) / 2:
                return code
    words = [w.lower() for w in _WORD.findall(text) if len(w) > 1]
    owner = _word_owner()
    counts = {code: 0 for code in _STOPWORDS}
    for word in words:
        if word in owner:
            counts[owner[word]] += 1
    scores = sorted(((n, code) for code, n in counts.items()), reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    return code if best >= 12 and best >= 2 * second else None
