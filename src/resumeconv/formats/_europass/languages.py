"""Languages: CEFR levels, mother tongues in the words CVs use for them, and the language the CV is written in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: CEFR dimensions, in Europass order (schema: languages.cefr).
CEFR_DIMENSIONS = ("listening", "reading", "spokenInteraction", "spokenProduction", "writing")
CEFR_LEVELS = frozenset({"A1", "A2", "B1", "B2", "C1", "C2"})
#: How CVs say "mother tongue" in languages[].fluency, lower case (English, French, German, Spanish, Italian,
#: Portuguese, Dutch, Polish, Swedish, Danish, Finnish, Czech, Hungarian, Greek, Russian, Chinese, Japanese,
#: Korean).
NATIVE_WORDS = ("native", "mother tongue", "first language", "langue maternelle", "muttersprache",
                "lengua materna", "idioma nativo", "nativo", "nativa", "madrelingua", "lingua madre",
                "língua materna", "lingua materna", "moedertaal", "język ojczysty", "modersmål", "modersmål",
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

#: Frequent short words of the languages Europass CVs are most written in; a text is taken to be in one of them
#: only when its words say so clearly (see ``detect``).
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
