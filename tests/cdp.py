"""A small Chrome DevTools Protocol client for tests: real headless Chromium, driven over its WebSocket.

Playwright and Selenium download browsers or drivers of their own; this needs only the Chromium CI installs and
websocket-client. One :class:`Browser` is one Chromium process with a fresh profile; :meth:`Browser.page` opens a
tab and returns a :class:`Tab` that evaluates script in the page and records every network request it made.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest


def chromium_or_skip() -> str:
    """The Chromium binary resumeconv would use, or a skip that says how to get one."""
    from resumeconv.render import RenderError, find_chromium

    try:
        return find_chromium()
    except RenderError as err:
        pytest.skip(f"{err} (CI installs Debian's chromium); the browser tests need it")


class Tab:
    """One page target: ``call`` a DevTools method, ``js`` evaluates an expression (promises awaited)."""

    def __init__(self, ws_url: str) -> None:
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        number = next(self.ids)
        self.ws.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def js(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise AssertionError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """The first truthy value of ``expression``; a ceiling, not a speed check (bench/ measures speed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"still false after {timeout} s: {expression}")

    def requests(self) -> list[str]:
        """Every URL the page asked for so far (Network.enable must have been called)."""
        self.call("Runtime.evaluate", expression="0")  # drain events queued before now
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        self.ws.close()


class Browser:
    """Headless Chromium with remote debugging on a free port, and a throwaway profile."""

    def __init__(self) -> None:
        from resumeconv.render import CHROMIUM_FLAGS

        binary = chromium_or_skip()
        self.tmp = tempfile.TemporaryDirectory(prefix="resumeconv-cdp-", ignore_cleanup_errors=True)
        profile = Path(self.tmp.name)
        self.proc = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "--remote-allow-origins=*", "--no-proxy-server", "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.is_file() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise AssertionError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        self.port = int(port_file.read_text().split()[0])

    def page(self, url: str) -> Tab:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank", method="PUT")
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with no_proxy.open(request, timeout=30) as answer:
            target = json.load(answer)
        tab = Tab(target["webSocketDebuggerUrl"])
        tab.call("Network.enable")
        tab.call("Page.enable")
        tab.call("Page.navigate", url=url)
        return tab

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.tmp.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
