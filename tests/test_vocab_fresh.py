"""schemas/vocab.py is what scripts/generate_vocab.py makes of the current schema, and says what the schema says."""

from __future__ import annotations

import importlib.util
import json

from conftest import ROOT
from resumeconv.schemas import field_names, load_schema, vocab

_spec = importlib.util.spec_from_file_location("generate_vocab", ROOT / "scripts" / "generate_vocab.py")
assert _spec is not None and _spec.loader is not None
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)


def test_vocab_is_fresh() -> None:
    schema = json.loads((ROOT / "schema" / "resume.schema.json").read_text(encoding="utf-8"))
    committed = (ROOT / "src" / "resumeconv" / "schemas" / "vocab.py").read_text(encoding="utf-8")
    assert committed == gen.generate(schema), "schemas/vocab.py is stale: run python scripts/generate_vocab.py"


def test_vocab_agrees_with_the_schema_at_run_time() -> None:
    schema = load_schema("academic")
    assert tuple(k for k in schema["properties"] if k != "$schema") == vocab.SECTIONS
    assert vocab.DATE_FIELDS == field_names("date") == {"date", "endDate", "releaseDate", "startDate"}
    assert vocab.CEFR_LEVELS == ("A1", "A2", "B1", "B2", "C1", "C2")
    assert vocab.CEFR_DIMENSIONS == ("listening", "reading", "spokenInteraction", "spokenProduction", "writing")
    assert "journal-article" in vocab.PUBLICATION_TYPES
    assert vocab.REQUIRED["Author"] == ("name",)
    assert set(vocab.Resume.__annotations__) == {"$schema", *vocab.SECTIONS}
    publication = schema["properties"]["publications"]["items"]["properties"]
    assert set(vocab.PublicationsItem.__annotations__) == set(publication)


def test_talk_types_are_project_types_the_schema_names() -> None:
    """One list of talk types (they used to disagree): every one is among projects.type's examples."""
    examples = set(load_schema("academic")["properties"]["projects"]["items"]["properties"]["type"]["examples"])
    assert {"tutorial", "talk", "invited-talk", "keynote", "poster", "panel", "seminar"} == vocab.TALK_TYPES
    assert examples >= vocab.TALK_TYPES
