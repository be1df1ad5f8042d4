"""``enrich`` against local stand-ins of OpenAlex, Crossref, arXiv and DBLP on 127.0.0.1 (recorded answers).

The adversarial CV below holds one publication per case; ``EXPECTED`` is every id that must be added. The
counts (right ids added, wrong ids added) are what docs/enrich.md states.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

import resumeconv
from conftest import SAMPLE_JSON
from enrich_servers import KDD, PEERJ, POPOLITOV, TELE, Apis, body, slow, status
from resumeconv.cli import main
from resumeconv.core.http import retry_after as _retry_after
from resumeconv.core.http import user_agent
from resumeconv.core.httpcache import Cache
from resumeconv.enrich import EnrichOptions, enrich, make_fetcher
from resumeconv.enrich.http import Fetcher
from resumeconv.enrich.match import passes, score, surname, title_similarity
from resumeconv.enrich.sources import Candidate, MalformedAnswer, parse

PEERJ_AUTHORS = ["H. Piwowar", "J. Priem", "V. Larivière", "J. P. Alperin", "L. Matthias", "B. Norlander",
                 "A. Farley", "J. West", "S. Haustein"]
TELE_AUTHORS = ["A. Grenier Ouimet", "G. Wagner", "L. Raymond", "G. Paré"]


def _pub(name: str, authors: list[str], year: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "authors": [{"name": a} for a in authors], "releaseDate": year, **more}


CASES: list[tuple[str, dict[str, Any]]] = [
    ("exact hit", _pub(PEERJ, PEERJ_AUTHORS, "2018", venue={"name": "PeerJ"}, type="journal-article")),
    ("same title, other authors", _pub(PEERJ, ["J. Smith", "M. Garcia"], "2018", type="journal-article")),
    ("near-duplicate title, same authors",
     _pub(PEERJ.replace("articles", "books"), PEERJ_AUTHORS, "2018", type="journal-article")),
    ("published version (its preprint has a DOI too)",
     _pub(TELE, TELE_AUTHORS, "2020", venue={"name": "Journal of Medical Internet Research"},
          type="journal-article")),
    ("preprint (its published version has a DOI)", _pub(TELE, TELE_AUTHORS, "2020", type="preprint")),
    ("published version of an arXiv preprint",
     _pub(POPOLITOV, ["A. Popolitov"], "2008", venue={"name": "JETP Letters", "short": "JETP Lett."},
          type="journal-article")),
    ("the arXiv preprint itself", _pub(POPOLITOV, ["A. Popolitov"], "2007", type="preprint")),
    ("hit in DBLP only", _pub(KDD, ["A. Siffer", "P.-A. Fouque", "A. Termier", "C. Largouët"], "2017",
                              venue={"name": "KDD"}, type="conference-paper")),
    ("no hit anywhere", _pub("A Study That No Index Has Heard Of", ["N. Body"], "2021")),
    ("DOI already there", _pub(PEERJ, PEERJ_AUTHORS, "2018", doi="10.7717/PEERJ.4375")),
    ("another DOI already there", _pub(PEERJ, PEERJ_AUTHORS, "2018", doi="10.1234/not-the-same")),
]
#: Every id that must be added, by case index; nothing else may be added.
EXPECTED = {0: {"doi": "10.7717/peerj.4375"}, 3: {"doi": "10.2196/22081"}, 4: {"doi": "10.2196/preprints.22081"},
            5: {"doi": "10.1134/S0021364007210011", "arxiv": "0710.2073"}, 6: {"arxiv": "0710.2073"},
            7: {"doi": "10.1145/3097983.3098144"}}


def _doc() -> dict[str, Any]:
    return {"basics": {"name": "Test Person"}, "publications": [dict(p) for _, p in CASES]}


def _fetcher(tmp_path: Path, **kwargs: Any) -> Fetcher:
    fetcher = make_fetcher(cache_dir=str(tmp_path / "cache"), delay=0, **kwargs)
    fetcher.sleep = lambda seconds: None
    return fetcher


def _options(apis: Apis, **kwargs: Any) -> EnrichOptions:
    return EnrichOptions(base_urls=apis.base_urls(), mailto="cv@example.org", **kwargs)


def _added(before: dict[str, Any], after: dict[str, Any]) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    for i, (old, new) in enumerate(zip(before["publications"], after["publications"], strict=True)):
        diff = {k: v for k, v in new.items() if k not in old}
        assert all(new[k] == v for k, v in old.items()), f"publication {i} had a value changed"
        if diff:
            out[i] = diff
    return out


def test_adversarial_cases_right_ids_and_no_wrong_ones(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    doc = _doc()
    after, report = enrich(doc, _options(apis), _fetcher(tmp_path))
    added = _added(doc, after)
    right = sum(1 for i, ids in added.items() for k, v in ids.items() if EXPECTED.get(i, {}).get(k) == v)
    wrong = sum(1 for i, ids in added.items() for k, v in ids.items() if EXPECTED.get(i, {}).get(k) != v)
    assert (right, wrong) == (7, 0)
    assert added == EXPECTED
    assert resumeconv.validate(after, lint=False) == []  # the adversarial CV repeats titles on purpose
    pubs = report.publications
    assert pubs[0].added["doi"] == {"value": "10.7717/peerj.4375", "source": "openalex", "score": 1.0,
                                    "agreeing": []}
    same_title = pubs[1].candidates[0]
    assert same_title.score.value == 0.65 and "0 of 9 author surnames agree in order" in same_title.score.reasons[1]
    assert pubs[2].candidates[0].score.reasons == ["title differs (similarity 0.85 < 0.9)"]
    notes = [n for d in pubs[3].candidates for n in d.notes]
    assert ("DOI 10.2196/preprints.22081 is a preprint's; the CV entry is the published work" in notes)
    notes = [n for d in pubs[6].candidates for n in d.notes]
    assert "DOI 10.1134/S0021364007210011 is the published version's; the CV entry is the preprint" in notes
    assert pubs[8].outcome == "nothing added" and pubs[8].candidates == [] and pubs[8].errors == []
    assert after["publications"][9]["doi"] == "10.7717/PEERJ.4375"  # the CV's spelling is kept
    kept = [n for d in pubs[10].candidates for n in d.notes]
    assert "doi kept as the CV has it (10.1234/not-the-same); this record says 10.7717/peerj.4375" in kept
    assert report.errors == 0


def test_requests_are_polite_and_pointed_at_the_test_server(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    enrich({"publications": [CASES[0][1]]}, _options(apis), _fetcher(tmp_path, mailto="cv@example.org"))
    requests_seen = [r for r, _ in httpserver.log]
    assert {r.path for r in requests_seen} == {"/openalex/works", "/crossref/works", "/arxiv/api/query",
                                               "/dblp/search/publ/api"}
    for request in requests_seen:
        assert request.headers["User-Agent"] == user_agent("cv@example.org")
        assert "mailto:cv@example.org" in request.headers["User-Agent"]
    crossref = next(r for r in requests_seen if r.path == "/crossref/works")
    assert crossref.args["mailto"] == "cv@example.org" and crossref.args["rows"] == "5"
    arxiv = next(r for r in requests_seen if r.path == "/arxiv/api/query")
    assert arxiv.args["search_query"].startswith('ti:"the state of oa a large scale analysis')


def test_cache_means_a_rerun_asks_nothing(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    first, report = enrich(_doc(), _options(apis), _fetcher(tmp_path))
    sent = len(httpserver.log)
    # 11 publications with 6 distinct titles, 4 sources: a title asked twice is answered from the cache.
    assert sent == 6 * 4 and sum(report.requests.values()) == sent
    second, again = enrich(_doc(), _options(apis), _fetcher(tmp_path))
    assert len(httpserver.log) == sent and again.requests == {}
    assert second == first


def test_retry_after_on_429_is_honoured(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    apis.faults["crossref"] = [status(429, {"Retry-After": "2"})]
    waits: list[float] = []
    fetcher = _fetcher(tmp_path)
    fetcher.sleep = waits.append
    after, report = enrich({"publications": [CASES[3][1]]}, _options(apis, sources=["crossref"]), fetcher)
    assert waits == [2.0]
    assert after["publications"][0]["doi"] == "10.2196/22081"
    assert report.requests == {"crossref": 2} and report.errors == 0


def test_retry_after_beyond_the_cap_gives_up_and_others_still_count(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    apis.faults["openalex"] = [status(429, {"Retry-After": "3600"})]
    waits: list[float] = []
    fetcher = _fetcher(tmp_path, max_wait=60)
    fetcher.sleep = waits.append
    doc = {"publications": [CASES[5][1]]}
    after, report = enrich(doc, _options(apis), fetcher)
    assert waits == []
    assert report.publications[0].errors == [
        "openalex: HTTP 429 on /openalex/works after 1 attempt(s); asked to wait 3600 s, more than 60 s"]
    assert after["publications"][0]["arxiv"] == "0710.2073"


def test_retry_after_as_http_date() -> None:
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: ask again at once
    assert _retry_after("soon") is None and _retry_after("") is None and _retry_after("7") == 7.0


def test_5xx_is_retried_with_backoff_then_reported(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    apis.faults["crossref"] = [status(503)]
    apis.faults["dblp"] = [status(500), status(502), status(500)]
    waits: list[float] = []
    fetcher = _fetcher(tmp_path, retries=2)
    fetcher.sleep = waits.append
    after, report = enrich({"publications": [CASES[3][1]]}, _options(apis, sources=["crossref", "dblp"]), fetcher)
    assert after["publications"][0]["doi"] == "10.2196/22081"
    assert waits == [1.0, 1.0, 2.0]
    assert report.publications[0].errors == ["dblp: HTTP 500 on /dblp/search/publ/api after 3 attempt(s)"]


def test_timeout_is_bounded(tmp_path: Path) -> None:
    # A server of its own: stopping it waits for the slow answers, so none of them reaches the next test.
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        apis = Apis(server)
        apis.faults["openalex"] = [slow(0.6), slow(0.6)]
        fetcher = _fetcher(tmp_path, timeout=0.2, retries=1)
        after, report = enrich({"publications": [CASES[0][1]]}, _options(apis, sources=["openalex"]), fetcher)
    finally:
        server.clear()
        server.stop()
    assert report.publications[0].errors == ["openalex: no answer within 0.2 s (2 attempt(s))"]
    assert "doi" not in after["publications"][0]


def test_malformed_answers_are_reported_and_not_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    apis.faults["openalex"] = [body(b'{"meta": {"count": 1}, "results": [')]
    apis.faults["arxiv"] = [body(b"<html><body>Service Unavailable</body></html>", "text/html")]
    apis.faults["dblp"] = [body(b'{"result": "maintenance"}')]
    options = _options(apis)
    after, report = enrich({"publications": [CASES[5][1]]}, options, _fetcher(tmp_path))
    assert report.publications[0].errors == ["OpenAlex: the answer is not JSON",
                                             "arXiv: the answer is not an Atom feed",
                                             "DBLP: the answer has no 'result.hits'"]
    assert "arxiv" not in after["publications"][0]
    again, report = enrich({"publications": [CASES[5][1]]}, options, _fetcher(tmp_path))
    assert report.requests == {"openalex": 1, "arxiv": 1, "dblp": 1}  # asked again; crossref came from the cache
    assert again["publications"][0]["arxiv"] == "0710.2073"


def test_a_source_failing_three_times_is_not_asked_again(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    apis.faults["dblp"] = [status(500)] * 3
    doc = {"publications": [_pub(f"Paper number {n}", ["A. Person"], "2020") for n in range(5)]}
    _, report = enrich(doc, _options(apis, sources=["dblp"]), _fetcher(tmp_path, retries=0))
    assert report.requests == {"dblp": 3}
    assert report.publications[4].errors == ["dblp: not asked (it failed 3 times in a row)"]


def test_rate_limit_spaces_requests_to_one_source() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        now[0] += seconds

    fetcher = Fetcher(intervals={"arxiv": 3.0}, sleep=sleep, clock=lambda: now[0])
    fetcher._pace("arxiv")
    now[0] += 0.5
    fetcher._pace("arxiv")
    fetcher._pace("crossref")
    assert waits == [2.5]


def test_interactive_hook_decides(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    offered: list[tuple[str, str, bool]] = []

    def decline(index: int, field: str, value: str, cand: Candidate, sc: Any, default: bool) -> bool:
        offered.append((field, value, default))
        return False

    after, _ = enrich({"publications": [CASES[5][1]]}, _options(apis), _fetcher(tmp_path), ask=decline)
    assert offered == [("doi", "10.1134/S0021364007210011", True), ("arxiv", "0710.2073", True)]
    assert "doi" not in after["publications"][0] and "arxiv" not in after["publications"][0]
    # Below the threshold but above the floor: offered with 'no' as the default, written when accepted.
    low = _pub(PEERJ, ["H. Piwowar", "X. Other", "Y. Other"], "2018")
    after, report = enrich({"publications": [low]}, _options(apis, sources=["openalex"]), _fetcher(tmp_path),
                           ask=lambda *a: True)
    assert after["publications"][0]["doi"] == "10.7717/peerj.4375"
    assert report.publications[0].notes == ["doi 10.7717/peerj.4375 accepted interactively"]


def test_scoring_pieces() -> None:
    assert [surname(n) for n in ["Y. Zhang", "Y, Chen", "Zhang, Yihua", "Jérôme Müller", "Yihua Zhang 0001",
                                 "P.-Y. Chen"]] == ["zhang", "chen", "zhang", "muller", "zhang", "chen"]
    assert title_similarity("Salun: Empowering X", "SalUn: empowering x") == 1.0
    assert title_similarity("Bi-level Optimization", "Bilevel Optimization") == 0.98
    assert title_similarity("Robust Mixture-of-Expert Training", "Robust Mixture-of-Experts Training") == 0.95
    assert title_similarity("Fairness Reprogramming", "Fairness Reprogramming for Graphs") < 0.9
    # A journal extension a year later with the same title and authors does not pass on its own.
    ext = Candidate("crossref", PEERJ, authors=PEERJ_AUTHORS, year=2019)
    assert score(CASES[0][1], ext).value == 0.75 and not passes(0.75, 0.8) and passes(0.8, 0.8)


def test_parsers_refuse_wrong_shapes() -> None:
    with pytest.raises(MalformedAnswer, match="Crossref: the answer is not an 'ok' work-list"):
        parse("crossref", '{"status": "failed", "message": []}')
    with pytest.raises(MalformedAnswer, match=r"arXiv: .*invalid XML"):
        parse("arxiv", "<feed")
    with pytest.raises(MalformedAnswer, match="OpenAlex: the answer is not a JSON object"):
        parse("openalex", "[]")
    one = parse("dblp", json.dumps({"result": {"hits": {"hit": {"info": {
        "authors": {"author": {"@pid": "1", "text": "Ada Lovelace 0001"}}, "title": "Notes.", "year": "1843"}}}}}))
    assert [(c.title, c.authors, c.year) for c in one] == [("Notes", ["Ada Lovelace"], 1843)]
    error_feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#x</id>'
                  "<title>Error</title></entry></feed>")
    assert parse("arxiv", error_feed) == []


def test_cache_key_ignores_mailto(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path))
    cache.put("http://x/works?q=a&mailto=one@example.org", "answer")
    assert cache.get("http://x/works?q=a&mailto=two@example.org") == "answer"
    assert cache.get("http://x/works?q=b") is None


# --- the command line ----------------------------------------------------------------------------------------

SEED_IDS = {
    "Advancing Model Pruning via Bi-level Optimization": {"arxiv": "2210.04092"},
    "Fairness Reprogramming": {"arxiv": "2209.10222"},
    "Salun: Empowering Machine Unlearning via Gradient-based Weight Saliency in Both Image Classification and "
    "Generation": {"arxiv": "2310.12508"},
    "DeepZero: Scaling up Zeroth-Order Optimization for Deep Model Training": {"arxiv": "2310.02025"},
    "Quarantine: Sparsity Can Uncover the Trojan Attack Trigger for Free": {"arxiv": "2205.11819"},
    "An Introduction to Bi-level Optimization: Foundations and Applications in Signal Processing and Machine "
    "Learning": {"arxiv": "2308.00788"},
    "Understanding and Improving Visual Prompting: A Label-Mapping Perspective": {"arxiv": "2211.11635"},
}


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd)


def test_seed_cv_run_then_orcid_push_dry_run_accepts_the_works_with_ids(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    cv, out, report_file = tmp_path / "cv.json", tmp_path / "enriched.json", tmp_path / "report.json"
    shutil.copy(SAMPLE_JSON, cv)
    before = cv.read_bytes()
    run = _cli("enrich", str(cv), "-o", str(out), "--report", str(report_file), "--delay", "0",
               "--cache-dir", str(tmp_path / "cache"), "--mailto", "cv@example.org", *apis.base_args())
    assert run.returncode == 0, run.stderr
    assert cv.read_bytes() == before
    doc, enriched = json.loads(before), json.loads(out.read_text(encoding="utf-8"))
    added = {doc["publications"][i]["name"]: ids for i, ids in _added(doc, enriched).items()}
    assert added == SEED_IDS
    assert resumeconv.validate(enriched) == []
    assert run.stderr.rstrip().splitlines()[-1] == (
        "resumeconv: 34 publication(s): ids added to 7 (0 DOI, 7 arXiv), 27 left as they were; "
        "136 answer(s) read, 136 request(s) sent, 0 failed")
    assert "  + arxiv 2210.04092 from arxiv (score 0.95; agreed by dblp)" in run.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    reimagined = next(p for p in report["publications"] if p["title"].startswith("Visual Prompting Reimagined"))
    assert reimagined["outcome"] == "nothing added"
    assert reimagined["candidates"][0]["reasons"][0].startswith("title differs")

    push = _cli("orcid", "push", str(out), "--orcid", "0000-0002-1825-0097", "--dry-run")
    assert "resumeconv: dry run: 7 work(s) in 1 bulk(s) would be sent to 0000-0002-1825-0097; 27 refused" \
        in push.stderr
    bulk = json.loads(push.stdout)
    ids = sorted(e["external-id-value"] for w in bulk["bulk"] for e in w["work"]["external-ids"]["external-id"])
    assert ids == sorted(v["arxiv"] for v in SEED_IDS.values())


def test_cli_in_place_dry_run_and_failures(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps(_doc()), encoding="utf-8")
    before = cv.read_bytes()
    common = ["--delay", "0", "--cache-dir", str(tmp_path / "cache"), *apis.base_args()]
    dry = CliRunner().invoke(main, ["enrich", str(cv), "--dry-run", *common])
    assert dry.exit_code == 0 and dry.stdout == "" and cv.read_bytes() == before
    assert dry.stderr.rstrip().endswith("; dry run, nothing written")
    bad = CliRunner().invoke(main, ["enrich", str(cv), "-o", str(tmp_path / "no" / "such" / "dir.json"), *common])
    assert bad.exit_code == 2 and "cannot write" in bad.stderr and cv.read_bytes() == before
    inplace = CliRunner().invoke(main, ["enrich", str(cv), "--in-place", "--interactive", *common])
    assert inplace.exit_code == 0, inplace.stderr
    assert "--interactive needs a terminal; deciding by the threshold alone" in inplace.stderr
    assert _added(json.loads(before), json.loads(cv.read_text(encoding="utf-8"))) == EXPECTED
    assert not (tmp_path / "cv.json.bak").exists()


def test_cli_no_source_answering_is_exit_2(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps({"publications": [CASES[0][1]]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["enrich", str(cv), "--no-cache", "--retries", "0", "--source", "crossref",
                                       "--base-url", "crossref=http://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "crossref: cannot connect (ConnectionError)" in result.stderr
    assert result.stderr.rstrip().endswith("resumeconv: no source answered; nothing written (see the errors above)")


def test_cli_usage_errors(tmp_path: Path) -> None:
    cv = tmp_path / "cv.bib"
    cv.write_text("@article{x, title={T}, author={A. Person}, year={2020}}\n", encoding="utf-8")
    wrong = CliRunner().invoke(main, ["enrich", str(cv), "--source", "scholar"])
    assert wrong.exit_code == 2 and "expected a comma-separated list of openalex, crossref, arxiv, dblp" in wrong.stderr
    xml = CliRunner().invoke(main, ["enrich", str(cv), "--no-cache"])
    assert xml.exit_code == 2 and "enrich needs the CV as JSON or YAML, not bibtex" in xml.stderr


def test_validate_and_enrich_help_do_not_import_requests() -> None:
    code = ("import sys, runpy\n"
            "sys.argv = ['resumeconv', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('resumeconv', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('requests' in sys.modules, file=sys.stderr)\n")
    for args in (["validate", str(SAMPLE_JSON)], ["enrich", "--help"]):
        run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
        assert run.stderr.strip().splitlines()[-1] == "False", (args, run.stderr)


def _read_until(fd: int, marker: bytes, seen: bytearray, timeout: float = 30.0) -> None:
    import os
    import select
    import time

    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no {marker!r} on the terminal; it shows: {seen.decode(errors='replace')}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            assert chunk, f"the terminal closed before {marker!r}: {seen.decode(errors='replace')}"
            seen += chunk


def test_interactive_on_a_real_terminal(httpserver: HTTPServer, tmp_path: Path) -> None:
    """--interactive under a pseudo-terminal: decline the DOI, accept the arXiv id."""
    import os
    import pty

    apis = Apis(httpserver)
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps({"publications": [CASES[5][1]]}), encoding="utf-8")
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "resumeconv", "enrich", str(cv), "--in-place", "--interactive",
                             "--no-cache", "--delay", "0", *apis.base_args()],
                            stdin=slave, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = bytearray()
    try:
        _read_until(master, b"(q)uit asking [y]: ", seen)
        assert b"/publications/0: doi 10.1134/S0021364007210011 from arxiv, score 0.95" in seen
        os.write(master, b"n\n")
        del seen[:]
        _read_until(master, b"(q)uit asking [y]: ", seen)
        assert b"/publications/0: arxiv 0710.2073 from arxiv, score 0.95" in seen
        os.write(master, b"y\n")
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    pub = json.loads(cv.read_text(encoding="utf-8"))["publications"][0]
    assert pub.get("arxiv") == "0710.2073" and "doi" not in pub


def test_yaml_cv_skips_and_keep_backup(httpserver: HTTPServer, tmp_path: Path) -> None:
    apis = Apis(httpserver)
    cv = tmp_path / "cv.yaml"
    doc = {"publications": [CASES[0][1], {"name": "Has both", "doi": "10.1000/x", "arxiv": "2101.00001"},
                            {"authors": [{"name": "No Title"}]},
                            _pub("In the works", ["A. B"], "2025", status="submitted")]}
    cv.write_text(resumeconv.dump(doc, "yaml"), encoding="utf-8")
    before = cv.read_bytes()
    result = CliRunner().invoke(main, ["enrich", str(cv), "--in-place", "--keep-backup", "--no-cache", "--delay", "0",
                                       *apis.base_args()])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "cv.yaml.bak").read_bytes() == before
    after = resumeconv.load(str(cv))
    assert after["publications"][0]["doi"] == "10.7717/peerj.4375"
    assert after["publications"][1:] == doc["publications"][1:]
    assert "/publications/1 Has both: skipped, already has its ids" in result.stderr
    assert "/publications/2 : skipped, no title to search for" in result.stderr
    assert "  ! no DOI sought: the work is 'submitted'" in result.stderr
    asked = {words for _, words in apis.asked}
    assert asked == {"the state of oa a large scale analysis of the prevalence and impact of open access articles",
                     "in the works"}


def test_records_that_disagree_leave_the_field_empty(httpserver: HTTPServer, tmp_path: Path) -> None:
    """Two arXiv entries, same title and author, different ids (a duplicate submission): neither is written."""
    from enrich_servers import FIXTURES

    feed = (FIXTURES / "arxiv" / "popolitov.xml").read_text(encoding="utf-8")
    entry = feed[feed.index("  <entry>"):feed.index("</feed>")]
    twin = entry.replace("0710.2073v2", "0711.0001v1").replace("<arxiv:doi", "<arxiv:comment").replace(
        "</arxiv:doi>", "</arxiv:comment>")
    apis = Apis(httpserver)
    apis.faults["arxiv"] = [body(feed.replace("</feed>", twin + "</feed>").encode(), "application/atom+xml")]
    after, report = enrich({"publications": [CASES[5][1]]}, _options(apis, sources=["arxiv"]), _fetcher(tmp_path))
    assert "arxiv" not in after["publications"][0]
    assert after["publications"][0]["doi"] == "10.1134/S0021364007210011"  # only one record names a DOI
    assert report.publications[0].notes == [
        "arxiv left empty: records at or above the threshold disagree (0710.2073, 0711.0001)"]


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from resumeconv.enrich import default_cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == str(tmp_path / "resumeconv" / "enrich")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == str(tmp_path / "home" / ".cache" / "resumeconv" / "enrich")
