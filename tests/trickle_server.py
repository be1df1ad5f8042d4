"""A hostile HTTP server on 127.0.0.1 that trickles its answer one byte at a time.

Per-read timeouts never fire against it (each read gets a byte before the timeout), so only a total deadline
stops a client. ``phase`` says where the trickle happens: in the status line and headers, or in the body after
complete headers. ``sent`` counts the bytes each connection got out before the client hung up, so a test can
prove that the client gave up long before the end without measuring time itself.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator


class TrickleServer:
    def __init__(self, *, phase: str = "body", interval: float = 0.1, length: int = 600,
                 tls: ssl.SSLContext | None = None) -> None:
        self.phase, self.interval, self.length, self.tls = phase, interval, length, tls
        self.sent: list[int] = []
        self.requests = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self._sock.getsockname()[1]}"

    def start(self) -> TrickleServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._sock.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        self._sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self.requests += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _answer(self) -> tuple[bytes, bytes]:
        """(sent at once, trickled)."""
        body = b'{"x": "' + b"a" * self.length + b'"}'
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
        if self.phase == "headers":
            filler = b"".join(b"X-Slow-%d: %s\r\n" % (i, b"b" * 50) for i in range(self.length // 60))
            return b"", head + filler + b"\r\n" + body
        return head + b"\r\n", body

    def _serve(self, conn: socket.socket) -> None:
        index = len(self.sent)
        self.sent.append(0)
        with conn:
            conn.settimeout(5)
            with contextlib.suppress(OSError):
                if self.tls is not None:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                conn.recv(65536)  # the request (small: a GET or a little POST)
                at_once, trickled = self._answer()
                conn.sendall(at_once)
                for byte in trickled:
                    if self._stop.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    self.sent[index] += 1
                    time.sleep(self.interval)


@contextlib.contextmanager
def trickling(**kwargs: object) -> Iterator[TrickleServer]:
    server = TrickleServer(**kwargs).start()  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()
