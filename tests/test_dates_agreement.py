"""Dates agree across formats at their precision (issue 24): a year stays a year, a year and month stay a year and
month, in every writer that holds dates, read back by the consumer's own parser where one exists (pybtex for
BibTeX, citeproc-py for CSL-JSON, RenderCV's model) and by our reader otherwise. A format that holds less (a day
LinkedIn does not show, a publication year in Europass) says so in the report; no format adds a month or a day."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumeconv import formats as registry
from resumeconv.core.dates import PartialDate, days_in_month

PRECISION = {"year": 0, "month": 1, "day": 2}


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1950, 2030))
    kind = draw(st.sampled_from(["year", "month", "day"]))
    if kind == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if kind == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, days_in_month(year, month))))


def document(start: PartialDate, end: PartialDate, release: PartialDate) -> dict[str, Any]:
    start, end = sorted((start, end), key=lambda d: (d.year, d.month or 0, d.day or 0))
    return {"basics": {"name": "Jo Bloggs", "label": "Engineer", "location": {"city": "Graz", "countryCode": "AT"}},
            "work": [{"name": "Acme", "position": "Dev", "startDate": start.iso, "endDate": end.iso}],
            "education": [{"institution": "Uni Graz", "startDate": start.iso, "endDate": end.iso}],
            "publications": [{"name": "A paper", "type": "article-journal", "releaseDate": release.iso,
                              "authors": [{"name": "Jo Bloggs"}], "doi": "10.5555/12345678"}]}


def capped(date: PartialDate, finest: str) -> str:
    """The date as a format that holds at most ``finest`` keeps it."""
    keep = min(PRECISION[date.precision], PRECISION[finest])
    return PartialDate(date.year, date.month if keep >= 1 else None, date.day if keep >= 2 else None).iso


def reported(result: Any, ptr: str) -> bool:
    return any(x.pointer == ptr for x in result.losses)


DATES = st.tuples(partial_dates(), partial_dates(), partial_dates())
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(("fmt", "finest", "publication"), [
    ("europass", "day", "year"), ("europass-v3", "day", "day"), ("linkedin", "month", "month"),
    ("rendercv", "day", "day")])
@SETTINGS
@given(dates=DATES)
def test_readback_keeps_each_date_at_its_precision(fmt: str, finest: str, publication: str,
                                                   dates: tuple[PartialDate, PartialDate, PartialDate]) -> None:
    doc = document(*dates)
    spec = registry.get(fmt)
    result = spec.write(doc)
    back = spec.read(result.data).document
    for section in ("work", "education"):
        for key in ("startDate", "endDate"):
            written = PartialDate.from_iso(doc[section][0][key])
            assert back[section][0][key] == capped(written, finest), (section, key)
            if PRECISION[written.precision] > PRECISION[finest]:
                assert reported(result, f"/{section}/0/{key}")
    release = PartialDate.from_iso(doc["publications"][0]["releaseDate"])
    assert back["publications"][0]["releaseDate"] == capped(release, publication)
    if PRECISION[release.precision] > PRECISION[publication]:
        assert reported(result, "/publications/0/releaseDate")


@SETTINGS
@given(dates=DATES)
def test_rendercv_reads_our_dates_at_their_precision(dates: tuple[PartialDate, PartialDate, PartialDate]) -> None:
    reader = pytest.importorskip("rendercv.data.reader", reason="rendercv is not installed (pip install rendercv)")
    doc = document(*dates)
    model = reader.validate_input_dictionary_and_return_the_data_model(
        reader.read_a_yaml_file(registry.get("rendercv").write(doc).text))
    entries = {s.entry_type: s.entries[0] for s in model.cv.sections}
    for entry_type, section in (("ExperienceEntry", "work"), ("EducationEntry", "education")):
        entry = entries[entry_type]
        for attr, key in (("start_date", "startDate"), ("end_date", "endDate")):
            assert str(getattr(entry, attr)) == doc[section][0][key], (section, key)
    assert str(entries["PublicationEntry"].date) == doc["publications"][0]["releaseDate"]


@SETTINGS
@given(release=partial_dates())
def test_bibtex_dates_read_by_pybtex(release: PartialDate) -> None:
    from pybtex.database import parse_string  # type: ignore[import-untyped]

    doc = document(release, release, release)
    result = registry.get("bibtex").write(doc)
    (entry,) = parse_string(result.text, "bibtex").entries.values()
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    assert entry.fields["year"] == str(release.year)
    assert entry.fields.get("month") == (months[release.month - 1] if release.month else None)
    assert "date" not in entry.fields
    assert reported(result, "/publications/0/releaseDate") == (release.day is not None)
    result = registry.get("orcid-bibtex").write(doc)
    (orcid,) = parse_string(result.text, "bibtex").entries.values()
    assert orcid.fields["year"] == str(release.year)
    assert orcid.fields.get("month") == (str(release.month) if release.month else None)
    assert reported(result, "/publications/0/releaseDate") == (release.day is not None)


@SETTINGS
@given(release=partial_dates())
def test_csl_dates_read_by_citeproc(release: PartialDate) -> None:
    pytest.importorskip("citeproc", reason="citeproc-py is not installed (pip install '.[test]')")
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

    items = json.loads(registry.get("csl-json").write(document(release, release, release)).text)
    (reference,) = CiteProcJSON(items).values()
    issued = reference["issued"]
    assert (issued.get("year"), issued.get("month"), issued.get("day")) == tuple(release)


@SETTINGS
@given(release=partial_dates())
def test_orcid_json_dates_at_their_precision(release: PartialDate) -> None:
    result = registry.get("orcid-json").write(document(release, release, release))
    body = json.loads(result.text)
    work = body["bulk"][0]["work"] if "bulk" in body else body
    date = work["publication-date"]
    parts = tuple(int(date[k]["value"]) if date.get(k) else None for k in ("year", "month", "day"))
    assert parts == tuple(release)


@SETTINGS
@given(dates=DATES)
def test_markdown_prints_no_more_than_the_precision(dates: tuple[PartialDate, PartialDate, PartialDate]) -> None:
    doc = document(*dates)
    text = registry.get("markdown").write(doc).text
    mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    def shown(iso: str) -> str:
        date = PartialDate.from_iso(iso)
        if date.month is None:
            return str(date.year)
        return f"{mon[date.month - 1]} {date.year}" if date.day is None else \
            f"{mon[date.month - 1]} {date.day}, {date.year}"

    start, end = doc["work"][0]["startDate"], doc["work"][0]["endDate"]
    when = shown(start) if start == end else f"{shown(start)} – {shown(end)}"
    assert f"### Dev, Acme ({when})" in text.splitlines()
    assert f"   {shown(doc['publications'][0]['releaseDate'])}\\" in text.splitlines()


def test_an_unreadable_end_date_is_never_written_as_ongoing() -> None:
    from lxml import etree

    doc = {"basics": {"name": "Jo Bloggs"},
           "work": [{"name": "Acme", "position": "Dev", "startDate": "2019-01", "endDate": "sometime"},
                    {"name": "Beta", "position": "Lead", "startDate": "Feb 2020", "endDate": "Present"}]}
    candidate = registry.get("europass").write(doc)
    ns = {"hr": "http://www.hr-xml.org/3"}
    assert etree.fromstring(candidate.data).xpath("//hr:CurrentIndicator/text()", namespaces=ns) == ["false", "true"]
    assert "/work/0/endDate: not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD): left out; the entry is not marked " \
        "current" in [str(x) for x in candidate.losses]
    v3 = etree.fromstring(registry.get("europass-v3").write(doc).data)
    assert [x.text for x in v3.iter("{*}Current")] == ["false", "true"]
    rendercv = registry.get("rendercv").write(doc).text
    assert "      date: 2019-01" in rendercv.splitlines() and "      start_date: 2020-02" in rendercv.splitlines()
    linkedin = registry.get("linkedin").write(doc, today="2021-01")
    assert "January 2019" in linkedin.text.splitlines() and "January 2019 - Present" not in linkedin.text
    assert "### Dev, Acme (Jan 2019 – sometime)" in registry.get("markdown").write(doc).text.splitlines()
