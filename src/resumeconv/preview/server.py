"""The preview's HTTP server: the standard library's ThreadingHTTPServer on 127.0.0.1 only, no framework.

Routes: ``/`` the page (one HTML file with its CSS and script inline: no CDN, no request leaves 127.0.0.1),
``/state`` the snapshot as JSON, ``/page/N.svg`` a Typst page, ``/theme.html`` the npm theme's HTML (its own strict
Content-Security-Policy: no scripts, nothing fetched from elsewhere), ``/format/NAME`` a writer's output and loss
report, and ``/events``: one long-lived server-sent-events stream per tab that carries the new version number after
each save (a comment every 15 s keeps it open); the page then fetches ``/state`` once. No polling.

A request whose Host header is not this server's address is refused (403), so a web page elsewhere cannot read the
CV through DNS rebinding.
"""

from __future__ import annotations

import errno
import html
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..core.errors import UsageError
from . import Preview

HOST = "127.0.0.1"
PAGE = Path(__file__).resolve().parent / "page.html"
#: Seconds between keep-alive comments on an idle event stream (a closed tab is noticed at the next one).
KEEPALIVE = 15.0
#: Where the page may load things from: itself only (inline script and style are the page's own).
PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self'; "
               "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'")
#: The npm theme's HTML: no scripts, no fonts or styles from elsewhere (a theme that links a CDN looks plainer here).
THEME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"


class PreviewServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer bound to 127.0.0.1 that serves one :class:`Preview`."""

    daemon_threads = True

    def __init__(self, preview: Preview, port: int) -> None:
        self.preview = preview
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {HOST} is in use: give another with --port, or --port 0 for "
                                 "any free one") from None
            raise UsageError(f"cannot listen on {HOST}:{port}: {err.strerror or err}") from None
        self.port = int(self.server_address[1])
        self.url = f"http://{HOST}:{self.port}/"
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    def shutdown_all(self) -> None:
        """End the event streams, then stop serving and close the socket."""
        self.preview.close()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "resumeconv"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows saves and errors, not every request."""

    def do_GET(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:
            self._send(403, "text/plain; charset=utf-8", b"forbidden: this preview answers only on its own address\n")
            return
        path = urlsplit(self.path).path
        route = _ROUTES.get(path)
        if route is not None:
            route(self)
            return
        page = re.fullmatch(r"/page/(\d+)\.svg", path)
        if page:
            self._page(int(page.group(1)))
            return
        if path.startswith("/format/"):
            self._format(path.removeprefix("/format/"))
            return
        self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _send(self, status: int, kind: str, body: bytes, policy: str = PAGE_POLICY) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, value: Any) -> None:
        self._send(200, "application/json; charset=utf-8", json.dumps(value, ensure_ascii=False).encode("utf-8"))

    def _index(self) -> None:
        title = html.escape(f"{self.server.preview.snapshot.title} · resumeconv serve")
        body = PAGE.read_text(encoding="utf-8").replace("{{title}}", title, 1)
        self._send(200, "text/html; charset=utf-8", body.encode("utf-8"))

    def _state(self) -> None:
        self._json(self.server.preview.state())

    def _page(self, number: int) -> None:
        pages = self.server.preview.snapshot.pages
        if not 1 <= number <= len(pages):
            self._send(404, "text/plain; charset=utf-8", b"no such page\n")
            return
        self._send(200, "image/svg+xml", pages[number - 1], policy="default-src 'none'; style-src 'unsafe-inline'")

    def _theme(self) -> None:
        page = self.server.preview.snapshot.html
        if page is None:
            self._send(404, "text/plain; charset=utf-8", b"no theme page (serve --theme NAME shows one)\n")
            return
        self._send(200, "text/html; charset=utf-8", page.encode("utf-8"), policy=THEME_POLICY)

    def _format(self, name: str) -> None:
        from .. import formats as registry

        if not any(s.name == name and s.writes for s in registry.all_formats()):
            self._send(404, "text/plain; charset=utf-8", b"no such writer\n")
            return
        self._json(self.server.preview.output(name))

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        seen = -1
        try:
            self.wfile.write(b"retry: 2000\n\n")
            while (version := preview.wait(seen, KEEPALIVE)) is not None:
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": idle\n\n")
                self.wfile.flush()
                seen = version
        except (BrokenPipeError, ConnectionResetError):
            return


_ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/": _Handler._index, "/state": _Handler._state, "/events": _Handler._events, "/theme.html": _Handler._theme,
}


def serve(path: str, *, port: int, theme: str | None, announce: Callable[[str], None]) -> None:
    """Serve the preview of ``path`` until Ctrl-C (KeyboardInterrupt propagates to the caller).

    ``announce`` gets the address line once listening, then one line per rebuild (the error line, or the time).
    """
    from ..core.watch import saves

    preview = Preview(path, theme)
    preview.check()
    template = [theme] if theme and theme.endswith(".typ") and preview.engine == "typst" else []
    changes = saves(path, *template, stop=(stop := threading.Event()))
    server = PreviewServer(preview, port)
    try:
        _report(preview, announce)
        announce(f"serving {path} on {server.url} (Ctrl-C stops)")

        def follow() -> None:
            for _ in changes:
                _report(preview, announce)

        threading.Thread(target=follow, name="resumeconv-watch", daemon=True).start()
        server.serve_forever(poll_interval=0.5)
    finally:
        stop.set()
        server.shutdown_all()


def _report(preview: Preview, announce: Callable[[str], None]) -> None:
    snap = preview.rebuild()
    announce(snap.error or f"{preview.path}: rendered in {snap.seconds:.1f} s ({snap.at})")
