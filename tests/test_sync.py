"""`resumeconv sync`: publications from files and services matched into a CV without duplicates.

The DBLP answer is a recorded real one (tests/fixtures/sync/SOURCE.md); services are served on 127.0.0.1.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, SAMPLE_JSON
from resumeconv.cli import main
from resumeconv.sync import Source, sync

FIXTURES = ROOT / "tests" / "fixtures" / "sync"
DBLP = FIXTURES / "dblp-95-7448-1.xml"


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in (result.output + result.stderr)
    return result


def _di_xu_cv() -> dict[str, Any]:
    """A CV of the DBLP person holding two of the eight records: one with its DOI, one without."""
    return {
        "basics": {"name": "Di Xu"},
        "publications": [
            {"name": "Correction of clipped pixels in color images", "releaseDate": "2011",
             "authors": [{"name": "D. Xu", "self": True}, {"name": "C. Doutre"}, {"name": "P. Nasiopoulos"}],
             "venue": {"name": "IEEE Transactions on Visualization and Computer Graphics"},
             "type": "journal-article", "doi": "10.1109/TVCG.2010.63"},
            {"name": "Logo Insertion Transcoding for H.264/AVC Compressed Video", "releaseDate": "2009",
             "authors": [{"name": "D. Xu", "self": True}, {"name": "P. Nasiopoulos"}],
             "venue": {"name": "ICIP"}, "type": "conference-paper"},
        ],
    }


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "cv.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------- a real DBLP page


def test_dblp_page_adds_six_completes_one_and_marks_the_owner_by_pid(tmp_path: Path) -> None:
    cv = _write(tmp_path, _di_xu_cv())
    out = tmp_path / "synced.json"
    result = _run("sync", str(cv), "--from", str(DBLP), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "resumeconv: sync: 6 added, 0 linked, 1 completed, 0 conflict, 0 skipped, 1 unchanged" in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    pubs = doc["publications"]
    assert len(pubs) == 8
    # The entry without a DOI gained it; nothing else of it changed.
    before = _di_xu_cv()["publications"][1]
    assert pubs[1] == {**before, "doi": "10.1109/ICIP.2009.5414225"}
    assert pubs[0] == _di_xu_cv()["publications"][0]
    first_added = pubs[2]
    assert first_added["name"] == "Automatic stereoscopic 3D video reframing"
    assert [a["name"] for a in first_added["authors"]] == ["Lino Coria-Mendoza", "Di Xu", "Panos Nasiopoulos"]
    assert [bool(a.get("self")) for a in first_added["authors"]] == [False, True, False]
    assert first_added["releaseDate"] == "2012" and first_added["doi"] == "10.1109/3DTV.2012.6365428"
    assert "  " + str(DBLP) + "#4 completed /publications/1 'Logo insertion transcoding for H.264/AVC compressed " \
        "video': doi 10.1109/ICIP.2009.5414225 added" not in result.stderr  # numbered by source position:
    assert f"  {DBLP}#8 completed /publications/1 'Logo insertion transcoding for H.264/AVC compressed video': " \
           "doi 10.1109/ICIP.2009.5414225 added" in result.stderr


def test_a_second_sync_adds_nothing(tmp_path: Path) -> None:
    cv = _write(tmp_path, _di_xu_cv())
    assert _run("sync", str(cv), "--from", str(DBLP), "--in-place").exit_code == 0
    once = cv.read_bytes()
    again = _run("sync", str(cv), "--from", str(DBLP), "--in-place")
    assert again.exit_code == 0
    assert "0 added, 0 linked, 0 completed, 0 conflict, 0 skipped, 8 unchanged" in again.stderr
    assert cv.read_bytes() == once
    assert not (tmp_path / "cv.json.bak").exists()


def test_the_sample_synced_with_its_own_orcid_and_bibtex_exports_changes_nothing() -> None:
    from resumeconv.syncsources import load_source

    doc = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    sources = [load_source(str(ROOT / "samples" / name)) for name in ("yihua-zhang.orcid.json",
                                                                      "yihua-zhang.orcid.bib")]
    result = sync(doc, sources)
    assert result.counts() == {"added": 0, "linked": 0, "completed": 0, "conflict": 0, "skipped": 0,
                               "unchanged": 68}
    assert result.document == doc


# ------------------------------------------------------------------------------------------- served on 127.0.0.1


def test_dblp_pid_is_fetched_from_the_service(httpserver, tmp_path: Path) -> None:
    httpserver.expect_request("/pid/95/7448-1.xml").respond_with_data(DBLP.read_bytes(),
                                                                      content_type="application/xml")
    cv = _write(tmp_path, _di_xu_cv())
    result = _run("sync", str(cv), "--from", "dblp:95/7448-1", "--dry-run", "--report", "json",
                  "--dblp-base-url", httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"] == {"added": 6, "linked": 0, "completed": 1, "conflict": 0, "skipped": 0,
                                 "unchanged": 1}
    assert report["actions"][0] == {"kind": "added", "source": "dblp:95/7448-1", "index": 0,
                                    "title": "Automatic stereoscopic 3D video reframing",
                                    "target": "/publications/2", "details": []}
    assert json.loads(cv.read_text(encoding="utf-8")) == _di_xu_cv()  # --dry-run writes nothing
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"].startswith("resumeconv/")


def _openalex_work(n: int, title: str, year: int, date: str, authors: list[tuple[str, str]],
                   **extra: Any) -> dict[str, Any]:
    """A work in the shape of OpenAlex's Work object (docs.openalex.org): only the fields the reader uses."""
    return {
        "id": f"https://openalex.org/W10000000{n}", "display_name": title, "title": title,
        "publication_year": year, "publication_date": date, "type": "article",
        "authorships": [{"author_position": "first" if i == 0 else "middle",
                         "author": {"id": f"https://openalex.org/{aid}", "display_name": name, "orcid": None},
                         "raw_author_name": name} for i, (aid, name) in enumerate(authors)],
        "primary_location": {"source": {"display_name": "ICIP", "type": "conference"}},
        "locations": [], "is_retracted": False, **extra,
    }


def test_openalex_author_pages_are_all_read_and_the_owner_is_the_author_id(httpserver, tmp_path: Path) -> None:
    me, other = "A5000000001", "A5000000002"
    page1 = {"meta": {"count": 2, "next_cursor": "abc"}, "results": [
        _openalex_work(1, "Saturated-pixel enhancement for color images", 2010, "2010-05-30",
                       [(me, "Di Xu"), (other, "Colin Doutre")], doi="https://doi.org/10.1109/ISCAS.2010.5537871")]}
    page2 = {"meta": {"count": 2, "next_cursor": None}, "results": [
        _openalex_work(2, "A <i>new</i> method &amp; more", 2013, "2013-01-01", [(other, "Colin Doutre"),
                                                                                 (me, "Di Xu")])]}
    httpserver.expect_ordered_request("/works", query_string={"filter": f"author.id:{me}", "per_page": "200",
                                                              "cursor": "*"}).respond_with_json(page1)
    httpserver.expect_ordered_request("/works", query_string={"filter": f"author.id:{me}", "per_page": "200",
                                                              "cursor": "abc"}).respond_with_json(page2)
    cv = _write(tmp_path, {"basics": {"name": "Di Xu"}})
    out = tmp_path / "out.json"
    result = _run("sync", str(cv), "--from", f"openalex:{me}", "-o", str(out),
                  "--openalex-base-url", httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    pubs = json.loads(out.read_text(encoding="utf-8"))["publications"]
    assert [p["name"] for p in pubs] == ["Saturated-pixel enhancement for color images", "A new method & more"]
    assert [p["releaseDate"] for p in pubs] == ["2010-05-30", "2013"]  # -01-01 is OpenAlex's unknown day
    assert [[bool(a.get("self")) for a in p["authors"]] for p in pubs] == [[True, False], [False, True]]
    assert pubs[0]["doi"] == "10.1109/ISCAS.2010.5537871"
    assert "resumeconv: warning: no OpenAlex API key (--openalex-key or OPENALEX_API_KEY)" in result.stderr


def test_an_unreachable_service_is_one_line_and_exit_2(tmp_path: Path) -> None:
    cv = _write(tmp_path, _di_xu_cv())
    result = _run("sync", str(cv), "--from", "dblp:95/7448-1", "--dry-run", "--timeout", "2",
                  "--dblp-base-url", "http://127.0.0.1:9/")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resumeconv: dblp:95/7448-1: DBLP: cannot connect")


# ------------------------------------------------------------------------------------------- the hard cases


def _pub(title: str, year: str, authors: list[str], **extra: Any) -> dict[str, Any]:
    return {"name": title, "releaseDate": year, "authors": [{"name": a} for a in authors], **extra}


def _cv(*pubs: dict[str, Any]) -> dict[str, Any]:
    return {"basics": {"name": "Yihua Zhang"}, "publications": list(pubs)}


def _sync(doc: dict[str, Any], *incoming: dict[str, Any], lead: str = "existing"):
    return sync(doc, [Source("src", list(incoming))], lead=lead)  # type: ignore[arg-type]


def test_same_title_by_other_authors_is_another_publication() -> None:
    doc = _cv(_pub("Deep Learning", "2016", ["Y. Zhang", "S. Liu"]))
    result = _sync(doc, _pub("Deep Learning", "2016", ["Ian Goodfellow", "Yoshua Bengio", "Aaron Courville"]))
    assert [a.kind for a in result.actions] == ["added"]
    assert result.actions[0].details[0] == "same title as /publications/0 by other authors: another publication"
    assert len(result.document["publications"]) == 2


def test_two_editions_far_apart_are_two_publications() -> None:
    doc = _cv(_pub("Optimization for Machine Learning", "2012", ["Y. Zhang", "S. Liu"], type="book-chapter"))
    result = _sync(doc, _pub("Optimization for machine learning", "2021", ["Yihua Zhang", "Sijia Liu"],
                             type="book-chapter"))
    assert result.actions[0].kind == "added"
    assert "but 2021 vs 2012: another edition" in result.actions[0].details[0]


def test_published_version_links_to_the_cv_preprint_and_keeps_what_the_cv_says() -> None:
    preprint = _pub("Robust Mixture-of-Expert Training", "2023", ["Y. Zhang", "R. Cai", "S. Liu"],
                    type="preprint", arxiv="2303.12345", venue={"name": "arXiv"})
    published = _pub("Robust mixture-of-expert training for convolutional neural networks", "2024",
                     ["Yihua Zhang", "Ruisi Cai", "Sijia Liu"], type="conference-paper",
                     venue={"name": "ICCV"}, doi="10.1109/ICCV.2023.00012")
    published_same_title = {**published, "name": "Robust Mixture-of-Expert Training"}
    doc = _cv(copy.deepcopy(preprint))
    result = _sync(doc, published_same_title)
    assert [a.kind for a in result.actions] == ["linked"]
    assert result.actions[0].details == ["the published version of this entry", "doi 10.1109/ICCV.2023.00012 added"]
    assert result.document["publications"] == [{**preprint, "doi": "10.1109/ICCV.2023.00012"}]
    led = _sync(_cv(copy.deepcopy(preprint)), published_same_title, lead="published")
    entry = led.document["publications"][0]
    assert entry["venue"] == {"name": "ICCV"} and entry["releaseDate"] == "2024" and entry["type"] == \
        "conference-paper"
    assert entry["arxiv"] == "2303.12345" and entry["doi"] == "10.1109/ICCV.2023.00012"
    assert "venue now the published version's ('arXiv' -> 'ICCV')" in led.actions[0].details


def test_preprint_links_to_the_cv_published_version_both_ways() -> None:
    published = _pub("Revisiting Zeroth-Order Optimization", "2024", ["Y. Zhang", "P. Li", "S. Liu"],
                     venue={"name": "ICML"}, type="conference-paper")
    preprint = _pub("Revisiting zeroth-order optimization", "2023", ["Yihua Zhang", "Pingzhi Li", "Sijia Liu"],
                    type="preprint", venue={"name": "CoRR"}, arxiv="2402.11592")
    result = _sync(_cv(copy.deepcopy(published)), preprint)
    assert [a.kind for a in result.actions] == ["linked"]
    assert result.document["publications"] == [{**published, "arxiv": "2402.11592"}]


def test_an_erratum_is_skipped_and_names_its_original() -> None:
    doc = _cv(_pub("Sparse Training at Scale", "2022", ["Y. Zhang"]))
    result = _sync(doc, _pub("Erratum: Sparse training at scale", "2023", ["Y. Zhang"]))
    assert result.actions[0].kind == "skipped"
    assert result.actions[0].details == ["an erratum, correction or retraction notice, not a publication of its own "
                                         "(it concerns /publications/0)"]
    assert result.document == doc


def test_a_retracted_work_is_not_added() -> None:
    result = _sync(_cv(), _pub("A Result Later Withdrawn", "2020", ["Y. Zhang"], notes=["Retracted (OpenAlex)"]))
    assert result.actions[0].kind == "skipped"
    assert "publications" not in result.document or result.document["publications"] == []


def test_the_owner_twice_in_one_author_list_marks_none_and_says_so() -> None:
    result = _sync(_cv(), _pub("Two Namesakes", "2024", ["Yihua Zhang", "Y. Zhang", "S. Liu"]))
    assert result.actions[0].kind == "added"
    assert result.actions[0].details == ["2 authors could be the CV's owner (Yihua Zhang, Y. Zhang); none marked"]
    assert not any(a.get("self") for a in result.document["publications"][0]["authors"])


def test_the_owner_is_found_by_the_cv_name_variants() -> None:
    doc = _cv(_pub("Old Paper", "2020", ["Y. Zhang", "S. Liu"]))
    doc["publications"][0]["authors"][0]["self"] = True
    result = _sync(doc, _pub("New Paper", "2025", ["Sijia Liu", "Zhang, Yihua"]))
    assert [bool(a.get("self")) for a in result.document["publications"][1]["authors"]] == [False, True]


def test_a_conflicting_year_and_title_are_reported_never_written() -> None:
    mine = _pub("Fairness Reprogramming", "2022", ["G. Zhang", "Y. Zhang"], doi="10.5555/fair.2022",
                venue={"name": "NeurIPS"})
    doc = _cv(copy.deepcopy(mine))
    theirs = _pub("Fairness reprogramming for deep models", "2023", ["Guanhua Zhang", "Yihua Zhang"],
                  doi="10.5555/FAIR.2022", venue={"name": "Advances in Neural Information Processing Systems"})
    result = _sync(doc, theirs)
    assert result.actions[0].kind == "conflict"
    assert result.actions[0].details == ["title differs: the source has 'Fairness reprogramming for deep models'",
                                         "year differs: the CV has 2022, the source 2023",
                                         "venue differs: the source has 'Advances in Neural Information Processing "
                                         "Systems'"]
    assert result.document["publications"] == [mine]


def test_fail_on_conflict_exits_1_and_a_missing_mode_exits_2(tmp_path: Path) -> None:
    cv = _write(tmp_path, _cv(_pub("Fairness Reprogramming", "2022", ["Y. Zhang"], doi="10.5555/x")))
    src = _write(tmp_path, _cv(_pub("Fairness Reprogramming", "2019", ["Y. Zhang"], doi="10.5555/X")), "src.json")
    assert _run("sync", str(cv), "--from", str(src), "--dry-run").exit_code == 0
    assert _run("sync", str(cv), "--from", str(src), "--dry-run", "--fail-on-conflict").exit_code == 1
    usage = _run("sync", str(cv), "--from", str(src))
    assert usage.exit_code == 2
    assert usage.stderr.strip() == "resumeconv: give one of -o OUTPUT, --in-place or --dry-run"


def test_an_unreadable_source_names_its_line(tmp_path: Path) -> None:
    cv = _write(tmp_path, _di_xu_cv())
    bad = tmp_path / "broken.dblp.xml"
    bad.write_text('<?xml version="1.0"?>\n<dblpperson name="X" pid="1/1">\n<r><article>\n</dblpperson>\n')
    result = _run("sync", str(cv), "--from", str(bad), "--dry-run")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"resumeconv: {bad}:4:")


def test_sync_writes_yaml_for_a_yaml_cv(tmp_path: Path) -> None:
    import yaml

    source = ROOT / "samples" / "yihua-zhang.resume.yaml"
    cv = tmp_path / "cv.yaml"
    shutil.copy(source, cv)
    result = _run("sync", str(cv), "--from", str(DBLP), "--in-place")
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(cv.read_text(encoding="utf-8"))
    assert len(doc["publications"]) == 34 + 8
    assert [a.get("self", False) for a in doc["publications"][-1]["authors"]] == [True, False]


@pytest.mark.parametrize("spec", ["dblp:not a pid", "openalex:W123"])
def test_malformed_service_ids_are_usage_errors(spec: str, tmp_path: Path) -> None:
    cv = _write(tmp_path, _di_xu_cv())
    result = _run("sync", str(cv), "--from", spec, "--dry-run")
    assert result.exit_code == 2
    assert "is not a" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_orcid_record_is_read_from_recorded_api_answers(httpserver, shared: Path, tmp_path: Path) -> None:
    """ORCID's own answers (../shared/reference/orcid: a sandbox record's GET /works and a bulk GET) served here."""
    samples = shared / "reference" / "orcid" / "samples"
    summary = json.loads((samples / "api-works-summary-3.0-sandbox.json").read_text(encoding="utf-8"))
    bulk = json.loads((samples / "api-works-bulk-get-3.0-sandbox.json").read_text(encoding="utf-8"))
    oid = "0000-0003-4997-3076"
    codes = "1487805,1537385,1547701,1526002,1489307,1591568"  # one put-code a group, as the client asks
    httpserver.expect_request(f"/v3.0/{oid}/works").respond_with_json(summary)
    httpserver.expect_request(f"/v3.0/{oid}/works/{codes}").respond_with_json(bulk)
    cv = _write(tmp_path, {"basics": {"name": "Somebody Else"}})
    out = tmp_path / "out.json"
    result = _run("sync", str(cv), "--from", f"orcid:{oid}", "-o", str(out), "--orcid-base-url",
                  httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    pubs = json.loads(out.read_text(encoding="utf-8"))["publications"]
    work = bulk["bulk"][0]["work"]
    title = work["title"]
    assert [p["name"] for p in pubs] == [f"{title['title']['value']}: {title['subtitle']['value']}"]
    # The record's owner is a contributor with the record's iD: ORCID says who the owner is, not the CV's name.
    assert [(a["name"], bool(a.get("self"))) for a in pubs[0]["authors"]] == [
        ("Foo Fox", False), ("Bar Bunny", False), ("Erik Pearson", True)]
    again = _run("sync", str(out), "--from", f"orcid:{oid}", "--dry-run", "--orcid-base-url",
                 httpserver.url_for("/"))
    assert "0 added" in again.stderr and "1 unchanged" in again.stderr


def test_a_rate_limited_service_is_asked_again_after_its_retry_after(httpserver, tmp_path: Path) -> None:
    from werkzeug import Response

    httpserver.expect_ordered_request("/pid/95/7448-1.xml").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "1"}))
    httpserver.expect_ordered_request("/pid/95/7448-1.xml").respond_with_data(DBLP.read_bytes())
    cv = _write(tmp_path, _di_xu_cv())
    result = _run("sync", str(cv), "--from", "dblp:95/7448-1", "--dry-run", "--dblp-base-url",
                  httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    assert "6 added" in result.stderr and len(httpserver.log) == 2


def test_a_server_error_is_one_line_with_its_status(httpserver, tmp_path: Path) -> None:
    httpserver.expect_request("/pid/95/7448-1.xml").respond_with_data("gone", status=404)
    cv = _write(tmp_path, _di_xu_cv())
    result = _run("sync", str(cv), "--from", "dblp:95/7448-1", "--dry-run", "--dblp-base-url",
                  httpserver.url_for("/"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "resumeconv: dblp:95/7448-1: DBLP: answered HTTP 404"


def test_a_source_without_publications_is_said(tmp_path: Path) -> None:
    cv = _write(tmp_path, _di_xu_cv())
    empty = _write(tmp_path, {"basics": {"name": "Nobody"}}, "other.json")
    result = _run("sync", str(cv), "--from", str(empty), "--dry-run")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"resumeconv: warning: {empty}: no publications found there"
