"""``resumeconv serve`` in a real headless Chromium (driven over the DevTools protocol, tests/cdp.py).

One real server process, one real browser tab, real rename saves: the page loads with the CV's name as its title,
an edit shows up, a broken save shows its one-line error with line:column, a fix clears it, the format switcher
shows a writer's output and loss report, one event stream carries the reloads, and no request leaves the server.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from cdp import Browser, Tab, chromium_or_skip
from child import Child
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
pytest.importorskip("watchfiles", reason="serve needs the 'serve' extra (watchfiles)")
pytest.importorskip("typst", reason="serve shows Typst pages: the 'pdf' extra (typst)")
pytest.importorskip("websocket", reason="the browser tests drive Chromium with websocket-client (test extra)")

SAMPLE = (SAMPLES / "yihua-zhang.resume.yaml").read_text(encoding="utf-8")
NAME_LINE = "\n  name: Yihua Zhang\n"


class Server(Child):
    """``resumeconv serve FILE --port 0``; its stderr lines arrive in a queue."""

    def __init__(self, cv: Path, *args: str) -> None:
        super().__init__("serve", cv.name, "--port", "0", *args, cwd=cv.parent)
        line = self.wait_for("resumeconv: serving")
        found = re.search(r" on (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C stops\)$", line)
        assert found, line
        self.url, self.port = found.group(1), int(found.group(2))


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def browser() -> Iterator[Browser]:
    chromium_or_skip()
    with Browser() as b:
        yield b


def rename_save(path: Path, text: str) -> None:
    """Save as vim and VS Code do: a temporary file renamed over the original."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def wait_version(tab: Tab, version: int) -> None:
    tab.wait_for(f"document.body !== null && document.body.dataset.version === '{version}'")


def pages_loaded(tab: Tab, version: int) -> int:
    """How many page images show, once each has loaded the SVG of ``version``."""
    return int(tab.wait_for(
        "(() => { const imgs = [...document.querySelectorAll('#pages img')];"
        f" return imgs.length && imgs.every(i => i.complete && i.naturalWidth > 500 && i.src.endsWith('?v={version}'))"
        " && imgs.length; })()"))


def test_page_loads_updates_on_save_shows_and_clears_errors(cv: Path, browser: Browser) -> None:
    from resumeconv import formats, load, validate, write
    from resumeconv.core.errors import InputError
    from resumeconv.core.losses import summarize

    server = Server(cv)
    try:
        tab = browser.page(server.url)
        wait_version(tab, 1)
        assert tab.js("document.title") == "Yihua Zhang · resumeconv serve"
        assert pages_loaded(tab, 1) == 4
        assert tab.js("document.getElementById('findings').innerText") == "valid, no warnings"
        assert tab.js("document.getElementById('error').innerText") == ""

        # An edit appears: the title, the pages, and the Markdown writer's output in the switcher.
        edited = SAMPLE.replace(NAME_LINE, "\n  name: Yihua Zhang-Live\n", 1)
        rename_save(cv, edited)
        server.wait_for("resumeconv: cv.yaml: rendered in")
        wait_version(tab, 2)
        assert tab.js("document.title") == "Yihua Zhang-Live · resumeconv serve"
        assert tab.js("document.getElementById('name').innerText") == "Yihua Zhang-Live"
        assert pages_loaded(tab, 2) == 4
        tab.js("(() => { const s = document.getElementById('view'); s.value = 'markdown';"
               " s.dispatchEvent(new Event('change')); })()")
        tab.wait_for("document.body.dataset.format === 'markdown@2'")
        assert tab.js("document.getElementById('output').textContent").startswith("# Yihua Zhang-Live\n")
        expected = summarize([x for x in write(load(edited), "markdown").losses if x.kind == "loss"])
        assert expected
        assert tab.js("[...document.querySelectorAll('#losses li')].map(li => li.textContent)") == expected
        assert tab.js("document.getElementById('losses-title').textContent") == "Not carried to markdown"
        lost = sum(x.kind == "loss" for x in write(load(edited), "markdown").losses)
        about = tab.js("document.getElementById('losses-about').textContent")
        assert about == f"{lost} item(s) this format cannot hold"

        # A broken save: the one-line error with line:column, the same line the reader gives; no stack trace.
        broken = edited.replace("\n  name: Yihua Zhang-Live\n", "\n  name: [Yihua\n", 1)
        with pytest.raises(InputError) as caught:
            formats.get("yaml").read(broken.encode(), source="cv.yaml")
        message = str(caught.value)
        assert re.match(r"cv\.yaml:\d+:\d+: invalid YAML", message), message
        rename_save(cv, broken)
        assert server.wait_for("resumeconv: cv.yaml:") == f"resumeconv: {message}"
        wait_version(tab, 3)
        assert tab.js("document.getElementById('error').innerText") == message
        assert tab.js("document.body.classList.contains('broken')") is True
        assert "Traceback" not in tab.js("document.body.innerText")
        assert tab.js("document.title") == "Yihua Zhang-Live · resumeconv serve"  # the last good name stays

        # A save the schema refuses shows its finding at file:line:col; the preview still renders.
        bad_email = SAMPLE.replace("\n  email: zhan1908@msu.edu\n", "\n  email: not an address\n", 1)
        [finding] = validate(bad_email.encode(), file="cv.yaml", format="yaml")
        assert (finding.line, finding.column, finding.pointer) == (4, 10, "/basics/email")
        rename_save(cv, bad_email)
        wait_version(tab, 4)
        assert tab.js("document.body.classList.contains('broken')") is False
        items = tab.js("[...document.querySelectorAll('#findings li')].map(li => li.textContent)")
        assert items == [f"cv.yaml:4:10 error: {finding.message} (at /basics/email)"]

        # The fix clears everything.
        rename_save(cv, SAMPLE)
        wait_version(tab, 5)
        assert tab.js("document.getElementById('error').innerText") == ""
        assert tab.js("document.title") == "Yihua Zhang · resumeconv serve"
        assert tab.js("document.getElementById('findings').innerText") == "valid, no warnings"

        asked = tab.requests()
        assert [u for u in asked if not u.startswith(server.url)] == [], "a request left the preview server"
        assert [u for u in asked if u.endswith("/events")] == [f"{server.url}events"], "one event stream, no polling"
        assert sum(u.endswith("/state") for u in asked) <= 6
        tab.close()

        server.proc.send_signal(signal.SIGINT)
        assert server.proc.wait(timeout=30) == 130
        server.wait_for("resumeconv: interrupted")
        assert not any("Traceback" in line for line in server.seen), server.seen
        assert sorted(p.name for p in cv.parent.iterdir()) == ["cv.yaml"], "serve writes no file"
    finally:
        server.stop()


def test_server_answers_only_its_own_address(cv: Path) -> None:
    server = Server(cv)
    try:
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with no_proxy.open(f"{server.url}state", timeout=30) as answer:
            state = json.load(answer)
        assert (state["title"], state["pages"], state["error"]) == ("Yihua Zhang", 4, None)
        request = urllib.request.Request(f"{server.url}state", headers={"Host": "attacker.example:80"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            no_proxy.open(request, timeout=30)
        assert refused.value.code == 403
        import socket

        with pytest.raises(OSError):
            socket.create_connection((_outside_address(), server.port), timeout=2).close()
    finally:
        server.stop()


def _outside_address() -> str:
    """An address of this machine other than loopback (the server must not listen there)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
            address = str(probe.getsockname()[0])
        except OSError:
            address = "127.0.0.1"
    if address.startswith("127."):
        pytest.skip("this machine has no address besides loopback to try")
    return address


def test_port_in_use_is_a_usage_error(cv: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "resumeconv", "serve", "cv.yaml", "--port", str(port)],
                              cwd=cv.parent, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                              capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (f"resumeconv: port {port} on 127.0.0.1 is in use: give another with "
                                           "--port, or --port 0 for any free one")


def test_npm_theme_page_is_served_without_scripts_or_outside_requests(cv: Path, browser: Browser) -> None:
    from resumeconv.render import RenderError, find_node, find_theme

    try:
        find_node()
        find_theme("even")
    except RenderError as err:
        pytest.skip(str(err))
    server = Server(cv, "--theme", "even")
    try:
        tab = browser.page(server.url)
        wait_version(tab, 1)
        assert tab.js("document.title") == "Yihua Zhang · resumeconv serve"
        assert tab.js("document.getElementById('theme').hidden") is False
        assert tab.js("document.querySelectorAll('#pages img').length") == 0
        html = tab.js("fetch('/theme.html').then(r => r.text())")
        assert "Yihua Zhang" in html
        policy = tab.js("fetch('/theme.html').then(r => r.headers.get('content-security-policy'))")
        assert "default-src 'none'" in policy and "sandbox" in policy
        tab.wait_for("performance.getEntriesByType('resource').some(e => e.name.includes('/theme.html'))")
        asked = tab.requests()
        assert [u for u in asked if not u.startswith(server.url)] == []
        tab.close()
    finally:
        server.stop()


def _serve(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv", "serve", *args], cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
                          timeout=60, check=False)


def test_what_no_save_can_fix_is_refused_before_serving(cv: Path) -> None:
    missing = _serve(cv.parent, "nope.yaml", "--port", "0")
    assert (missing.returncode, missing.stderr) == (2, "resumeconv: nope.yaml: serve needs a file to watch (no such "
                                                       "file)\n")
    theme = _serve(cv.parent, "cv.yaml", "--port", "0", "-t", "no-such-theme-xyz")
    assert theme.returncode == 2
    assert theme.stderr.startswith("resumeconv: ") and theme.stderr.count("\n") == 1, theme.stderr
    assert "jsonresume-theme-no-such-theme-xyz" in theme.stderr or "Node.js is not installed" in theme.stderr


def test_markup_in_the_name_stays_text(tmp_path: Path) -> None:
    """The title is escaped on the server (the rest of the page is set with textContent in the browser)."""
    cv = tmp_path / "cv.yaml"
    cv.write_text(SAMPLE.replace(NAME_LINE, "\n  name: \"</title><script>alert(1)</script>\"\n", 1), encoding="utf-8")
    server = Server(cv)
    try:
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with no_proxy.open(server.url, timeout=30) as answer:
            page = answer.read().decode("utf-8")
            policy = answer.headers["Content-Security-Policy"]
        assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; · resumeconv serve</title>" in page
        assert "<script>alert(1)" not in page
        assert policy.startswith("default-src 'none'; ")
    finally:
        server.stop()
