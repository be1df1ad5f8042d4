"""Local stand-ins for OpenAlex, Crossref, arXiv and DBLP: one HTTP server on 127.0.0.1 answering each API's
search with the recorded answers in tests/fixtures/enrich (see its README), chosen by the title asked for.

``faults[source]`` queues answers to give before the recorded one (429s, 5xx, slow or malformed answers).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from werkzeug import Request, Response

from resumeconv.core.ids import title_key

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "enrich"
PATHS = {"openalex": "/openalex/works", "crossref": "/crossref/works", "arxiv": "/arxiv/api/query",
         "dblp": "/dblp/search/publ/api"}
EMPTY = {"openalex": "openalex/empty.json", "crossref": "crossref/empty.json", "arxiv": "arxiv/empty.xml",
         "dblp": "dblp/empty.json"}
PEERJ = "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
TELE = ("Investigating Patients’ Intention to Continue Using Teleconsultation to Anticipate Postcrisis Momentum: "
        "Survey Study")
POPOLITOV = "On coincidence of Alday-Maldacena-regularized σ-model and Nambu-Goto areas of minimal surfaces"
KDD = "Anomaly Detection in Streams with Extreme Value Theory"
#: Which recorded answer each source gives for which title (anything else: the source's empty answer); the same
#: table serves tests/fixtures/enrich/serve.py, the stand-in the docs run.
ROUTES: dict[str, dict[str, str]] = json.loads((FIXTURES / "routes.json").read_text(encoding="utf-8"))


def asked_title(source: str, request: Request) -> str:
    """The title words a request asks for, in the source's own query syntax."""
    args = request.args
    if source == "openalex":
        return args.get("filter", "").removeprefix("title.search:")
    if source == "crossref":
        return args.get("query.bibliographic", "")
    if source == "arxiv":
        return args.get("search_query", "").removeprefix("ti:").strip('"')
    return args.get("q", "")


#: The recorded answers of other people's test suites (tests/fixtures/enrich/recorded/SOURCE.md).
RECORDED: dict[str, dict[str, str]] = json.loads((FIXTURES / "recorded" / "routes.json").read_text(encoding="utf-8"))


class Apis:
    """The four APIs on one pytest-httpserver; ``base_args`` points the CLI at them. ``table`` says which answer
    goes with which title (default: ROUTES)."""

    def __init__(self, httpserver: Any, table: dict[str, dict[str, str]] | None = None) -> None:
        self.server = httpserver
        self.faults: dict[str, list[Callable[[], Response]]] = {s: [] for s in PATHS}
        self.asked: list[tuple[str, str]] = []
        table = ROUTES if table is None else table
        routes = {s: {title_key(t): f for t, f in table.get(s, {}).items()} for s in PATHS}
        for source, path in PATHS.items():
            httpserver.expect_request(path, method="GET").respond_with_handler(
                self._handler(source, routes[source]))

    def _handler(self, source: str, routes: dict[str, str]) -> Callable[[Request], Response]:
        def handle(request: Request) -> Response:
            words = title_key(asked_title(source, request))
            self.asked.append((source, words))
            if self.faults[source]:
                return self.faults[source].pop(0)()
            name = routes.get(words, EMPTY[source])
            kind = "application/atom+xml; charset=utf-8" if name.endswith(".xml") else "application/json"
            return Response((FIXTURES / name).read_bytes(), status=200, content_type=kind)

        return handle

    def base_urls(self) -> dict[str, str]:
        return {s: self.server.url_for(f"/{s}") for s in PATHS}

    def base_args(self) -> list[str]:
        out = []
        for source, url in self.base_urls().items():
            out += ["--base-url", f"{source}={url}"]
        return out


def status(code: int, headers: dict[str, str] | None = None) -> Callable[[], Response]:
    return lambda: Response(b'{"status": "error"}', status=code, headers=headers or {},
                            content_type="application/json")


def slow(seconds: float) -> Callable[[], Response]:
    def answer() -> Response:
        time.sleep(seconds)
        return Response(b"{}", status=200, content_type="application/json")

    return answer


def body(data: bytes, kind: str = "application/json") -> Callable[[], Response]:
    return lambda: Response(data, status=200, content_type=kind)
