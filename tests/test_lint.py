"""Each lint rule on small documents: the rule id, the pointer and the words."""

from __future__ import annotations

import datetime

import pytest

from resumeconv.schemas import has_property
from resumeconv.schemas.legacy import LEGACY_NAMES
from resumeconv.validation.lint import RULES, lint

TODAY = datetime.date(2025, 6, 1)


def run(doc: dict, rule_id: str, profile: str = "academic") -> list[tuple[str, str]]:
    return [(f.pointer, f.message) for f in lint(doc, profile=profile, today=TODAY) if f.rule == rule_id]


def test_rule_ids_are_stable():
    assert list(RULES) == [
        "end-before-start", "future-date", "calendar-date", "present-end-date", "legacy-field", "orcid-checksum",
        "doi-syntax", "arxiv-syntax", "duplicate-publication", "empty-string", "url-scheme", "link-scheme",
        "upstream-v1.0", "misspelled-key", "non-ascii-url",
    ]


def test_end_before_start_compares_at_the_precision_written():
    doc = {"work": [{"startDate": "2020-05", "endDate": "2019"},
                    {"startDate": "2019-05", "endDate": "2019"},
                    {"startDate": "2019-05-02", "endDate": "2019-05-01"}]}
    assert run(doc, "end-before-start") == [
        ("/work/0/endDate", "endDate 2019 is before startDate 2020-05; swap them or fix the typo"),
        ("/work/2/endDate", "endDate 2019-05-01 is before startDate 2019-05-02; swap them or fix the typo"),
    ]


def test_future_date_skips_end_dates():
    doc = {"awards": [{"date": "2025-07"}, {"date": "2025"}, {"date": "2025-06-01"}],
           "education": [{"startDate": "2024", "endDate": "2027"}],
           "publications": [{"releaseDate": "2026"}]}
    assert run(doc, "future-date") == [
        ("/awards/0/date", "date 2025-07 is in the future (today is 2025-06-01); is the year right?"),
        ("/publications/0/releaseDate",
         "releaseDate 2026 is in the future (today is 2025-06-01); is the year right?"),
    ]


def test_calendar_date():
    doc = {"work": [{"startDate": "2019-13", "endDate": "2019-02-29"}, {"startDate": "2020-02-29"}]}
    assert run(doc, "calendar-date") == [
        ("/work/0/startDate", "'2019-13' is not a date on the calendar"),
        ("/work/0/endDate", "'2019-02-29' is not a date on the calendar"),
    ]


@pytest.mark.parametrize("value", ["Present", "now", "", "Till date", None])
def test_present_end_date(value):
    shown = "null" if value is None else repr(value)
    assert run({"work": [{"endDate": value}]}, "present-end-date") == [
        ("/work/0/endDate", f"endDate {shown} is not a date; leave endDate out for an ongoing entry")]


def test_legacy_fields_point_at_the_key_and_name_the_new_field():
    doc = {"basics": {"website": "https://a.org", "picture": "p.png", "location": {"state": "IL"}},
           "work": [{"company": "Acme", "name": "Acme"}], "education": [{"gpa": "4.0"}], "bio": {}}
    found = [f for f in lint(doc, today=TODAY) if f.rule == "legacy-field"]
    assert all(f.at_key for f in found)
    assert [(f.pointer, f.message) for f in found] == [
        ("/bio", "'bio' is the pre-1.0 name of 'basics', which is also set; remove 'bio'"),
        ("/basics/website", "'website' is the pre-1.0 JSON Resume name; use 'url' (resumeconv migrate renames it)"),
        ("/basics/picture", "'picture' is the pre-1.0 JSON Resume name; use 'image' (resumeconv migrate renames it)"),
        ("/basics/location/state",
         "'state' is the pre-1.0 JSON Resume name; use 'region' (resumeconv migrate renames it)"),
        ("/work/0/company", "'company' is the pre-1.0 name of 'name', which is also set; remove 'company'"),
        ("/education/0/gpa", "'gpa' is the pre-1.0 JSON Resume name; use 'score' (resumeconv migrate renames it)"),
    ]


@pytest.mark.parametrize(("parent", "old", "new"), LEGACY_NAMES)
def test_every_legacy_target_is_a_field_of_upstream_v1(parent, old, new):
    assert has_property((*parent, new), "jsonresume-1.0")
    assert not has_property((*parent, old), "jsonresume-1.0")


def test_orcid_checksum_in_fields_and_urls():
    doc = {"basics": {"orcid": "0000-0002-1825-0098",
                      "profiles": [{"url": "https://orcid.org/0000-0002-1825-0097"},
                                   {"url": "https://orcid.org/0000-0002-1694-233X/"},
                                   {"url": "https://orcid.org/0000-0001-5109-3701"}]},
           "publications": [{"authors": [{"name": "A", "orcid": "https://orcid.org/0000-0002-1825-0097"},
                                         {"name": "B", "orcid": "0000-0002-1825"}]}]}
    assert run(doc, "orcid-checksum") == [
        ("/basics/orcid", "ORCID iD 0000-0002-1825-0098 fails its ISO 7064 MOD 11-2 check digit "
                          "(a character is mistyped); copy it from orcid.org"),
        ("/basics/profiles/2/url", "ORCID iD 0000-0001-5109-3701 fails its ISO 7064 MOD 11-2 check digit "
                                   "(a character is mistyped); copy it from orcid.org"),
        ("/publications/0/authors/0/orcid",
         "write the bare ORCID iD 0000-0002-1825-0097, without the orcid.org address"),
        ("/publications/0/authors/1/orcid",
         "'0000-0002-1825' is not an ORCID iD; an iD is 16 characters like 0000-0002-1825-0097"),
    ]


def test_doi_syntax():
    doc = {"publications": [{"doi": "10.1109/MSP.2023.3303459"}, {"doi": "doi:10.1000/abc"},
                            {"doi": "see https://x.org/10.1000/xyz."}, {"doi": "not a doi"}]}
    assert run(doc, "doi-syntax", profile="jsonresume") == [
        ("/publications/1/doi", "write the bare DOI 10.1000/abc, without the resolver prefix"),
        ("/publications/2/doi", "'see https://x.org/10.1000/xyz.' is not a bare DOI; write 10.1000/xyz"),
        ("/publications/3/doi", "'not a doi' is not a DOI; a DOI looks like 10.1109/MSP.2023.3303459"),
    ]


def test_arxiv_syntax():
    doc = {"publications": [{"arxiv": "2310.01234v2"}, {"arxiv": "hep-th/9901001"}, {"arxiv": "arXiv:2310.01234"},
                            {"arxiv": "23.1"}]}
    assert run(doc, "arxiv-syntax") == [
        ("/publications/2/arxiv", "write the bare arXiv id 2310.01234, without 'arXiv:' or the arxiv.org address"),
        ("/publications/3/arxiv",
         "'23.1' is not an arXiv id; write it as 2310.01234 (new style) or hep-th/9901001 (old style)"),
    ]


def test_duplicate_publications_by_doi_arxiv_and_title():
    doc = {"publications": [
        {"name": "Deep Nets, Revisited", "doi": "10.1000/ABC"},
        {"name": "Other", "url": "https://doi.org/10.1000/abc"},
        {"name": "Third", "arxiv": "2310.01234v1"},
        {"name": "Fourth", "arxiv": "2310.01234v3"},
        {"name": "deep nets -- revisited!"},
        {"name": "Unrelated"},
    ]}
    assert run(doc, "duplicate-publication") == [
        ("/publications/1", "same DOI as /publications/0; list each work once"),
        ("/publications/3", "same arXiv id as /publications/2; list each work once"),
        ("/publications/4", "same title as /publications/0; list each work once"),
    ]


def test_empty_strings_but_not_end_dates():
    doc = {"basics": {"label": "", "summary": "  "}, "work": [{"endDate": "", "highlights": ["ok", ""]}]}
    assert run(doc, "empty-string") == [
        ("/basics/label", "empty string; leave 'label' out"),
        ("/basics/summary", "empty string; leave 'summary' out"),
        ("/work/0/highlights/1", "empty string; remove the empty item"),
    ]


def test_urls_without_scheme():
    doc = {"basics": {"image": "www.example.org/me.jpg", "url": "https://ok.example.org",
                      "profiles": [{"url": "//github.com/ada"}, {"url": "me.png"}]}}
    assert run(doc, "url-scheme") == [
        ("/basics/image", "'www.example.org/me.jpg' has no scheme; write https://www.example.org/me.jpg"),
        ("/basics/profiles/0/url", "'//github.com/ada' has no scheme; write https://github.com/ada"),
        ("/basics/profiles/1/url", "'me.png' is not an absolute URL; write it with a scheme, e.g. https://example.org/"),
    ]


def test_upstream_v1_names_what_only_latest_accepts():
    doc = {"basics": {"name": "A"}, "custom": {"x": 1}, "certificates": [{"name": "C", "date": "2019-05"}]}
    found = [f for f in lint(doc, profile="jsonresume", today=TODAY) if f.rule == "upstream-v1.0"]
    assert [(f.pointer, f.at_key) for f in found] == [("/custom", True), ("/certificates/0/date", False)]
    assert found[0].message.startswith("JSON Resume v1.0.0 rejects this: unknown top-level key 'custom'")
    assert "'2019-05' is not a full date" in found[1].message
    assert run(doc, "upstream-v1.0", profile="jsonresume-1.0") == []


def test_rules_survive_odd_shapes():
    doc = {"publications": "none", "work": ["a", 3, None], "basics": [], "awards": [{"date": 2019}]}
    assert [(f.rule, f.pointer, f.message) for f in lint(doc, profile="jsonresume", today=TODAY)] == [
        ("upstream-v1.0", "/basics", "JSON Resume v1.0.0 rejects this: expected an object, got an array"),
        ("upstream-v1.0", "/work/0", "JSON Resume v1.0.0 rejects this: expected an object, got a string"),
        ("upstream-v1.0", "/work/1", "JSON Resume v1.0.0 rejects this: expected an object, got a number"),
        ("upstream-v1.0", "/work/2", "JSON Resume v1.0.0 rejects this: expected an object, got null"),
        ("upstream-v1.0", "/awards/0/date",
         'JSON Resume v1.0.0 rejects this: 2019 is a number; write the year as text: "2019" '
         '(in YAML, put it in quotes)'),
        ("upstream-v1.0", "/publications", "JSON Resume v1.0.0 rejects this: expected an array (a list), got a string"),
    ]
