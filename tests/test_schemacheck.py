"""The compiled fast check agrees with jsonschema on every document: valid, generated, mutated, or corpus."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON
from resumeconv.schemas import PROFILES, load_schema
from resumeconv.schemas.compiled import Unsupported, compile_schema
from resumeconv.validation import validator
from strategies import from_schema

CHECKS = {profile: compile_schema(load_schema(profile)) for profile in PROFILES}


def agree(profile: str, doc: object) -> bool:
    fast = CHECKS[profile](doc)
    slow = not any(True for _ in validator(profile).iter_errors(doc))
    assert fast == slow, f"{profile}: fast={fast} jsonschema={slow} for {json.dumps(doc)[:300]}"
    return fast


@pytest.mark.parametrize("profile", PROFILES)
def test_sample_is_valid_both_ways(profile: str) -> None:
    assert agree(profile, json.loads(SAMPLE_JSON.read_text()))


MUTATIONS = [
    ("/basics/email", "not an email"),
    ("/basics/orcid", "0000-0002-1825-009"),
    ("/publications/0/authors", []),
    ("/publications/0/authors/0/self", "yes"),
    ("/publications/0/type", "blog-post"),
    ("/publications/0/releaseDate", "Jan 2019"),
    ("/work/0/employmentType", ["full-time", "full-time"]),
    ("/work/0/startDate", "2019-13"),
    ("/awards/0/date", 2019),
    ("/certificates", [{"date": "2019-02"}]),
    ("/certificates", [{"date": "2019-02-30"}]),
    ("/basics/metrics/0/value", True),
    ("/basics/metrics/0/value", 1805.0),
    ("/meta/mentees/0/affiliations/0", {"role": "PhD"}),
    ("/basics/url", "www.example.com"),
    ("/basics/profiles", [{"url": "https://github.com/<me>/"}]),
    ("/unknownSection", []),
    ("/languages", [{"language": "German", "cefr": {"reading": "C3"}}]),
]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize(("ptr", "value"), MUTATIONS, ids=[f"{p}={v!r}" for p, v in MUTATIONS])
def test_mutations_agree(profile: str, ptr: str, value: object) -> None:
    doc = json.loads(SAMPLE_JSON.read_text())
    *parents, last = ptr.strip("/").split("/")
    node = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    node[int(last) if isinstance(node, list) else last] = value
    agree(profile, doc)


def test_mutations_really_invalidate_the_academic_profile() -> None:
    doc = json.loads(SAMPLE_JSON.read_text())
    bad = copy.deepcopy(doc)
    bad["publications"][0]["type"] = "blog-post"
    assert CHECKS["academic"](doc) and not CHECKS["academic"](bad)


def test_unknown_keywords_are_refused_not_ignored() -> None:
    with pytest.raises(Unsupported, match="maxLength"):
        compile_schema({"type": "string", "maxLength": 3})


@pytest.mark.parametrize("source", PROFILES)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_documents_agree(source: str, data: st.DataObject) -> None:
    doc = data.draw(from_schema(load_schema(source)))
    assert agree(source, doc), "a generated document must be valid under the schema it came from"
    for profile in PROFILES:
        agree(profile, doc)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "2019", "2019-01", "x", "https://a.b", "a@b.co", "conference-paper"]),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(
        st.sampled_from(["basics", "name", "work", "publications", "authors", "type", "startDate", "url", "meta",
                         "email", "date", "certificates", "self", "value", "metrics", "venues"]), c, max_size=4),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(doc=JSONISH)
def test_arbitrary_documents_agree(doc: object) -> None:
    for profile in PROFILES:
        agree(profile, doc)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_conformance_rule_academic_documents_are_valid_upstream(data: st.DataObject) -> None:
    """Every document our schema accepts is accepted by upstream v1.0.0 and by the latest upstream."""
    doc = data.draw(from_schema(load_schema("academic")))
    assert agree("academic", doc)
    assert agree("jsonresume-1.0", doc)
    assert agree("jsonresume", doc)
