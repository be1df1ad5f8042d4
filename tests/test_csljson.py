"""CSL-JSON: our writer rendered by a real CSL processor (citeproc-py), Zotero's exports read, round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import resumeconv
from conftest import ROOT, SAMPLE_JSON
from resumeconv import formats
from resumeconv.formats import csljson

FIXTURES = ROOT / "tests" / "fixtures" / "csljson"


def _write(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[Any]]:
    out = formats.get("csl-json").write(doc)
    return json.loads(out.data), out.losses


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    return doc


PUB = {"name": "Advancing Model Pruning via Bi-level Optimization", "releaseDate": "2022-11",
       "authors": [{"name": "Y. Zhang", "self": True, "equalContribution": True}, {"name": "Yuguang Yao"},
                   {"name": "Ludwig van Beethoven"}, {"name": "Martin Luther King Jr."},
                   {"name": "The OPTML Group"}],
       "venue": {"name": "Advances in Neural Information Processing Systems", "short": "NeurIPS'22"},
       "type": "conference-paper", "doi": "10.5555/3600270.3601586", "arxiv": "2210.04092",
       "url": "https://example.org/bip", "pages": "18309--18326", "volume": "35", "group": "first-authored"}


def test_item_fields() -> None:
    items, losses = _write({"publications": [PUB]})
    assert items == [{
        "id": "zhang2022advancing", "type": "paper-conference",
        "title": "Advancing Model Pruning via Bi-level Optimization",
        "author": [{"family": "Zhang", "given": "Y."}, {"family": "Yao", "given": "Yuguang"},
                   {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
                   {"family": "King", "given": "Martin Luther", "suffix": "Jr."}, {"literal": "The OPTML Group"}],
        "issued": {"date-parts": [[2022, 11]]},
        "container-title": "Advances in Neural Information Processing Systems", "container-title-short": "NeurIPS'22",
        "DOI": "10.5555/3600270.3601586", "URL": "https://example.org/bip", "volume": "35",
        "page": "18309–18326", "note": "arXiv: 2210.04092"}]
    assert [(x.pointer, x.reason, x.kind) for x in losses] == [
        ("/publications/0/authors/0/self", "CSL names have no place for 'self'", "loss"),
        ("/publications/0/authors/0/equalContribution", "CSL names have no place for 'equalContribution'", "loss"),
        ("/publications/0/group", "CSL has no place for the CV's own heading", "loss")]
    back = formats.get("csl-json").read(json.dumps(items).encode()).document["publications"][0]
    assert back["authors"][2:] == [{"name": "Ludwig van Beethoven"}, {"name": "Martin Luther King Jr."},
                                   {"name": "The OPTML Group"}]
    assert back["arxiv"] == "2210.04092" and back["pages"] == "18309--18326" and "notes" not in back


@pytest.mark.parametrize("ours", sorted(csljson.TO_CSL))
def test_every_type_round_trips_or_says_so(ours: str) -> None:
    pub = {"name": "T", "type": ours, "authors": [{"name": "A. Person"}], "releaseDate": "2020"}
    items, losses = _write({"publications": [pub]})
    back = formats.get("csl-json").read(json.dumps(items).encode()).document["publications"][0]
    assert back == pub and losses == []


def test_preprint_carries_arxiv_as_zotero_does() -> None:
    pub = {"name": "P", "type": "preprint", "arxiv": "2310.02025", "status": "under-review",
           "releaseDate": "2023-10-03"}
    items, losses = _write({"publications": [pub]})
    assert items[0]["number"] == "arXiv:2310.02025" and items[0]["type"] == "article"
    assert items[0]["status"] == "under review" and items[0]["issued"] == {"date-parts": [[2023, 10, 3]]}
    assert losses == []


def test_sample_round_trip_reports_every_difference() -> None:
    doc = _sample()
    out = formats.get("csl-json").write(doc)
    back = formats.get("csl-json").read(out.data).document
    assert resumeconv.validate(back) == []
    assert len(back["publications"]) == 34
    places = {x.pointer for x in out.losses}
    assert {f"/{k}" for k in doc if k != "publications"} <= places
    from resumeconv.core.losses import covered, differences

    unreported = [p for p, _ in differences(doc["publications"], back["publications"], "/publications")
                  if not covered(p, out.losses)]
    assert unreported == []
    # 'Y, Chen' (a typo in the CV) comes back as 'Y Chen', and the report says so.
    assert any(x.pointer == "/publications/0/authors/2/name" and x.kind == "normalization" for x in out.losses)


def test_rendered_by_citeproc_py() -> None:
    citeproc = pytest.importorskip("citeproc", reason="citeproc-py is not installed (pip install '.[test]')")
    from citeproc import (  # type: ignore[import-untyped]
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

    # A made-up paper (the DOI has the 10.5555 example prefix) and a three-author paper of the sample CV.
    items, _ = _write({"publications": [PUB, _sample()["publications"][32]]})
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    assert [str(entry) for entry in bibliography.bibliography()] == [
        "Zhang, Y. et al. (2022) “Advancing Model Pruning via Bi-level Optimization”, Advances in Neural Information "
        "Processing Systems, pp. 18309–18326. Available at: https://doi.org/10.5555/3600270.3601586.",
        "Zhuang, H., Zhang, Y. and Liu, S. (2023) “A Pilot Study of Query-Free Adversarial Attack against Stable "
        "Diffusion”, The IEEE/CVF Conference on Computer Vision and Pattern Recognition 2023."]
    assert citeproc.__name__ == "citeproc"


def test_zotero_export_reads_into_a_valid_document() -> None:
    result = formats.get("csl-json").read((FIXTURES / "zotero-bbt-pandoc-citation.csl.json").read_bytes())
    pubs = result.document["publications"]
    assert resumeconv.validate(result.document) == []
    assert pubs[0] == {
        "name": "The physical volcanology of the 1600 eruption of Huaynaputina, southern Peru",
        "type": "journal-article", "releaseDate": "2014-12-31", "venue": {"name": "Bulletin of Volcanology"},
        "authors": [{"name": n} for n in ("Nancy K Adams", "Shanaka L DeSilva", "Steven Self", "Guido Salas",
                                          "Steven Schubring", "Jason L Permenter", "Kendra Arbesman")],
        "volume": "62", "pages": "493--518"}
    assert pubs[1]["doi"] == "10.1484/J.SE.2.303788" and pubs[1]["releaseDate"] == "1994"
    assert pubs[2]["name"] == ("Samuel Presbiter: Notes from the school of William de Montibus. Collecta ex diuersis "
                               "auditis in scola magistri Willelmi de Monte")
    assert pubs[3]["type"] == "edited-book" and pubs[3]["authors"] == [{"name": "John Wordsworth"}]
    reasons = {(x.pointer, x.reason) for x in result.losses}
    assert ("/0/issued", "a date range: the CV keeps its start") in reasons
    assert ("/0/title", "rich-text markup removed") in reasons
    assert ("/0/id", "the CSL item id (a citation key) is not kept") in reasons  # Zotero's key, not one we derive
    assert ("/1/accessed", "the CV has no place for the CSL variable 'accessed'") in reasons
    assert ("/3/publisher-place", "the CV has no place for the CSL variable 'publisher-place'") in reasons


def test_zotero_paper_conference() -> None:
    result = formats.get("csl-json").read((FIXTURES / "zotero-bbt-paper-conference.csl.json").read_bytes())
    assert result.document["publications"] == [{
        "name": "A case study in integration of case-based and temporal reasoning using CAFE and Tachyon",
        "type": "conference-paper", "authors": [{"name": "Piero Bonissone"}, {"name": "Jonathan Stillman"}],
        "pages": "169--177"}]
    assert resumeconv.validate(result.document) == []
    assert ("/0/citation-key", "the CV has no place for the CSL variable 'citation-key'") in {
        (x.pointer, x.reason) for x in result.losses}


@pytest.mark.parametrize(("data", "message"), [
    (b"", "file is empty"),
    (b'{"title": "x"}', "CSL-JSON is an array of items, not an object"),
    (b'[{"title": "x",}]', "x.csl.json:1:"),
])
def test_bad_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(resumeconv.InputError, match=message):
        formats.get("csl-json").read(data, source="x.csl.json")


def test_empty_and_own_ids() -> None:
    out = formats.get("csl-json").write({"publications": []})
    assert out.data == b"[]\n"
    assert [(x.pointer, x.kind) for x in out.losses] == [("/publications", "normalization")]
    assert formats.get("csl-json").read(out.data).document == {}
    items, _ = _write({"publications": [PUB, PUB]})
    assert [i["id"] for i in items] == ["zhang2022advancing", "zhang2022advancinga"]
    assert formats.get("csl-json").read(json.dumps(items).encode()).losses == []


def test_dates_at_their_precision_and_odd_dates() -> None:
    items = [{"type": "book", "title": "a", "issued": {"date-parts": [["2019", "4"]]}},
             {"type": "book", "title": "b", "issued": {"date-parts": [[1985]], "season": 1}},
             {"type": "book", "title": "c", "issued": {"date-parts": [[2014, 13]]}},
             {"type": "book", "title": "d", "issued": {"raw": "2020-05"}},
             {"type": "book", "title": "e", "issued": {"date-parts": [[-334]]}},
             {"type": "webpage", "title": "f"}]
    result = formats.get("csl-json").read(json.dumps(items).encode())
    assert [p.get("releaseDate") for p in result.document["publications"]] == ["2019-04", "1985", "2014", "2020-05",
                                                                              None, None]
    assert result.document["publications"][5]["type"] == "other"
    reasons = [(x.pointer, x.reason) for x in result.losses]
    assert ("/1/issued/season", "the CV has no place for a date's 'season'") in reasons
    assert ("/4/issued", "a year outside 1000-2999 cannot be held by the CV") in reasons
    assert ("/5/type", "CSL type 'webpage' read as 'other'") in reasons


def test_cli_convert_by_extension(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from resumeconv.cli import main

    out = tmp_path / "cv.csl.json"
    result = CliRunner().invoke(main, ["convert", str(SAMPLE_JSON), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 34
    back = CliRunner().invoke(main, ["convert", str(out), "-t", "json"])
    assert back.exit_code == 0 and len(json.loads(back.stdout)["publications"]) == 34
    assert formats.detect(str(out), out.read_bytes()).name == "csl-json"
    assert formats.detect(None, out.read_bytes()).name == "csl-json"
