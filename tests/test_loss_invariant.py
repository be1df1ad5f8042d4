"""For every round trip A -> B -> A, the result differs from A exactly where the loss reports say.

Formats come from the registry, so a new reader/writer pair is held to the invariant as soon as it registers.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON
from lossaccounting import overreported, uncovered
from resumeconv import formats as registry
from resumeconv.migrate import prepare_for_writer
from resumeconv.schemas import load_schema
from strategies import from_schema


def _pairs() -> list[tuple[registry.FormatSpec, registry.FormatSpec]]:
    """(writer, reader): every format that does both, and a write-only format read back by the read-only format
    of the same module (orcid-bibtex -> bibtex)."""
    specs = registry.all_formats()
    pairs = [(s, s) for s in specs if s.reads and s.writes]
    pairs += [(w, r) for w in specs if w.writes and not w.reads
              for r in specs if r.reads and not r.writes and r.module == w.module]
    return pairs


Pair = tuple[registry.FormatSpec, registry.FormatSpec]
ROUND_TRIPS = _pairs()
IDS = [w.name if w is r else f"{w.name}->{r.name}" for w, r in ROUND_TRIPS]
#: Generated documents per format; raise RESUMECONV_LOSS_EXAMPLES for a longer run (docs/reliability.md).
EXAMPLES = int(os.environ.get("RESUMECONV_LOSS_EXAMPLES", "15"))


def round_trip(pair: Pair, doc: dict) -> tuple[dict, dict, list]:
    """The document as the writer got it (``FormatSpec.write`` prepares it first: pre-1.0 names renamed, empty
    values left out, each change a normalization its own tests check), what the round trip gives back, and every
    loss and normalization reported on the way."""
    writer, reader = pair
    written = writer.write(doc)
    read = reader.read(written.data, source=f"round-trip.{writer.name}")
    return prepare_for_writer(doc, writer.name)[0], read.document, [*written.losses, *read.losses]


@pytest.mark.parametrize("pair", ROUND_TRIPS, ids=IDS)
def test_sample_round_trip_is_fully_accounted(pair: Pair) -> None:
    doc = json.loads(SAMPLE_JSON.read_text())
    before, after, losses = round_trip(pair, doc)
    assert uncovered(before, after, losses) == []
    assert overreported(before, after, losses) == []


def test_corpus_round_trips_are_fully_accounted(shared) -> None:
    import resumeconv

    checked = 0
    for path in sorted((shared / "corpus" / "jsonresume").glob("*.json")):
        try:
            doc = resumeconv.load(path)
        except resumeconv.ResumeconvError:
            continue
        if resumeconv.validate(doc, profile="jsonresume", lint=False):
            continue
        for pair, name in zip(ROUND_TRIPS, IDS, strict=True):
            before, after, losses = round_trip(pair, doc)
            assert uncovered(before, after, losses) == [], f"{path.name} via {name}"
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("pair", ROUND_TRIPS, ids=IDS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_round_trips_are_fully_accounted(pair: Pair,
                                                   data: st.DataObject) -> None:
    doc = data.draw(from_schema(load_schema("academic")))
    before, after, losses = round_trip(pair, doc)
    assert uncovered(before, after, losses) == []
