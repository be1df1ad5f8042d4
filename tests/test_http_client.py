"""The ORCID HTTP client against real servers on 127.0.0.1: TLS, timeouts, redirects, the token, hostile answers.

Two servers on 127.0.0.1 with different ports are different hosts (requests compares host and port).
"""

from __future__ import annotations

import io
import json
import logging
import re
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Response

from conftest import ROOT
from resumeconv import orcid_api
from resumeconv.cli import main
from resumeconv.orcid_api import OrcidApiError, OrcidClient

OID = "0000-0002-1825-0097"
TOKEN = "tok-7f3a9c1e-5b2d-4e8f-a6c0-d1e2f3a4b5c6"
WORKS = f"/v3.0/{OID}/works"
CV = ROOT / "tests" / "fixtures" / "orcid" / "cv-with-ids.json"


@pytest.fixture
def two_hosts() -> Iterator[tuple[HTTPServer, HTTPServer]]:
    """Server A and server B, both on 127.0.0.1, each on its own port."""
    a, b = HTTPServer(host="127.0.0.1", port=0), HTTPServer(host="127.0.0.1", port=0)
    a.start()
    b.start()
    try:
        yield a, b
    finally:
        a.clear()
        b.clear()
        a.stop()
        b.stop()


def _recording(calls: list[dict]):
    """A stand-in for Session.request that records its keyword arguments and answers 200 with a small bulk."""

    def request(self, method, url, **kwargs):
        calls.append({"method": method, "url": url, **kwargs})
        response = requests.Response()
        response.status_code = 200
        response.raw = io.BytesIO(b'{"bulk": [], "group": [{"work-summary": [{"put-code": 1}]}]}')
        return response

    return request


def test_no_source_file_turns_tls_verification_off() -> None:
    src = ROOT / "src" / "resumeconv"
    offending = [f"{p.relative_to(src)}:{n}" for p in src.rglob("*.py")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
                 if re.search(r"verify\s*=\s*(False|0|None)|\.verify\s*=|disable_warnings|CERT_NONE", line)]
    assert offending == []


def test_every_request_has_a_timeout_and_default_tls_verification(monkeypatch) -> None:
    calls: list[dict] = []
    monkeypatch.setattr(requests.Session, "request", _recording(calls))
    client = OrcidClient("https://api.sandbox.orcid.org", token=TOKEN, timeout=7.5)
    assert client.session.verify is True
    client.works_summary(OID)
    client.works(OID, [1, 2])
    client.post_bulk(OID, b'{"bulk": []}')
    assert [c["method"] for c in calls] == ["GET", "GET", "POST"]
    assert all(c["timeout"] == (7.5, 7.5) for c in calls)  # per read; the watchdog bounds the whole attempt
    assert all(c.get("verify", True) is True for c in calls)
    assert all(c["allow_redirects"] is False for c in calls)


def test_an_https_server_with_an_untrusted_certificate_is_refused(tmp_path: Path) -> None:
    """A self-signed certificate fails verification: the client must not fall back to plain or unverified TLS."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request(WORKS).respond_with_json({"group": []})
    server.start()
    try:
        client = OrcidClient(server.url_for("/"), retries=0, timeout=5)
        with pytest.raises(OrcidApiError) as info:
            client.works_summary(OID)
        assert str(info.value) == f"ORCID API: GET {WORKS}: cannot connect (SSLError)"
        assert server.log == []
    finally:
        server.stop()


def test_the_token_travels_only_in_the_authorization_header(httpserver, caplog) -> None:
    httpserver.expect_request(WORKS, method="POST").respond_with_json({"bulk": [{"work": {"put-code": 1}}]})
    caplog.set_level(logging.DEBUG)
    client = OrcidClient(httpserver.url_for("/"), token=TOKEN)
    assert client.post_bulk(OID, b'{"bulk": []}') == [{"work": {"put-code": 1}}]
    (request, _), = httpserver.log
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    others = [f"{k}: {v}" for k, v in request.headers.items() if k.lower() != "authorization"]
    assert not any(TOKEN in line for line in others)
    assert TOKEN not in request.full_path and TOKEN.encode() not in request.get_data()
    assert caplog.records and TOKEN not in caplog.text


@pytest.mark.parametrize("echo", ["json-body", "text-body", "header"])
def test_the_token_never_reaches_an_error_or_a_log(echo: str, httpserver, caplog) -> None:
    body = {"json-body": json.dumps({"developer-message": f"bad token {TOKEN}"}),
            "text-body": f"Unauthorized: Bearer {TOKEN}"}.get(echo, "{}")
    headers = {"X-Echo": TOKEN} if echo == "header" else {}
    httpserver.expect_request(WORKS, method="POST").respond_with_response(
        Response(body, status=401, headers=headers, content_type="application/json"))
    caplog.set_level(logging.DEBUG)
    client = OrcidClient(httpserver.url_for("/"), token=TOKEN, retries=0)
    with pytest.raises(OrcidApiError) as info:
        client.post_bulk(OID, b'{"bulk": []}')
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert TOKEN not in caplog.text


def test_requests_drops_the_token_on_a_redirect_to_another_host(two_hosts) -> None:
    """The library's own guard, proved: A redirects to B (another port), B records the headers it got."""
    a, b = two_hosts
    b.expect_request(WORKS).respond_with_json({"group": []})
    a.expect_request(WORKS).respond_with_response(Response(status=302, headers={"Location": b.url_for(WORKS)}))
    session = OrcidClient(a.url_for("/"), token=TOKEN).session
    session.max_redirects = 5
    answer = session.get(a.url_for(WORKS), timeout=5)
    assert answer.status_code == 200
    (request, _), = b.log
    assert "Authorization" not in request.headers
    assert a.log[0][0].headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize(("method", "status"), [("GET", 302), ("POST", 307), ("POST", 308)])
def test_the_client_follows_no_redirect_at_all(method: str, status: int, two_hosts) -> None:
    """Decision: a 307/308 would replay the Member API POST (the CV's works) to B; nothing is followed."""
    a, b = two_hosts
    target = b.url_for(WORKS)
    a.expect_request(WORKS, method=method).respond_with_response(Response(status=status, headers={"Location": target}))
    client = OrcidClient(a.url_for("/"), token=TOKEN, retries=0)
    with pytest.raises(OrcidApiError) as info:
        client.post_bulk(OID, b'{"bulk": []}') if method == "POST" else client.works_summary(OID)
    assert str(info.value) == (f"ORCID API: {method} {WORKS}: HTTP {status} redirect to {target} not followed "
                               "(the ORCID API does not redirect; check --base-url)")
    assert b.log == [] and len(a.log) == 1


def test_push_through_a_redirect_is_one_line_and_sends_nothing_to_the_other_host(two_hosts) -> None:
    a, b = two_hosts
    a.expect_request(WORKS, method="POST").respond_with_response(
        Response(status=307, headers={"Location": b.url_for(WORKS)}))
    result = CliRunner().invoke(main, ["orcid", "push", str(CV), "--base-url", a.url_for("/"), "--retries", "0"],
                                env={"ORCID_TOKEN": TOKEN})
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"resumeconv: ORCID API: POST {WORKS}: HTTP 307 redirect to")
    assert "Traceback" not in result.stderr and TOKEN not in result.output + result.stderr
    assert b.log == []


def test_a_retry_after_beyond_the_cap_ends_the_retries(httpserver) -> None:
    """Decision (one policy for ORCID and enrich): a server asking for a day is obeyed by not asking again."""
    httpserver.expect_request(WORKS).respond_with_response(Response("busy", status=429,
                                                                    headers={"Retry-After": "86400"}))
    waits: list[float] = []
    client = OrcidClient(httpserver.url_for("/"), retries=3, max_wait=30.0, sleep=waits.append)
    with pytest.raises(OrcidApiError) as info:
        client.works_summary(OID)
    assert str(info.value) == f"ORCID API: GET {WORKS}: HTTP 429; asked to wait 86400 s, more than 30 s"
    assert waits == [] and len(httpserver.log) == 1


def test_a_retry_after_within_the_cap_is_waited_for(httpserver) -> None:
    httpserver.expect_request(WORKS).respond_with_response(Response("busy", status=429, headers={"Retry-After": "7"}))
    waits: list[float] = []
    client = OrcidClient(httpserver.url_for("/"), retries=2, max_wait=30.0, sleep=waits.append)
    with pytest.raises(OrcidApiError, match=r"HTTP 429$"):
        client.works_summary(OID)
    assert waits == [7.0, 7.0] and len(httpserver.log) == 3


def test_client_errors_are_not_retried(httpserver) -> None:
    httpserver.expect_request(WORKS).respond_with_data("nope", status=404)
    waits: list[float] = []
    with pytest.raises(OrcidApiError, match=r"HTTP 404$"):
        OrcidClient(httpserver.url_for("/"), retries=3, sleep=waits.append).works_summary(OID)
    assert waits == [] and len(httpserver.log) == 1


@pytest.mark.parametrize(("status", "sent"), [(500, 1), (502, 1), (503, 4), (429, 4)])
def test_a_post_is_sent_again_only_when_the_server_did_not_process_it(status: int, sent: int, httpserver) -> None:
    """A 500 after a POST may have created the works: sending the bulk again could duplicate them."""
    httpserver.expect_request(WORKS, method="POST").respond_with_data("x", status=status)
    waits: list[float] = []
    with pytest.raises(OrcidApiError, match=rf"HTTP {status}$"):
        OrcidClient(httpserver.url_for("/"), token=TOKEN, retries=3, sleep=waits.append).post_bulk(OID, b"{}")
    assert len(httpserver.log) == sent and len(waits) == sent - 1


@pytest.mark.parametrize(("answer", "message"), [
    (b"[1, 2, 3]", "the answer is not a JSON object"),
    (b"[" * 100_000 + b"]" * 100_000, "the answer is not JSON"),
    (b"\xff\xfe not json", "the answer is not JSON"),
    (b'{"group": "nonsense"}', None),
    (b'{"group": [{"work-summary": "x"}, 5, {"work-summary": [7]}]}', None),
])
def test_hostile_answers_are_one_line_or_nothing(answer: bytes, message: str | None, httpserver) -> None:
    httpserver.expect_request(WORKS).respond_with_data(answer, content_type="application/json")
    client = OrcidClient(httpserver.url_for("/"), retries=0)
    if message is None:
        assert orcid_api.put_codes(client.works_summary(OID)) == []
        return
    with pytest.raises(OrcidApiError) as info:
        client.works_summary(OID)
    assert str(info.value) == f"ORCID API: GET {WORKS}: {message}"


def test_an_answer_larger_than_the_limit_is_refused(httpserver, monkeypatch) -> None:
    monkeypatch.setenv("RESUMECONV_MAX_INPUT_BYTES", "100000")
    httpserver.expect_request(WORKS).respond_with_data(b'{"group": "' + b"x" * 500_000 + b'"}')
    with pytest.raises(OrcidApiError) as info:
        OrcidClient(httpserver.url_for("/"), retries=0).works_summary(OID)
    assert str(info.value) == f"ORCID API: GET {WORKS}: the answer is larger than the limit of 100000 bytes"


def test_pull_from_hostile_bulk_shapes_does_not_crash(httpserver) -> None:
    httpserver.expect_request(WORKS).respond_with_json({"group": [{"work-summary": [{"put-code": 7}]}]})
    httpserver.expect_request(f"{WORKS}/7").respond_with_json({"bulk": 42})
    result = CliRunner().invoke(main, ["orcid", "pull", OID, "--base-url", httpserver.url_for("/")])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"basics": {"orcid": OID}, "publications": []}
    assert result.stderr.splitlines()[-1] == f"resumeconv: 0 work(s) read from ORCID {OID}"
