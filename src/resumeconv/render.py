"""Render a resume to HTML through a real installed npm theme (with Node.js), and HTML to PDF (with Chromium).

Theme packages are looked up in ``./node_modules``, in the cache folder (``$RESUMECONV_NODE_DIR``, by default
``~/.cache/resumeconv/node``, where ``npm install --prefix`` puts them) and in every ``NODE_PATH`` entry. The theme's
exported ``render(resume)`` is called by the small ``render.js`` shipped beside this module, on the theme document
(see formats/theme/), tuned by the theme's profile (formats/theme/profiles.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .core.errors import ResumeconvError
from .formats.theme import THEMES

#: The versions this project tests (the themes with a profile); the install hint pins them.
KNOWN_THEMES = {f"jsonresume-theme-{p.name}": p.version for p in THEMES}
#: The renderer the tests compare against (``resumed render``).
RESUMED_VERSION = "6.1.0"
RENDER_JS = Path(__file__).resolve().parent / "render.js"
#: Seconds a theme or Chromium may take before it is stopped.
TIMEOUT = 120
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


class RenderError(ResumeconvError):
    """Node, a theme package or Chromium is missing, or the theme failed (exit code 2)."""


def node_dir() -> Path:
    """The cache folder theme packages are installed into (outside any repository)."""
    configured = os.environ.get("RESUMECONV_NODE_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "resumeconv" / "node"


def search_dirs() -> list[Path]:
    """``node_modules`` folders searched for theme packages, in order."""
    dirs = [Path.cwd() / "node_modules", node_dir() / "node_modules"]
    dirs += [Path(p) for p in os.environ.get("NODE_PATH", "").split(os.pathsep) if p]
    return dirs


def package_name(theme: str) -> str:
    """'even' -> 'jsonresume-theme-even'; full and scoped names are kept."""
    if theme.startswith("@") or theme.startswith("jsonresume-theme-") or "/" in theme:
        return theme
    return f"jsonresume-theme-{theme}"


def install_command(package: str) -> str:
    """The exact npm command that installs ``package`` where :func:`find_theme` looks."""
    pinned = f"{package}@{KNOWN_THEMES[package]}" if package in KNOWN_THEMES else package
    return f"npm install --prefix {node_dir()} {pinned}"


def find_theme(theme: str) -> Path:
    """The installed package folder of ``theme`` (a short name like 'even' or a package name)."""
    for name in dict.fromkeys([theme, package_name(theme)]):
        for base in search_dirs():
            if (base / name / "package.json").is_file():
                return base / name
    package = package_name(theme)
    raise RenderError(f"theme package '{package}' is not installed; install it with: {install_command(package)}")


def find_node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RenderError("Node.js is not installed ('node' is not on PATH); install Node.js and npm "
                          "(e.g. apt-get install nodejs npm), then the theme with npm")
    return node


def render_html(theme_doc: dict[str, Any], theme: str) -> str:
    """HTML from the theme package's ``render(resume)``."""
    node = find_node()
    package = find_theme(theme)
    try:
        # Themes format dates in the local time zone (onepage-plus: new Date('2023-05').toLocaleDateString()):
        # in UTC a month is the month written, wherever the machine is.
        proc = subprocess.run([node, str(RENDER_JS), str(package)], input=json.dumps(theme_doc).encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT, check=False, env={**os.environ, "TZ": "UTC"})
    except subprocess.TimeoutExpired:
        raise RenderError(f"theme '{package.name}' did not finish within {TIMEOUT} s") from None
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"theme '{package.name}' failed: {detail[-1] if detail else f'exit {proc.returncode}'}")
    return proc.stdout.decode("utf-8")


def find_chromium() -> str:
    for name in (os.environ.get("RESUMECONV_CHROMIUM"), *CHROMIUM_NAMES):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise RenderError("Chromium is not installed, so no PDF can be printed (e.g. apt-get install chromium)")


def chromium(args: list[str], html: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium on ``html`` (written to a temporary file) with a fresh profile folder."""
    binary = find_chromium()
    with tempfile.TemporaryDirectory(prefix="resumeconv-chromium-") as tmp:
        page = Path(tmp) / "resume.html"
        page.write_text(html, encoding="utf-8")
        cmd = [binary, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}", *args, page.as_uri()]
        try:
            return subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"Chromium did not finish within {TIMEOUT} s") from None


def pdf_bytes(html: str) -> bytes:
    """``html`` printed to PDF by headless Chromium (the caller chooses where it goes)."""
    with tempfile.TemporaryDirectory(prefix="resumeconv-pdf-") as tmp:
        pdf = Path(tmp) / "out.pdf"
        proc = chromium([f"--print-to-pdf={pdf}", "--no-pdf-header-footer"], html)
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF"):
            detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RenderError(f"Chromium printed no PDF: {detail[-1] if detail else f'exit {proc.returncode}'}")
        return data


def print_pdf(html: str, output: str | os.PathLike[str]) -> None:
    """Print ``html`` to a PDF file with headless Chromium, written atomically."""
    from .core.fileio import write_atomic

    write_atomic(output, pdf_bytes(html))


def dump_dom(html: str) -> str:
    """The DOM Chromium builds from ``html`` after scripts ran (``--dump-dom``)."""
    return chromium(["--dump-dom"], html).stdout.decode("utf-8", "replace")


def screenshot(html: str, output: str | os.PathLike[str], *, width: int = 1280, height: int = 2000) -> None:
    """A PNG of the page's first ``width`` x ``height`` pixels through headless Chromium (for a person to look at)."""
    target = Path(output).resolve()
    # The virtual time budget lets the page settle (fonts, a theme's scripts) before the shot, however slow the
    # machine: without it a loaded machine may photograph a page not yet painted.
    proc = chromium([f"--screenshot={target}", f"--window-size={width},{height}", "--hide-scrollbars",
                     "--virtual-time-budget=5000"], html)
    if not target.is_file() or not target.read_bytes().startswith(b"\x89PNG"):
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"Chromium wrote no screenshot: {detail[-1] if detail else f'exit {proc.returncode}'}")
