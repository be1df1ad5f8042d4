"""Languages: CEFR levels and mother tongues."""

from __future__ import annotations

from typing import Any

#: CEFR dimensions, in Europass order (schema: languages.cefr).
CEFR_DIMENSIONS = ("listening", "reading", "spokenInteraction", "spokenProduction", "writing")
CEFR_LEVELS = frozenset({"A1", "A2", "B1", "B2", "C1", "C2"})
#: Words that mark a mother tongue in languages[].fluency.
NATIVE_WORDS = ("native", "mother tongue", "first language")


def is_native(fluency: Any) -> bool:
    return isinstance(fluency, str) and any(w in fluency.lower() for w in NATIVE_WORDS)
