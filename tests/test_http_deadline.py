"""The one HTTP client (core/http.py) and the network rows of the hostile-input issue: total deadlines against a
server on 127.0.0.1 that trickles its answer, timeouts that are usage errors, the ORCID token kept out of messages
and off plain HTTP, and the enrich cache that trusts nothing it did not write itself."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from werkzeug import Response

from conftest import ROOT, SAMPLE_JSON
from resumeconv.cli import main
from resumeconv.core.errors import UsageError
from resumeconv.core.http import Client, HttpError, is_loopback, user_agent
from resumeconv.core.httpcache import Cache, public_url
from resumeconv.orcid_api import OrcidApiError, OrcidClient, scrub
from trickle_server import trickling

OID = "0000-0002-1825-0097"
WORKS = f"/v3.0/{OID}/works"
TOKEN = "tok-7f3a9c1e-5b2d-4e8f-a6c0-d1e2f3a4b5c6"
CV = ROOT / "tests" / "fixtures" / "orcid" / "cv-with-ids.json"


# --- total deadlines ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("phase", ["headers", "body"])
def test_a_trickling_server_is_cut_off_at_the_deadline(phase: str) -> None:
    """One byte every 0.1 s: every read gets data before a per-read timeout, so only a deadline ends it."""
    with trickling(phase=phase, interval=0.1, length=600) as server:
        client = Client(timeout=0.5, retries=0)
        with pytest.raises(HttpError) as info:
            client.get(server.url + "/x")
        sent = list(server.sent)
    assert str(info.value) == "no answer within 0.5 s" and info.value.timed_out
    assert len(sent) == 1 and sent[0] < 300  # the whole answer is over 600 bytes: the client hung up early


def test_the_deadline_holds_over_tls_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watchdog shuts down the TLS socket's file descriptor; a trickle inside TLS records is cut off as well."""
    import shutil
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a self-signed certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # trust this one certificate, verification stays on
    with trickling(phase="body", interval=0.1, length=600, tls=context) as server:
        with pytest.raises(HttpError) as info:
            Client(timeout=0.8, retries=0).get(server.url + "/x")
        sent = list(server.sent)
    assert str(info.value) == "no answer within 0.8 s" and sent[0] < 300


def test_each_retry_gets_its_own_deadline_and_the_message_counts_them() -> None:
    with trickling(phase="headers", interval=0.1, length=600) as server:
        with pytest.raises(HttpError) as info:
            Client(timeout=0.4, retries=1, sleep=lambda s: None).get(server.url + "/x")
        sent = list(server.sent)
    assert str(info.value) == "no answer within 0.4 s (2 attempt(s))"
    assert len(sent) == 2 and max(sent) < 300


def test_orcid_pull_against_a_trickling_server_is_one_line_exit_2() -> None:
    with trickling(phase="body", interval=0.1, length=600) as server:
        result = CliRunner().invoke(main, ["orcid", "pull", OID, "--base-url", server.url, "--timeout", "0.5",
                                           "--retries", "0"])
        sent = list(server.sent)
    assert result.exit_code == 2
    assert result.stderr == f"resumeconv: ORCID API: GET {WORKS}: no answer within 0.5 s\n"
    assert sent[0] < 300


def test_enrich_against_a_trickling_server_reports_the_deadline(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps({"publications": [{"name": "A title", "releaseDate": "2020"}]}), encoding="utf-8")
    with trickling(phase="headers", interval=0.1, length=600) as server:
        result = CliRunner().invoke(main, ["enrich", str(cv), "--no-cache", "--source", "crossref", "--retries", "0",
                                           "--timeout", "0.5", "--base-url", f"crossref={server.url}"])
    assert result.exit_code == 2
    assert "  error: crossref: no answer within 0.5 s" in result.stderr.splitlines()


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "soon"])
@pytest.mark.parametrize("command", [["orcid", "pull", OID], ["orcid", "push", str(CV)], ["enrich", str(SAMPLE_JSON)]])
def test_a_timeout_that_is_not_a_positive_finite_number_is_a_usage_error(command: list[str], value: str) -> None:
    result = CliRunner().invoke(main, [*command, "--timeout", value, "--base-url" if command[0] == "orcid" else
                                       "--no-cache", *(["http://127.0.0.1:9"] if command[0] == "orcid" else [])],
                                env={"ORCID_TOKEN": TOKEN})
    assert result.exit_code == 2, result.stderr
    assert "Invalid value for '--timeout'" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("value", [0, -1.0, float("nan"), float("inf")])
def test_the_library_refuses_such_timeouts_too(value: float) -> None:
    with pytest.raises(UsageError, match="must be a number of seconds above 0"):
        Client(timeout=value)


def test_the_user_agent_names_the_tool_its_home_and_the_contact() -> None:
    from resumeconv import __version__

    assert user_agent("cv@example.org") == (f"resumeconv/{__version__} (+https://pypi.org/project/resumeconv/; "
                                            "mailto:cv@example.org)")


# --- the ORCID token --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("token", ["abc\r\nX-Injected: 1", "abc\ndef", "tök€n-123", " padded "])
def test_a_token_no_header_can_carry_is_a_usage_error(token: str, httpserver) -> None:
    result = CliRunner().invoke(main, ["orcid", "push", str(CV), "--base-url", httpserver.url_for("/")],
                                env={"ORCID_TOKEN": token})
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("resumeconv: the ORCID access token ")
    assert "InvalidHeader" not in result.stderr and httpserver.log == []


def test_the_token_is_not_sent_over_plain_http_to_another_machine(httpserver) -> None:
    result = CliRunner().invoke(main, ["orcid", "push", str(CV), "--base-url", "http://orcid.example.org"],
                                env={"ORCID_TOKEN": TOKEN})
    assert result.exit_code == 2
    assert result.stderr == ("resumeconv: refusing to send the ORCID access token in clear text to "
                             "http://orcid.example.org; use an https:// URL (or --allow-http if this network is "
                             "yours)\n")
    OrcidClient("http://orcid.example.org", token=TOKEN, allow_http=True)  # the explicit flag allows it
    OrcidClient("http://[::1]:8080", token=TOKEN)  # loopback never leaves the machine
    assert is_loopback("http://127.0.0.2/") and is_loopback("http://localhost:1") and not is_loopback("http://10.0.0.1")


@pytest.mark.parametrize("shape", ["cut-at-300", "url-encoded", "plus-encoded", "server-truncated"])
def test_the_token_is_scrubbed_whatever_shape_the_echo_has(shape: str, httpserver) -> None:
    token = TOKEN + "/+=="
    padding = "x" * (300 - 20)
    message = {"cut-at-300": f"{padding} {token} trailing words",
               "url-encoded": f"bad token {quote(token, safe='')}",
               "plus-encoded": "bad token " + token.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D"),
               "server-truncated": f"bad token {token[:15]}"}[shape]
    httpserver.expect_request(WORKS, method="POST").respond_with_response(
        Response(json.dumps({"developer-message": message}), status=401, content_type="application/json"))
    client = OrcidClient(httpserver.url_for("/"), token=token, retries=0)
    with pytest.raises(OrcidApiError) as info:
        client.post_bulk(OID, b"{}")
    text = str(info.value)
    assert "[token]" in text or "[tok" in text
    for piece in (token[:8], quote(token, safe="")[:8], token[-8:]):
        assert piece not in text


def test_scrub_keeps_the_rest_of_the_message() -> None:
    assert scrub(f"a {TOKEN} b", TOKEN) == "a [token] b"
    assert scrub(f"cut here {TOKEN[:12]}", TOKEN) == "cut here [token]"
    assert scrub("nothing secret", TOKEN) == "nothing secret" and scrub("x", None) == "x"


# --- the cache --------------------------------------------------------------------------------------------------

URL = "https://api.crossref.org/works?query.bibliographic=x&rows=5&mailto=me%40example.org"


def _entry_path(cache: Cache, url: str) -> Path:
    return Path(str(cache.directory)) / f"{Cache.key(url)}.json"


def test_the_cache_is_private_and_stores_no_caller_identity(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "c"))
    cache.put(URL + "&api_key=SECRET", "body")
    path = _entry_path(cache, URL)
    assert stat.S_IMODE(os.stat(tmp_path / "c").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    entry = json.loads(path.read_text(encoding="utf-8"))
    assert set(entry) == {"url", "fetched", "body"} and entry["url"] == public_url(URL)
    assert "example.org" not in path.read_text(encoding="utf-8") and "SECRET" not in path.read_text(encoding="utf-8")
    assert cache.get(URL) == "body"


def test_a_cache_directory_others_can_write_is_not_used(tmp_path: Path) -> None:
    directory = tmp_path / "shared"
    directory.mkdir()
    Cache(str(directory)).put(URL, "planted")
    os.chmod(directory, 0o777)
    cache = Cache(str(directory))
    assert cache.get(URL) is None and cache.get(URL) is None
    assert cache.warnings == [f"the cache directory {directory} is not private to you (owner or permissions); not "
                              "using it (fix it or pass --cache-dir)"]


def test_an_entry_others_can_write_is_ignored_with_one_warning(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "c"))
    cache.put(URL, "real")
    path = _entry_path(cache, URL)
    os.chmod(path, 0o666)
    assert cache.get(URL) is None and cache.get(URL) is None
    assert cache.warnings == [f"cache entry {path} is not private to you (owner or permissions); ignoring it"]
    assert path.exists()  # not ours to judge further: left alone, never read


@pytest.mark.parametrize("entry", [
    {"body": "x"},
    {"url": URL, "fetched": "2026-01-01T00:00:00Z", "body": 5},
    {"url": "https://elsewhere.example/works", "fetched": "now", "body": "x"},
    {"url": "https://elsewhere.example/works", "fetched": "2026-12-01T00:00:00Z", "body": "x"},
    {"url": public_url(URL), "fetched": "2026-12-01T00:00:00Z", "body": "x", "doi": "10.1/fake"},
    "not an object",
])
def test_a_wrong_shaped_entry_is_evicted(entry: object, tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "c"), clock=time.mktime((2026, 12, 2, 0, 0, 0, 0, 0, 0)))
    cache.put(URL, "placeholder")
    path = _entry_path(cache, URL)
    path.write_text(json.dumps(entry), encoding="utf-8")
    assert cache.get(URL) is None and not path.exists()


def test_entries_expire_and_can_be_cleared(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path / "c"), ttl_days=30)
    cache.put(URL, "fresh")
    assert cache.get(URL) == "fresh"
    later = Cache(str(tmp_path / "c"), ttl_days=30, clock=time.time() + 31 * 86400)
    assert later.get(URL) is None and not _entry_path(cache, URL).exists()
    cache.put(URL, "again")
    cache.put(URL + "&x=1", "other")
    assert cache.clear() == 2 and cache.get(URL) is None


def test_a_crafted_entry_cannot_write_a_fake_doi(tmp_path: Path, httpserver) -> None:
    """An entry in the right place but not in our shape (or not private) is never read into the CV."""
    from enrich_servers import Apis
    from resumeconv.enrich import EnrichOptions, enrich, make_fetcher
    from resumeconv.enrich.sources import base_url, query_url

    apis = Apis(httpserver)
    pub = {"name": "A Study That No Index Has Heard Of", "authors": [{"name": "N. Body"}], "releaseDate": "2021"}
    options = EnrichOptions(sources=["crossref"], base_urls=apis.base_urls())
    url = query_url("crossref", base_url("crossref", options.base_urls), pub["name"], None)
    fake = {"status": "ok", "message": {"items": [{"DOI": "10.6666/fake", "title": [pub["name"]],
                                                   "author": [{"given": "N.", "family": "Body"}],
                                                   "issued": {"date-parts": [[2021]]}}]}}
    fetcher = make_fetcher(cache_dir=str(tmp_path / "c"), delay=0)
    fetcher.cache.put(url, "placeholder")
    path = _entry_path(fetcher.cache, url)
    # 1. Our shape, but writable by others: ignored.
    path.write_text(json.dumps({"url": public_url(url), "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                "body": json.dumps(fake)}), encoding="utf-8")
    os.chmod(path, 0o646)
    after, report = enrich({"publications": [dict(pub)]}, options, fetcher)
    assert "doi" not in after["publications"][0] and report.requests == {"crossref": 1}
    assert report.warnings == [f"cache entry {path} is not private to you (owner or permissions); ignoring it"]
    # 2. Private, but another shape (extra keys): evicted and asked again.
    path.write_text(json.dumps({"url": public_url(url), "fetched": "2026-01-01T00:00:00Z", "body": json.dumps(fake),
                                "doi": "10.6666/fake"}), encoding="utf-8")
    os.chmod(path, 0o600)
    fetcher = make_fetcher(cache_dir=str(tmp_path / "c"), delay=0)
    after, report = enrich({"publications": [dict(pub)]}, options, fetcher)
    assert "doi" not in after["publications"][0] and report.requests == {"crossref": 1}


def test_a_cached_answer_that_does_not_parse_is_evicted_and_asked_again(tmp_path: Path, httpserver) -> None:
    from enrich_servers import PEERJ, Apis
    from resumeconv.enrich import EnrichOptions, enrich, make_fetcher
    from resumeconv.enrich.sources import base_url, query_url

    apis = Apis(httpserver)
    options = EnrichOptions(sources=["openalex"], base_urls=apis.base_urls())
    fetcher = make_fetcher(cache_dir=str(tmp_path / "c"), delay=0)
    url = query_url("openalex", base_url("openalex", options.base_urls), PEERJ, None)
    fetcher.cache.put(url, "[not, json")
    _, report = enrich({"publications": [{"name": PEERJ, "releaseDate": "2018"}]}, options, fetcher)
    assert report.requests == {"openalex": 1} and report.errors == 0
    assert json.loads(str(fetcher.cache.get(url)))["results"][0]["doi"] == "https://doi.org/10.7717/peerj.4375"


def test_clear_cache_option_and_the_missing_openalex_key_line(tmp_path: Path, httpserver) -> None:
    from enrich_servers import Apis

    apis = Apis(httpserver)
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps({"publications": [{"name": "Nothing", "releaseDate": "2020"}]}), encoding="utf-8")
    args = ["enrich", str(cv), "--dry-run", "--delay", "0", "--cache-dir", str(tmp_path / "c"), *apis.base_args()]
    first = CliRunner().invoke(main, args, env={"OPENALEX_API_KEY": ""})
    assert first.exit_code == 0, first.stderr
    assert ("resumeconv: warning: no OpenAlex API key (--openalex-key or OPENALEX_API_KEY): OpenAlex gives keyless "
            "callers a tiny daily budget, then answers HTTP 429 and is skipped; a free key is at "
            "openalex.org/settings/api") in first.stderr.splitlines()
    keyed = CliRunner().invoke(main, [*args, "--clear-cache"], env={"OPENALEX_API_KEY": "k-123"})
    assert "resumeconv: 4 cached answer(s) removed" in keyed.stderr.splitlines()
    assert "OpenAlex API key" not in keyed.stderr and "k-123" not in keyed.stderr
    openalex = [r for r, _ in httpserver.log if r.path == "/openalex/works"]
    assert [r.args.get("api_key") for r in openalex] == [None, "k-123"]
    assert all(r.args["per_page"] == "5" and "per-page" not in r.args for r in openalex)


def test_validate_imports_no_http_library() -> None:
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "resumeconv", "validate", str(SAMPLE_JSON)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in {"requests", "urllib3", "resumeconv.core.http"}}
