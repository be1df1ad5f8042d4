"""orcid-json / orcid-xml: v3.0 bulks that validate, pass our server-rule checks, and readers for ORCID's shapes."""

from __future__ import annotations

import copy
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resumeconv
from conftest import ROOT
from resumeconv.core.errors import InputError
from resumeconv.formats import orcid

FIXTURES = ROOT / "tests" / "fixtures" / "orcid"


@pytest.fixture
def cv() -> dict:
    return json.loads((FIXTURES / "cv-with-ids.json").read_text(encoding="utf-8"))


def _bulk_schema(shared):
    from lxml import etree

    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    xsd = shared / "reference" / "orcid" / "xsd" / "record_3.0" / "bulk-3.0.xsd"
    return etree.XMLSchema(etree.parse(str(xsd), parser))


def test_sample_xml_validates_against_the_bulk_xsd(shared, sample_doc: dict) -> None:
    from lxml import etree

    schema = _bulk_schema(shared)
    out = resumeconv.write(sample_doc, "orcid-xml")
    assert schema.validate(etree.fromstring(out.data)), schema.error_log
    refused = [x for x in out.losses if x.reason.startswith("ORCID would refuse this work")]
    assert len(refused) == 34
    assert str(refused[0]) == ("/publications/0: ORCID would refuse this work: no external id with relationship "
                               "'self' (ORCID needs one: a DOI, arXiv id or URL)")


def test_fixture_xml_validates_and_passes_server_rules(shared, cv: dict) -> None:
    from lxml import etree

    out = resumeconv.write(cv, "orcid-xml")
    assert _bulk_schema(shared).validate(etree.fromstring(out.data))
    assert not [x for x in out.losses if "refuse" in x.reason]


def test_json_and_xml_carry_the_same_works(sample_doc: dict, cv: dict) -> None:
    for doc in (sample_doc, cv):
        from_json = resumeconv.read(resumeconv.write(doc, "orcid-json").data, format="orcid-json")
        from_xml = resumeconv.read(resumeconv.write(doc, "orcid-xml").data, format="orcid-xml")
        assert from_json.document == from_xml.document
        assert len(from_json.document["publications"]) == len(doc["publications"])


def test_work_json_shape(cv: dict) -> None:
    work = json.loads(resumeconv.write(cv, "orcid-json").data)["bulk"][0]["work"]
    assert work["title"] == {"title": {"value": "Sharp Minima & the 100% Rule: {Braces} in_Titles"}}
    assert work["journal-title"] == {"value": "Journal of Examples"}
    assert work["type"] == "journal-article"
    assert work["publication-date"] == {"year": {"value": "2024"}, "month": {"value": "03"}, "day": {"value": "05"}}
    assert work["external-ids"]["external-id"] == [{
        "external-id-type": "doi", "external-id-value": "10.1234/JEX.2024.001",
        "external-id-url": {"value": "https://doi.org/10.1234/JEX.2024.001"}, "external-id-relationship": "self"}]
    first, second, third = work["contributors"]["contributor"]
    assert first["contributor-orcid"] == {"uri": "https://orcid.org/0000-0002-1825-0097",
                                          "path": "0000-0002-1825-0097", "host": "orcid.org"}
    assert first["contributor-attributes"] == {"contributor-sequence": "first", "contributor-role": "author"}
    assert "contributor-orcid" not in second and second["credit-name"] == {"value": "Y, Chen"}
    assert third["contributor-attributes"]["contributor-sequence"] == "additional"
    assert work["short-description"] == "Equal contribution: Y, Chen"
    assert work["citation"]["citation-type"] == "bibtex"
    assert work["citation"]["citation-value"].startswith("@article{example2024sharp,")
    assert "put-code" not in work


def test_ids_arxiv_and_uri_fallback(cv: dict) -> None:
    works = json.loads(resumeconv.write(cv, "orcid-json").data)["bulk"]
    assert works[1]["work"]["external-ids"]["external-id"][0] == {
        "external-id-type": "arxiv", "external-id-value": "2310.01234v2",
        "external-id-url": {"value": "https://arxiv.org/abs/2310.01234v2"}, "external-id-relationship": "self"}
    assert works[1]["work"]["type"] == "conference-paper"
    assert works[2]["work"]["external-ids"]["external-id"][0]["external-id-type"] == "uri"
    assert works[2]["work"]["url"] == {"value": "https://example.org/notes/1"}
    assert works[2]["work"]["type"] == "conference-paper"  # workshop-paper, through x-orcid-work-type


def test_bulks_are_split_at_100(cv: dict) -> None:
    doc = copy.deepcopy(cv)
    doc["publications"] = [dict(cv["publications"][0], name=f"Work {n}", doi=f"10.1234/w.{n}") for n in range(150)]
    for fmt in ("orcid-json", "orcid-xml"):
        out = resumeconv.write(doc, fmt)
        assert len(out.more) == 1
    out = resumeconv.write(doc, "orcid-json")
    assert [len(json.loads(p)["bulk"]) for p in (out.data, *out.more)] == [100, 50]
    small = resumeconv.write(doc, "orcid-json", chunk_size="40")
    assert [len(json.loads(p)["bulk"]) for p in (small.data, *small.more)] == [40, 40, 40, 30]
    with pytest.raises(resumeconv.UsageError):
        resumeconv.write(doc, "orcid-json", chunk_size="101")


def test_server_rules_beyond_the_xsd() -> None:
    work = orcid.Work(title="", type="dissertation", date=("2020", "1", None), put_code=7,
                      external_ids=[orcid.ExternalId("isni", "x", "same-as")],
                      contributors=[orcid.Contributor("A", sequence="last", role="writer")])
    assert orcid.server_problems(work) == [
        "title must have 1 to 1000 characters (has 0)",
        "'dissertation' is not an ORCID v3.0 work type",
        "a new work must not carry a put-code",
        "'isni' is not an ORCID external-id type",
        "'same-as' is not an external-id relationship",
        "no external id with relationship 'self' (ORCID needs one: a DOI, arXiv id or URL)",
        "publication-date month '1' must be 2 digits, zero-padded",
        "contributor sequence 'last' is not first/additional",
        "contributor role 'writer' is not an ORCID role",
    ]
    ok = orcid.Work(title="T" * 1000, type="preprint", date=("2020", "02", "29"),
                    external_ids=[orcid.ExternalId("arxiv", "2001.00001")])
    assert orcid.server_problems(ok) == []
    assert orcid.server_problems(orcid.Work(title="T", type="other", date=("2021", "02", "29"),
                                            external_ids=[orcid.ExternalId("doi", "10.1/x")])) == [
        "publication-date 2021-02-29 is not a calendar date"]


def test_schema_mapping_is_the_one_used() -> None:
    from resumeconv.schemas import item_schema

    mapping = item_schema("publications")["properties"]["type"]["x-orcid-work-type"]
    assert set(mapping.values()) <= orcid.WORK_TYPES


def test_reads_fixture_bulk_with_owner() -> None:
    result = orcid.read((FIXTURES / "works-bulk-get.json").read_bytes(), format="orcid-json",
                        owner="0000-0002-1825-0097")
    first, second = result.document["publications"]
    assert first["authors"] == [{"name": "Ada Example", "orcid": "0000-0002-1825-0097", "self": True},
                                {"name": "Chen, Y."}, {"name": "J. Müller"}]
    assert (first["releaseDate"], first["doi"], first["url"]) == ("2024-03-05", "10.1234/jex.2024.001",
                                                                  "https://journal.example.org/1")
    assert (second["type"], second["arxiv"], second["releaseDate"]) == ("preprint", "2501.00042v3", "2025-01")
    assert [str(x) for x in result.losses] == [
        "/publications/1: contributor 'An Editor' (editor) is not an author; left out",
        "/publications/1: external id eid '2-s2.0-0000' (self) has no place in the CV"]


@pytest.mark.parametrize(("data", "message", "line"), [
    (b'{"bulk": [', "invalid JSON: Expecting value", 1),
    (b'["not", "works"]', "not an ORCID works answer: expected a JSON object", None),
    (b'{"person": {}}', "not an ORCID works answer: no work, bulk, group or orcid-profile found", None),
])
def test_bad_json_input(data: bytes, message: str, line: int | None) -> None:
    with pytest.raises(InputError) as info:
        orcid.read(data, format="orcid-json", source="x.orcid.json")
    assert (info.value.message, info.value.line) == (message, line)


def test_orcid_error_answers_are_named(shared) -> None:
    with pytest.raises(InputError) as info:
        resumeconv.read(shared / "reference/orcid/samples/read_samples/error-3.0.xml", format="orcid-xml")
    assert info.value.message == "ORCID answered with an error, not works: HTTP 0: error:developer-message"
    with pytest.raises(InputError) as info:
        orcid.read(b'{"response-code": 404, "developer-message": "Not found"}', format="orcid-json")
    assert info.value.message == "ORCID answered with an error, not works: HTTP 404: Not found"


def test_everything_read_is_a_valid_document(shared) -> None:
    paths = [*sorted((shared / "reference" / "orcid" / "samples").rglob("*.json")),
             *sorted((shared / "corpus" / "orcid").glob("*.*")), FIXTURES / "works-bulk-get.json"]
    paths = [p for p in paths if p.suffix in (".json", ".xml")]
    assert len(paths) == 17
    for path in paths:
        doc = resumeconv.read(path).document
        errors = [d for d in resumeconv.validate(doc) if d.severity == "error"]
        assert doc["publications"] and errors == [], path.name


def test_bad_xml_input() -> None:
    with pytest.raises(InputError) as info:
        orcid.read(b'<?xml version="1.0"?>\n<foo/>', format="orcid-xml", source="x.xml")
    assert info.value.message == "not an ORCID works document: root element is foo"
    with pytest.raises(resumeconv.UnsafeInputError):
        orcid.read(b'<!DOCTYPE x [<!ENTITY a "b">]><x/>', format="orcid-xml")


# ----------------------------------------------------------------- ORCID's own samples and recorded answers


def _read(shared, *parts: str) -> list[dict]:
    return resumeconv.read(shared.joinpath("reference", "orcid", "samples", *parts)).document["publications"]


def test_reads_orcid_bulk_with_inline_error(shared) -> None:
    result = resumeconv.read(shared / "reference/orcid/samples/read_samples/bulk-work-err.xml")
    assert result.document["publications"] == [{
        "name": "Current treatment of left main coronary artery disease # 1", "venue": {"name": "Cor et Vasa"},
        "type": "journal-article", "releaseDate": "2015-06-01", "doi": "10.1016/j.crvasa.2015.05.007"}]
    assert result.losses[0].reason.startswith("bulk item 2 is an error: HTTP 400: Invalid work type")


def test_reads_orcid_work_and_summary_xml(shared) -> None:
    (full,) = _read(shared, "write_samples", "work-full-3.0.xml")
    assert (full["name"], full["type"], full["releaseDate"]) == ("Work Title: Sub title", "journal-article",
                                                                 "2012-10-01")
    assert full["authors"] == [{"name": "Laure L. Haak", "orcid": "0000-0001-5109-3700"}]
    assert full["venue"] == {"name": "Journal Title"} and "doi" not in full  # its DOI is 'version-of'
    summary = _read(shared, "read_samples", "works-3.0.xml")
    assert [(p["name"], p["type"], p["releaseDate"]) for p in summary] == [
        ("Work # 0", "conference-paper", "2017-03-03"), ("Work # 1", "conference-paper", "2017-02-02"),
        ("Work # 2", "journal-article", "2017-03-03")]


def test_reads_recorded_inspire_work(shared) -> None:
    (pub,) = _read(shared, "api-work-get-3.0-inspire.json")
    assert pub["name"] == "Possibility of entanglement of purification to be less than half of the reflected entropy"
    assert (pub["type"], pub["releaseDate"], pub["doi"], pub["arxiv"]) == (
        "journal-article", "2024-02-20", "10.1103/PhysRevA.109.022426", "2309.02506")
    assert [a["name"] for a in pub["authors"]] == ["Couch, Josiah", "Nguyen, Phuc", "Racz, Sarah",
                                                   "Stratis, Georgios", "Zhang, Yuxuan"]
    assert pub["venue"] == {"name": "Phys.Rev.A"}


def test_reads_recorded_sandbox_answers(shared) -> None:
    summary = _read(shared, "api-works-summary-3.0-sandbox.json")
    assert len(summary) == 6
    assert (summary[0]["name"], summary[0]["releaseDate"], summary[0]["type"]) == ("Test Publication", "2022-07-29",
                                                                                    "other")
    (full,) = _read(shared, "api-works-bulk-get-3.0-sandbox.json")
    assert full["name"] == "Test Publication: testing publication workflow"
    assert full["authors"][0] == {"name": "Foo Fox"}


def test_reads_write_samples_json(shared) -> None:
    pubs = _read(shared, "write_samples", "bulk-works-100-works-3.0.json")
    assert len(pubs) == 100
    assert pubs[0]["name"] == "Work Title 1" and pubs[0]["doi"] == "10.1001/j.crvasa.2015.05.007"
    assert [a["name"] for a in pubs[0]["authors"]] == ["Jordan", "Fran"]


def test_reads_older_corpus_shapes(shared) -> None:
    corpus = shared / "corpus" / "orcid"
    v20 = resumeconv.read(corpus / "hdiogosilva__wp-ORCiD__works-v2.0.json").document["publications"]
    v20_xml = resumeconv.read(corpus / "hdiogosilva__wp-ORCiD__works-v2.0.xml").document["publications"]
    assert len(v20) == len(v20_xml) == 167
    assert v20[0] == v20_xml[0] == {"name": "Guest editorial FPL 2013", "type": "journal-article",
                                    "releaseDate": "2015", "doi": "10.1145/2737805"}
    record = resumeconv.read(corpus / "lubianat__pyorcidator__record-v2.0.json").document["publications"]
    assert len(record) == 26 and record[0]["doi"] == "10.3233/jad-201397"
    v12 = resumeconv.read(corpus / "caltechlibrary__orcidtools__works-message-v1.2.json").document["publications"]
    assert (v12[0]["name"], v12[0]["type"]) == ("Digital Video and Internet 2: Growing Up Together", "journal-article")
    assert v12[0]["releaseDate"] == "2001-07"
    ads = resumeconv.read(corpus / "romanchyla__ADSOrcid__profile-v1.2.json").document["publications"]
    assert [a["name"] for a in ads[0]["authors"]][:2] == ["Thompson, D. M.", "Henneken, E. A."]
    v21 = resumeconv.read(corpus / "samvera-labs__hyrax-orcid__sandbox-bulk-works-v2.1.json").document
    assert v21["publications"][0]["authors"] == [{"name": "Paul Whitehead", "orcid": "0000-0001-6036-8278"}]


def test_json_and_xml_are_the_same_work_model(sample_doc: dict, cv: dict) -> None:
    from resumeconv.core.xml import parse

    for doc in (sample_doc, cv):
        as_json = [orcid.work_from_json(item["work"])
                   for item in json.loads(resumeconv.write(doc, "orcid-json").data)["bulk"]]
        root = parse(resumeconv.write(doc, "orcid-xml").data).getroot()
        as_xml = [orcid.work_from_json(orcid.reader._xml_to_dict(el)) for el in root]
        assert as_json == as_xml
        assert len(as_json) == len(doc["publications"])


_SCHEMA_CACHE: list = []


@settings(max_examples=int(os.environ.get("RESUMECONV_ORCID_XSD_EXAMPLES", "60")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_documents_give_xsd_valid_orcid_xml(shared, data: st.DataObject) -> None:
    """Every schema-valid document gives a bulk that bulk-3.0.xsd accepts; what would break it is reported."""
    from lxml import etree

    from resumeconv.schemas import load_schema
    from strategies import from_schema

    if not _SCHEMA_CACHE:
        _SCHEMA_CACHE.append(_bulk_schema(shared))
    doc = data.draw(from_schema(load_schema("academic")))
    out = resumeconv.write(doc, "orcid-xml")
    for part in [out.data, *out.more]:
        assert _SCHEMA_CACHE[0].validate(etree.fromstring(part)), _SCHEMA_CACHE[0].error_log
    json_bulk = json.loads(resumeconv.write(doc, "orcid-json").data)
    assert len(json_bulk["bulk"]) == len(etree.fromstring(out.data))


def test_what_the_xsd_refuses_is_reported_and_left_out(shared) -> None:
    from lxml import etree

    pubs = [{"name": "   ", "type": "other", "doi": "10.1/a"},
            {"name": "Old", "releaseDate": "1850-03", "venue": {"name": " \t"}, "doi": "10.1234/a#b%c d+e<f>",
             "authors": [{"name": "  "}, {"name": "x" * 151}, {"name": "Kept Author"}]}]
    out = resumeconv.write({"publications": pubs}, "orcid-xml")
    assert _bulk_schema(shared).validate(etree.fromstring(out.data))
    losses = {x.pointer: x.reason for x in out.losses if x.kind == "loss"}
    assert losses["/publications/0"].endswith("this work has no title; the work is left out")
    assert losses["/publications/1/releaseDate"] == "ORCID takes publication years 1900 to 2100 only; 1850 is left out"
    assert losses["/publications/1/venue"].startswith("ORCID's journal-title takes 1 to 1000 characters")
    assert losses["/publications/1/authors/0"].endswith("this author has a blank name; left out")
    assert losses["/publications/1/authors/1"].endswith("this author has a name of 151 characters; left out")
    bulk = json.loads(resumeconv.write({"publications": pubs}, "orcid-json").data)["bulk"]
    assert len(bulk) == 1
    work = bulk[0]["work"]
    assert "publication-date" not in work and "journal-title" not in work
    assert [c["credit-name"]["value"] for c in work["contributors"]["contributor"]] == ["Kept Author"]
    assert work["contributors"]["contributor"][0]["contributor-attributes"]["contributor-sequence"] == "first"
    assert work["external-ids"]["external-id"][0]["external-id-url"] == {
        "value": "https://doi.org/10.1234/a%23b%25c%20d%2Be%3Cf%3E"}


def _read_json(answer: dict) -> resumeconv.formats.ReadResult:
    return resumeconv.read(json.dumps(answer).encode(), format="orcid-json")


def _ext(kind: str, value: str, rel: str = "self") -> dict:
    return {"external-id-type": kind, "external-id-value": value, "external-id-relationship": rel}


def test_group_versions_ids_are_merged_not_dropped() -> None:
    group = {"external-ids": {"external-id": [_ext("doi", "10.1234/pub"), _ext("arxiv", "2101.00001")]},
             "work-summary": [
                 {"title": {"title": {"value": "T"}}, "type": "journal-article",
                  "external-ids": {"external-id": [_ext("doi", "10.1234/pub")]}},
                 {"title": {"title": {"value": "T (preprint)"}}, "type": "preprint",
                  "external-ids": {"external-id": [_ext("arxiv", "2101.00001"), _ext("doi", "10.1234/PUB")]}}]}
    result = _read_json({"group": [group]})
    assert result.document["publications"] == [
        {"name": "T", "type": "journal-article", "doi": "10.1234/pub", "arxiv": "2101.00001"}]


def test_recorded_record_keeps_every_version_doi(shared) -> None:
    """A real v2.0 record (26 groups, 10 with several versions): every version's DOI is read or reported."""
    path = shared / "corpus" / "orcid" / "lubianat__pyorcidator__record-v2.0.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    dois = {e["external-id-value"].lower() for g in record["activities-summary"]["works"]["group"]
            for s in g["work-summary"] for e in s["external-ids"]["external-id"] if e["external-id-type"] == "doi"}
    result = resumeconv.read(path, format="orcid-json")
    kept = {p["doi"].lower() for p in result.document["publications"] if "doi" in p}
    reported = {x.reason.split("'")[1].lower() for x in result.losses if x.reason.startswith("external id doi")}
    assert dois == kept | reported and len(dois) == 34 and len(kept) == 21 and len(reported) == 13


@pytest.mark.parametrize("answer", [
    {"work": {"title": {"title": {"value": "Thesis"}}, "type": "DISSERTATION"}},
    {"orcid-profile": {"orcid-activities": {"orcid-works": {"orcid-work": [
        {"work-title": {"title": {"value": "Thesis"}}, "work-type": "DISSERTATION"}]}}}},
])
def test_old_dissertation_type_reads_as_dissertation(answer: dict) -> None:
    result = _read_json(answer)
    assert result.document["publications"][0]["type"] == "dissertation"
    assert not [x for x in result.losses if x.pointer.endswith("/type")]


def test_contributor_with_a_bad_checksum_is_listed_once_and_reported() -> None:
    credit = "http://credit.niso.org/contributor-roles/"
    bad = {"uri": "https://orcid.org/0000-0002-1825-0098", "path": "0000-0002-1825-0098", "host": "orcid.org"}
    contributors = [{"contributor-orcid": bad, "credit-name": {"value": "A. Person"},
                     "contributor-attributes": {"contributor-role": credit + role}}
                    for role in ("conceptualization/", "writing-original-draft/")]
    result = _read_json({"work": {"title": {"title": {"value": "T"}}, "type": "other",
                                  "contributors": {"contributor": contributors}}})
    assert result.document["publications"][0]["authors"] == [{"name": "A. Person"}]
    assert [str(x) for x in result.losses] == [
        "/publications/0/authors/0: contributor iD '0000-0002-1825-0098' fails the ORCID checksum; left out"]


def test_work_types_are_orcid_model_work_type_java() -> None:
    assert len(orcid.WORK_TYPES) == 45 and {"review", "dissertation-thesis", "undefined"} <= orcid.WORK_TYPES
    assert _read_json({"work": {"title": {"title": {"value": "T"}}, "type": "article-journal"}}).document[
        "publications"][0]["type"] == "journal-article"


def test_error_answer_is_detected_without_a_format(shared, tmp_path) -> None:
    import subprocess
    import sys

    path = shared / "reference" / "orcid" / "samples" / "read_samples" / "error-3.0.xml"
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", str(path), "-t", "json"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (f"resumeconv: {path}: ORCID answered with an error, not works: HTTP 0: "
                           "error:developer-message\n")
