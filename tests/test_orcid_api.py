"""`resumeconv orcid pull/push` against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeug import Response

import resumeconv
from conftest import ROOT, SAMPLE_JSON
from resumeconv.cli import main
from resumeconv.orcid_api import OrcidApiError, OrcidClient

FIXTURES = ROOT / "tests" / "fixtures" / "orcid"
OID = "0000-0002-1825-0097"
TOKEN = "s3cr3t-t0ken-abc123"


def _run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(main, list(args), env=env or {})
    assert "Traceback" not in (result.output + result.stderr)
    return result


def _serve_fixture_record(httpserver) -> None:
    summary = json.loads((FIXTURES / "works-summary.json").read_text(encoding="utf-8"))
    bulk = json.loads((FIXTURES / "works-bulk-get.json").read_text(encoding="utf-8"))
    httpserver.expect_request(f"/v3.0/{OID}/works", method="GET").respond_with_json(summary)
    httpserver.expect_request(f"/v3.0/{OID}/works/1001,1002", method="GET").respond_with_json(bulk)


def test_pull_writes_publications(httpserver, tmp_path: Path) -> None:
    _serve_fixture_record(httpserver)
    out = tmp_path / "pulled.json"
    result = _run("orcid", "pull", OID, "-o", str(out), "--base-url", httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["basics"] == {"orcid": OID}
    assert resumeconv.validate(doc) == []
    assert [p["name"] for p in doc["publications"]] == ["Sharp Minima & the 100% Rule: {Braces} in_Titles",
                                                        "Learning to Pull From ORCID"]
    assert doc["publications"][0]["authors"][0] == {"name": "Ada Example", "orcid": OID, "self": True}
    assert f"resumeconv: 2 work(s) read from ORCID {OID}" in result.stderr
    assert [r.headers["Accept"] for r, _ in httpserver.log] == ["application/vnd.orcid+json"] * 2


def test_pull_merge_into_sample_is_idempotent(httpserver, tmp_path: Path) -> None:
    _serve_fixture_record(httpserver)
    cv = tmp_path / "cv.json"
    shutil.copy(SAMPLE_JSON, cv)
    first = _run("orcid", "pull", OID, "--merge", str(cv), "--base-url", httpserver.url_for("/"))
    assert first.exit_code == 0, first.stderr
    assert "resumeconv: 2 added, 0 merged, 0 kept unchanged" in first.stderr
    after_first = cv.read_bytes()
    doc = json.loads(after_first)
    assert len(doc["publications"]) == 36 and doc["basics"]["orcid"] == OID
    second = _run("orcid", "pull", OID, "--merge", str(cv), "--base-url", httpserver.url_for("/"))
    assert second.exit_code == 0
    assert "resumeconv: 0 added, 0 merged, 2 kept unchanged; nothing to write" in second.stderr
    assert cv.read_bytes() == after_first
    assert resumeconv.validate(doc) == []


def test_pull_merge_fills_but_never_deletes(httpserver, tmp_path: Path) -> None:
    _serve_fixture_record(httpserver)
    cv = tmp_path / "cv.json"
    shutil.copy(FIXTURES / "cv-with-ids.json", cv)
    before = json.loads(cv.read_text(encoding="utf-8"))
    result = _run("orcid", "pull", OID, "--merge", str(cv), "--base-url", httpserver.url_for("/"))
    assert "resumeconv: 1 added, 1 merged, 0 kept unchanged" in result.stderr
    after = json.loads(cv.read_text(encoding="utf-8"))
    merged = after["publications"][0]
    assert merged["doi"] == "10.1234/JEX.2024.001"  # the CV's spelling kept
    assert merged["url"] == "https://journal.example.org/1"  # filled from ORCID
    assert [a["name"] for a in merged["authors"]] == ["A. Example", "Y, Chen", "Jérôme Müller"]
    assert merged["authors"][0]["orcid"] == OID
    for old, new in zip(before["publications"], after["publications"], strict=False):
        assert all(new[k] == v or isinstance(v, (dict, list)) for k, v in old.items())
    assert after["publications"][3]["arxiv"] == "2501.00042v3"


def test_pull_replays_recorded_sandbox_answers(shared, httpserver) -> None:
    samples = shared / "reference" / "orcid" / "samples"
    oid = "0000-0003-4997-3076"
    summary = json.loads((samples / "api-works-summary-3.0-sandbox.json").read_text(encoding="utf-8"))
    codes = ",".join(str(g["work-summary"][0]["put-code"]) for g in summary["group"])
    httpserver.expect_request(f"/v3.0/{oid}/works").respond_with_json(summary)
    httpserver.expect_request(f"/v3.0/{oid}/works/{codes}").respond_with_data(
        (samples / "api-works-bulk-get-3.0-sandbox.json").read_bytes(), content_type="application/json")
    result = _run("orcid", "pull", oid, "--base-url", httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    (pub,) = json.loads(result.stdout)["publications"]
    assert (pub["name"], pub["releaseDate"], pub["type"]) == ("Test Publication: testing publication workflow",
                                                              "2022-07-29", "other")
    assert {"name": "Erik Pearson", "orcid": oid, "self": True} in pub["authors"]


def test_invalid_orcid_is_refused_before_any_request(httpserver) -> None:
    result = _run("orcid", "pull", "0000-0002-1825-0098", "--base-url", httpserver.url_for("/"))
    assert result.exit_code == 2
    assert result.stderr == ("resumeconv: '0000-0002-1825-0098' is not a valid ORCID iD (expected "
                             "0000-0000-0000-000X with a correct check digit)\n")
    assert httpserver.log == []


def test_http_errors_are_one_clear_line(httpserver) -> None:
    httpserver.expect_request(f"/v3.0/{OID}/works").respond_with_json(
        {"response-code": 404, "developer-message": "404 Not Found: The resource was not found."}, status=404)
    result = _run("orcid", "pull", OID, "--base-url", httpserver.url_for("/"))
    assert result.exit_code == 2
    assert result.stderr == (f"resumeconv: ORCID API: GET /v3.0/{OID}/works: HTTP 404: 404 Not Found: "
                             "The resource was not found.\n")


def test_retries_are_bounded_with_backoff(httpserver) -> None:
    httpserver.expect_request(f"/v3.0/{OID}/works").respond_with_data("busy", status=503)
    waits: list[float] = []
    client = OrcidClient(httpserver.url_for("/"), retries=2, backoff=0.5, sleep=waits.append)
    with pytest.raises(OrcidApiError) as info:
        client.works_summary(OID)
    assert str(info.value) == f"ORCID API: GET /v3.0/{OID}/works: HTTP 503"
    assert waits == [0.5, 1.0] and len(httpserver.log) == 3


def test_connection_failure_is_one_line() -> None:
    client = OrcidClient("http://127.0.0.1:9", retries=0, timeout=2)
    with pytest.raises(OrcidApiError) as info:
        client.works_summary(OID)
    assert str(info.value) == f"ORCID API: GET /v3.0/{OID}/works: cannot connect (ConnectionError)"


def _bulk_answer_after_503(httpserver) -> None:
    answer = json.loads((FIXTURES / "bulk-post-answer.json").read_text(encoding="utf-8"))
    httpserver.expect_ordered_request(f"/v3.0/{OID}/works", method="POST").respond_with_response(
        Response("Service Unavailable", status=503, headers={"Retry-After": "0"}))
    httpserver.expect_ordered_request(f"/v3.0/{OID}/works", method="POST").respond_with_json(answer)


def test_push_reports_each_work_after_a_503(httpserver) -> None:
    _bulk_answer_after_503(httpserver)
    result = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--base-url", httpserver.url_for("/"),
                  env={"ORCID_TOKEN": TOKEN})
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "  created put-code 5001: /publications/0 Sharp Minima & the 100% Rule: {Braces} in_Titles",
        "  duplicate (409): /publications/1 Zeroth-Order Tuning at Scale: There is a conflict with this work: "
        "put-code 777 has the same external identifier.",
        "  created put-code 5003: /publications/2 A Workshop Note",
    ]
    assert "resumeconv: 2 created, 1 not created" in result.stderr
    assert len(httpserver.log) == 2
    request = httpserver.log[1][0]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/vnd.orcid+json"
    sent = json.loads(request.data)["bulk"]
    assert [w["work"]["title"]["title"]["value"] for w in sent][1] == "Zeroth-Order Tuning at Scale"
    assert TOKEN not in result.stdout + result.stderr


def test_token_never_printed_even_when_echoed(httpserver) -> None:
    httpserver.expect_request(f"/v3.0/{OID}/works", method="POST").respond_with_json(
        {"error": "invalid_token", "error_description": f"Invalid access token: {TOKEN}"}, status=401)
    result = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--token-env", "MY_TOKEN",
                  "--base-url", httpserver.url_for("/"), env={"MY_TOKEN": TOKEN})
    assert result.exit_code == 2
    assert result.stderr.endswith(f"resumeconv: ORCID API: POST /v3.0/{OID}/works: HTTP 401: "
                                  "Invalid access token: [token]\n")
    assert TOKEN not in result.stdout + result.stderr


def test_push_needs_a_token(httpserver) -> None:
    result = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--base-url", httpserver.url_for("/"))
    assert result.exit_code == 2
    assert result.stderr.endswith("resumeconv: no access token: set the environment variable ORCID_TOKEN "
                                  "(or use --dry-run)\n")
    assert httpserver.log == []


def test_push_dry_run_prints_bulks_and_refusals(sample_doc: dict) -> None:
    ok = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--dry-run")
    assert ok.exit_code == 0
    assert [w["work"]["type"] for w in json.loads(ok.stdout)["bulk"]] == ["journal-article", "conference-paper",
                                                                         "conference-paper"]
    assert ok.stderr.endswith(f"resumeconv: dry run: 3 work(s) in 1 bulk(s) would be sent to {OID}; "
                              "0 refused by the server-rule check\n")
    sample = _run("orcid", "push", str(SAMPLE_JSON), "--orcid", OID, "--dry-run")
    assert sample.exit_code == 1 and sample.stdout == ""
    assert sample.stderr.endswith(f"resumeconv: dry run: 0 work(s) in 0 bulk(s) would be sent to {OID}; "
                                  "34 refused by the server-rule check\n")


@pytest.mark.parametrize("status", [429, 503])
def test_busy_answers_are_retried_then_succeed(httpserver, status: int) -> None:
    httpserver.expect_ordered_request(f"/v3.0/{OID}/works").respond_with_data("slow down", status=status)
    httpserver.expect_ordered_request(f"/v3.0/{OID}/works").respond_with_json({"group": []})
    waits: list[float] = []
    client = OrcidClient(httpserver.url_for("/"), retries=1, backoff=0.25, sleep=waits.append)
    assert client.works_summary(OID) == {"group": []}
    assert waits == [0.25]


def test_full_works_are_fetched_in_batches_of_100(httpserver) -> None:
    codes = list(range(1, 151))
    first = ",".join(map(str, codes[:100]))
    second = ",".join(map(str, codes[100:]))
    httpserver.expect_request(f"/v3.0/{OID}/works/{first}").respond_with_json({"bulk": [{"work": {}}] * 100})
    httpserver.expect_request(f"/v3.0/{OID}/works/{second}").respond_with_json({"bulk": [{"work": {}}] * 50})
    items = OrcidClient(httpserver.url_for("/")).works(OID, codes)
    assert len(items) == 150 and len(httpserver.log) == 2


def test_timeouts_are_one_line(httpserver) -> None:
    import time

    def slow(_request):
        time.sleep(1.5)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(f"/v3.0/{OID}/works").respond_with_handler(slow)
    client = OrcidClient(httpserver.url_for("/"), timeout=0.3, retries=0)
    with pytest.raises(OrcidApiError) as info:
        client.works_summary(OID)
    assert str(info.value) == f"ORCID API: GET /v3.0/{OID}/works: no answer within 0.3 s"


def test_sandbox_and_default_roots() -> None:
    from resumeconv.orcid_api import base_url

    assert base_url(None, sandbox=False, member=False) == "https://pub.orcid.org"
    assert base_url(None, sandbox=True, member=True) == "https://api.sandbox.orcid.org"
    assert base_url("http://127.0.0.1:8080/", sandbox=True, member=True) == "http://127.0.0.1:8080"


OTHER = "0000-0001-5109-3700"


def _posted_owner_ids(httpserver) -> list[dict]:
    sent = json.loads(httpserver.log[-1][0].data)["bulk"]
    return [c["contributor-orcid"] for w in sent for c in w["work"]["contributors"]["contributor"]
            if "contributor-orcid" in c]


def test_push_sandbox_marks_the_owner_with_a_sandbox_id_and_orcid_picks_the_record(httpserver) -> None:
    answer = json.loads((FIXTURES / "bulk-post-answer.json").read_text(encoding="utf-8"))
    httpserver.expect_request(f"/v3.0/{OTHER}/works", method="POST").respond_with_json(answer)
    result = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--sandbox", "--orcid", OTHER,
                  "--base-url", httpserver.url_for("/"), env={"ORCID_TOKEN": TOKEN})
    assert result.exit_code == 1, result.stderr   # the recorded answer refuses one work as a duplicate
    assert _posted_owner_ids(httpserver) == [
        {"uri": f"https://sandbox.orcid.org/{OTHER}", "path": OTHER, "host": "sandbox.orcid.org"}] * 3


def test_push_dry_run_without_sandbox_uses_orcid_org() -> None:
    result = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--dry-run")
    owners = [c["contributor-orcid"] for w in json.loads(result.stdout)["bulk"]
              for c in w["work"]["contributors"]["contributor"] if "contributor-orcid" in c]
    assert owners == [{"uri": f"https://orcid.org/{OID}", "path": OID, "host": "orcid.org"}] * 3


def test_push_bulk_refused_by_orcid_exits_1_per_readme(httpserver) -> None:
    httpserver.expect_request(f"/v3.0/{OID}/works", method="POST").respond_with_json(
        {"response-code": 400, "developer-message": "Invalid work type"}, status=400)
    result = _run("orcid", "push", str(FIXTURES / "cv-with-ids.json"), "--base-url", httpserver.url_for("/"),
                  env={"ORCID_TOKEN": TOKEN})
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "  refused (400): /publications/0 Sharp Minima & the 100% Rule: {Braces} in_Titles")
    assert len(result.stdout.splitlines()) == 3
    assert "resumeconv: 0 created, 3 not created" in result.stderr


def test_push_with_every_work_refused_exits_1_without_needing_a_token() -> None:
    result = _run("orcid", "push", str(SAMPLE_JSON), "--orcid", OID)
    assert result.exit_code == 1
    assert result.stderr.endswith("resumeconv: 0 created, 34 not created (nothing ORCID would take)\n")


def test_pull_keeps_ids_of_a_groups_other_versions(httpserver, tmp_path: Path) -> None:
    """Only the first version is fetched in full; the others' ids (here the preprint's arXiv id) are kept too."""
    summary = json.loads((FIXTURES / "works-summary.json").read_text(encoding="utf-8"))
    summary["group"][0]["work-summary"][1]["external-ids"] = {"external-id": [
        {"external-id-type": "arxiv", "external-id-value": "2401.00001", "external-id-relationship": "self"}]}
    bulk = json.loads((FIXTURES / "works-bulk-get.json").read_text(encoding="utf-8"))
    httpserver.expect_request(f"/v3.0/{OID}/works", method="GET").respond_with_json(summary)
    httpserver.expect_request(f"/v3.0/{OID}/works/1001,1002", method="GET").respond_with_json(bulk)
    out = tmp_path / "pulled.json"
    result = _run("orcid", "pull", OID, "-o", str(out), "--base-url", httpserver.url_for("/"))
    assert result.exit_code == 0, result.stderr
    first = json.loads(out.read_text(encoding="utf-8"))["publications"][0]
    assert (first["doi"], first["arxiv"]) == ("10.1234/jex.2024.001", "2401.00001")
