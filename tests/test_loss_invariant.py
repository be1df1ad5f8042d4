"""For every format that reads and writes, A -> B -> A differs from A exactly where the loss reports say.

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
from resumeconv.schemas import load_schema
from strategies import from_schema

ROUND_TRIPS = [s for s in registry.all_formats() if s.reads and s.writes]
IDS = [s.name for s in ROUND_TRIPS]
#: Generated documents per format; raise RESUMECONV_LOSS_EXAMPLES for a longer run (docs/reliability.md).
EXAMPLES = int(os.environ.get("RESUMECONV_LOSS_EXAMPLES", "15"))


def round_trip(spec: registry.FormatSpec, doc: dict) -> tuple[dict, list]:
    written = spec.write(doc)
    read = spec.read(written.data, source=f"round-trip.{spec.name}")
    return read.document, [*written.losses, *read.losses]


@pytest.mark.parametrize("spec", ROUND_TRIPS, ids=IDS)
def test_sample_round_trip_is_fully_accounted(spec: registry.FormatSpec) -> None:
    doc = json.loads(SAMPLE_JSON.read_text())
    after, losses = round_trip(spec, doc)
    assert uncovered(doc, after, losses) == []
    assert overreported(doc, after, losses) == []


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
        for spec in ROUND_TRIPS:
            after, losses = round_trip(spec, doc)
            assert uncovered(doc, after, losses) == [], f"{path.name} via {spec.name}"
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("spec", ROUND_TRIPS, ids=IDS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_round_trips_are_fully_accounted(spec: registry.FormatSpec, data: st.DataObject) -> None:
    doc = data.draw(from_schema(load_schema("academic")))
    after, losses = round_trip(spec, doc)
    assert uncovered(doc, after, losses) == []
