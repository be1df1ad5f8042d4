"""``enrich`` against answers the real APIs gave to other people's test suites (habanero's Crossref cassettes and
others: tests/fixtures/enrich/recorded/SOURCE.md), served from 127.0.0.1.

The CV below is ours (a person citing those works the way CVs do); the answers are not. ``EXPECTED`` is every id
that must be written; the counts of right and wrong ids are what docs/enrich.md states.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from enrich_servers import FIXTURES, RECORDED, TELE, Apis
from resumeconv.enrich import EnrichOptions, enrich, make_fetcher
from resumeconv.enrich.match import BLOCKED, linked_by_id, score, subtitle_dropped
from resumeconv.enrich.sources import Candidate, parse

MEE = {"name": "Methods in Ecology and Evolution"}
ARUNDO = ["X. Wang", "Y. Wang", "Y. Sun", "K. Wang", "J. Yang", "D. Zeng", "L. Mo", "J. Liao", "Q. Peng", "Y. Yao",
          "G. Pu"]
PRETRAINING = ["S. Gururangan", "A. Marasović", "S. Swayamdipta", "K. Lo", "I. Beltagy", "D. Downey", "N. A. Smith"]


def _pub(name: str, authors: list[str], year: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "authors": [{"name": a} for a in authors], "releaseDate": year, **more}


CASES: list[tuple[str, dict[str, Any]]] = [
    ("one of three editions (2003, 2012, 2026)",
     _pub("Using the canvas Widget", ["C. Flynt"], "2012", venue={"name": "Tcl/Tk"})),
    ("Crossref JATS <scp> splitting words",
     _pub("Treebase: an R package for discovery, access and manipulation of online phylogenies",
          ["C. Boettiger", "D. Temple Lang"], "2012", venue=MEE)),
    ("score exactly at the threshold (an 'et al.' author list)",
     _pub("RNeXML: a package for reading and writing richly annotated phylogenetic, character and trait data in R",
          ["C. Boettiger", "S. Chamberlain"], "2015")),
    ("<scp> with line breaks, a curly apostrophe",
     _pub("The role of AI in ecology's computational carbon footprint",
          ["K. E. Norman", "C. Boettiger", "T. Poisot", "G. M. Jones"], "2025")),
    ("<scp>r</scp> mid-title",
     _pub("A Shiny R app to solve the problem of when to stop managing or surveying species under imperfect "
          "detection", ["L. Pascal", "M. Memarzadeh", "C. Boettiger", "H. Lloyd", "I. Chadès"], "2020", venue=MEE)),
    ("<sub> and <sup> in a formula",
     _pub("Encapsulation of the [Ru(bpy)3]2+ luminophore in a unique hydrogen-bonded host framework",
          ["M. Handke", "Y. Wu", "Y. Li", "C. T. Hu", "M. D. Ward"], "2020", venue={"name": "CrystEngComm"})),
    ("<i> inside a word", _pub("5,7-Dimethyl-1H-indole-2,3-dione",
                               ["M. F. Perez", "V. Desikan", "J. A. Golen", "D. R. Manke"], "2017")),
    ("subtitle left out, <i> in the main title",
     _pub("Soil polluted system shapes endophytic fungi communities associated with Arundo donax", ARUNDO, "2025",
          venue={"name": "PeerJ"})),
    ("subtitle left out ('Survey Study')",
     _pub(TELE.split(":")[0], ["A. Grenier Ouimet", "G. Wagner", "L. Raymond", "G. Paré"], "2020",
          venue={"name": "Journal of Medical Internet Research"})),
    ("DBLP's &apos; in a title",
     _pub("Don't Stop Pretraining: Adapt Language Models to Domains and Tasks", PRETRAINING, "2020",
          venue={"name": "ACL"})),
]
EXPECTED = {0: {"doi": "10.1016/b978-0-12-384717-1.00012-9"}, 1: {"doi": "10.1111/j.2041-210x.2012.00247.x"},
            2: {"doi": "10.1111/2041-210x.12469"}, 3: {"doi": "10.1002/fee.70021"},
            4: {"doi": "10.1111/2041-210x.13501"}, 5: {"doi": "10.1039/d0ce00680g"},
            6: {"doi": "10.1107/s2414314617004448"}, 7: {"doi": "10.7717/peerj.18789"},
            8: {"doi": "10.2196/22081"}, 9: {"doi": "10.18653/V1/2020.ACL-MAIN.740"}}


def _run(apis: Apis, tmp_path: Path, pubs: list[dict[str, Any]]) -> tuple[dict[int, dict[str, str]], Any]:
    fetcher = make_fetcher(cache_dir=str(tmp_path / "cache"), delay=0)
    fetcher.sleep = lambda seconds: None
    doc = {"publications": [dict(p) for p in pubs]}
    after, report = enrich(doc, EnrichOptions(base_urls=apis.base_urls(), openalex_key="k"), fetcher)
    added = {}
    for i, (old, new) in enumerate(zip(doc["publications"], after["publications"], strict=True)):
        diff = {k: v for k, v in new.items() if k not in old}
        if diff:
            added[i] = diff
    return added, report


def test_recorded_answers_right_ids_and_no_wrong_ones(httpserver: HTTPServer, tmp_path: Path) -> None:
    added, report = _run(Apis(httpserver, RECORDED), tmp_path, [p for _, p in CASES])
    right = sum(1 for i, ids in added.items() for k, v in ids.items() if EXPECTED.get(i, {}).get(k) == v)
    wrong = sum(1 for i, ids in added.items() for k, v in ids.items() if EXPECTED.get(i, {}).get(k) != v)
    assert (right, wrong) == (10, 0)
    assert added == EXPECTED
    assert report.errors == 0
    rnexml = report.publications[2].added["doi"]
    assert rnexml["score"] == 0.8  # exactly the threshold: accepted
    editions = {d.candidate.doi: d for d in report.publications[0].candidates}
    assert editions["10.1016/b978-155860802-3/50012-0"].score.value == BLOCKED
    assert editions["10.1016/b978-155860802-3/50012-0"].score.reasons[-1] == (
        "year 2003 is 9 years from the CV's 2012: another edition or another work, and no id links them (score held "
        "at 0.5)")
    assert editions["10.1016/b978-0-44-326556-3.00022-7"].score.value == BLOCKED
    assert report.publications[7].candidates[0].score.reasons[0] == (
        "title agrees but for a subtitle one of them leaves out (0.90)")


def test_another_edition_alone_is_not_written(httpserver: HTTPServer, tmp_path: Path) -> None:
    """The issue's case: the only record is the same chapter 9 years earlier (title, author and book agree)."""
    table = {"crossref": {"Using the canvas Widget": "recorded/crossref/tcltk-canvas-2003-only.json"}}
    added, report = _run(Apis(httpserver, table), tmp_path, [CASES[0][1]])
    assert added == {}
    (decision,) = report.publications[0].candidates
    assert decision.score.value == 0.5 and decision.written == []
    assert decision.notes == ["doi 10.1016/b978-155860802-3/50012-0 not written: score 0.50 is below the threshold 0.8"]


def test_an_id_the_cv_has_links_a_distant_year() -> None:
    cand = Candidate("crossref", "Using the canvas Widget", authors=["Clif Flynt"], year=2003, venue="Tcl/Tk",
                     doi="10.1016/b978-155860802-3/50012-0")
    pub = _pub("Using the canvas Widget", ["C. Flynt"], "2012", venue={"name": "Tcl/Tk"},
               doi="10.1016/B978-155860802-3/50012-0")
    assert linked_by_id(pub, cand) == "the CV's DOI 10.1016/B978-155860802-3/50012-0 names it"
    assert score(pub, cand).value == 0.85
    assert score({**pub, "doi": None}, cand).value == BLOCKED


def test_markup_and_entities_are_gone_before_matching() -> None:
    def titles(name: str, source: str = "crossref") -> list[str]:
        return [c.title for c in parse(source, (FIXTURES / "recorded" / source / name).read_text(encoding="utf-8"))]

    assert titles("boettiger.json") == [
        "Treebase: anRpackage for discovery, access and manipulation of online phylogenies",
        "RNeXML: a package for reading and writing richly annotated phylogenetic, character and trait data in r",
        "The role of AI in ecology’s computational carbon footprint",
        "A Shiny r app to solve the problem of when to stop managing or surveying species under imperfect detection"]
    assert titles("nsf-funded.json") == [
        "Encapsulation of the [Ru(bpy)3]2+ luminophore in a unique hydrogen-bonded host framework",
        "5,7-Dimethyl-1H-indole-2,3-dione"]
    assert titles("dont-stop-pretraining.json", "dblp") == [
        "Don't Stop Pretraining: Adapt Language Models to Domains and Tasks"]
    colloid = parse("crossref", (FIXTURES / "recorded" / "crossref" / "colloid-amp.json").read_text(encoding="utf-8"))
    assert colloid[0].venue == "Progress in Colloid & Polymer Science"
    assert parse("crossref", json.dumps({"status": "ok", "message": {"items": [
        {"title": ["Sets where a < b and b > c"], "DOI": "10.1/x"}]}}))[0].title == "Sets where a < b and b > c"


def test_a_dropped_subtitle_needs_a_main_title_of_three_words() -> None:
    assert subtitle_dropped("Soil polluted system shapes fungi: a field study", "Soil polluted system shapes fungi")
    assert subtitle_dropped("Investigating Patients’ Intention: Survey Study", "Investigating Patients’ Intention")
    assert not subtitle_dropped("SalUn: Empowering Machine Unlearning", "SalUn")
    assert not subtitle_dropped("Fairness Reprogramming", "Fairness Reprogramming for Graphs")
