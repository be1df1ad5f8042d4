"""``-t rendercv`` against RenderCV itself, at the version the test extra pins (2.3) and the newest (2.8, which needs
Python >= 3.12): its own model reads our YAML and its own templates make the Typst, checked for what prints.

RenderCV 2.8 runs in a Python 3.12 virtual environment made once from the package registry and kept in
``~/.cache/resumeconv-tests/`` (``RESUMECONV_RENDERCV_VENV`` names another); the 2.8 tests skip with the reason when
no Python 3.12 is found or the install fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import resumeconv
from conftest import ROOT
from resumeconv.core.errors import InputError

PROBE = ROOT / "tests" / "rendercv_probe.py"
NEWEST = "2.8"
_PY312 = ("/root/.pyenv/versions/3.12.1/bin/python3.12",)


def _python312() -> str | None:
    for candidate in (shutil.which("python3.12"), shutil.which("python3.13"), *_PY312):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def newest_python() -> str:
    """The Python of a venv holding RenderCV 2.8 (made on first use, then reused)."""
    venv = Path(os.environ.get("RESUMECONV_RENDERCV_VENV")
                or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "resumeconv-tests"
                / f"rendercv-{NEWEST}")
    python = venv / "bin" / "python"
    if python.exists() and _version(str(python)) == NEWEST:
        return str(python)
    base = _python312()
    if base is None:
        pytest.skip(f"RenderCV {NEWEST} needs Python >= 3.12 and none was found (python3.12 on PATH)")
    made = subprocess.run([base, "-m", "venv", "--clear", str(venv)], capture_output=True, text=True, timeout=300)
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", f"rendercv=={NEWEST}.*"],
                             capture_output=True, text=True, timeout=900) if made.returncode == 0 else made
    if install.returncode != 0:
        pytest.skip(f"could not install rendercv=={NEWEST}.* into a Python 3.12 venv: {install.stderr[-300:]}")
    return str(python)


def _version(python: str) -> str:
    proc = subprocess.run([python, "-c", "from importlib.metadata import version; print(version('rendercv'))"],
                          capture_output=True, text=True, timeout=60)
    return ".".join(proc.stdout.strip().split(".")[:2])


def _probe(python: str, texts: list[str]) -> list[dict[str, Any]]:
    """RenderCV's verdict and Typst for each YAML text, from one run of tests/rendercv_probe.py."""
    lines = "".join(json.dumps(t) + "\n" for t in texts)
    proc = subprocess.run([python, str(PROBE)], input=lines, capture_output=True, text=True, timeout=900,
                          cwd=ROOT.parent, check=True)
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(params=["2.3", NEWEST], ids=["rendercv-2.3", f"rendercv-{NEWEST}"])
def rendercv(request: pytest.FixtureRequest) -> Any:
    """A function: YAML texts -> RenderCV's answers, at each tested version."""
    if request.param == "2.3":
        pytest.importorskip("rendercv", reason="rendercv is in the test extra")
        python = sys.executable
    else:
        python = request.getfixturevalue("newest_python")
    assert _version(python) == request.param
    return lambda texts: _probe(python, texts)


def _authors_line(typst: str, first_author: str) -> str:
    return next(line.strip() for line in typst.splitlines() if first_author in line and ", " in line)


pytestmark = pytest.mark.slow


def test_sample_accepted_and_author_marks_print_right(rendercv: Any, sample_doc: dict) -> None:
    """Every equal-contribution ``*`` prints as a star and nothing after the owner turns italic (2.8 kept 2 of 12
    marks and made 5 author lists italic before the marks were escaped)."""
    answer = rendercv([resumeconv.write(sample_doc, "rendercv").text])[0]
    assert answer["ok"], answer["error"]
    typst = answer["typst"]
    marked = [p for p in sample_doc["publications"] if any(a.get("equalContribution") for a in p["authors"])]
    assert sum(a.get("equalContribution") is True for p in marked for a in p["authors"]) == 12
    for pub in marked:
        printed = ", ".join(a["name"] + ("*" if a.get("equalContribution") else "") for a in pub["authors"])
        line = next(ln for ln in typst.splitlines() if _printed(ln) == printed)
        owner_end = line.index("]]") + 2 if "#strong[#emph[" in line else 0
        assert "#emph[" not in line[owner_end:], line


def _printed(line: str) -> str:
    """The text a Typst line of an author list prints (markup and RenderCV's spacing commands dropped)."""
    text = re.sub(r"#sym\.ast\.basic(?:#h\(0pt, weak: true\))? ?", "*", line.strip())
    text = re.sub(r"^#v\([^)]*\);", "", text)
    return re.sub(r"#(?:strong|emph)\[|\]", "", text)


def test_backslashes_and_stars_in_titles_print_as_typed(rendercv: Any) -> None:
    title = "Sorting in $O(n \\log n)$ with *stars*"
    doc = {"basics": {"name": "A"}, "publications": [{"name": title, "authors": [{"name": "A", "self": True}]}]}
    written = resumeconv.write(doc, "rendercv")
    assert resumeconv.read(written.data, format="rendercv").document["publications"][0]["name"] == title
    answer = rendercv([written.text])[0]
    assert answer["ok"], answer["error"]
    # In Typst "\\" prints one backslash and "\$" a dollar; a lone "\l" would print "l".
    typst = answer["typst"]
    assert "Sorting in \\$O" in typst and "n \\\\log n" in typst and "n \\log n" not in typst.replace("\\\\", "")
    assert "with #sym.ast.basic#h(0pt, weak: true) stars#sym.ast.basic" in typst


@pytest.mark.parametrize("email", ["", "###EMAIL###", "nobody", "a@b"])
def test_placeholder_email_is_left_out_and_reported(email: str, rendercv: Any) -> None:
    written = resumeconv.write({"basics": {"name": "A", "email": email}}, "rendercv")
    assert "email" not in written.text
    assert [(x.pointer, x.kind) for x in written.losses] == [("/basics/email", "loss")]
    assert rendercv([written.text])[0]["ok"]


def test_stackoverflow_username_comes_from_the_profile_url(rendercv: Any) -> None:
    profiles = [{"network": "StackOverflow", "username": "qdequippe",
                 "url": "https://stackoverflow.com/users/1234567/qdequippe"},
                {"network": "Stack Overflow", "username": "nobody", "url": "https://stackoverflow.com/u/nobody"},
                {"network": "Mastodon", "username": "roschaefer", "url": "https://mastodon.social/@roschaefer"}]
    written = resumeconv.write({"basics": {"name": "A", "profiles": profiles}}, "rendercv")
    assert "username: 1234567/qdequippe" in written.text and "nobody" not in written.text
    assert "username: '@roschaefer@mastodon.social'" in written.text
    losses = {(x.pointer, x.kind): x.reason for x in written.losses}
    assert losses[("/basics/profiles/1", "loss")].startswith("RenderCV needs a StackOverflow profile as user_id/")
    assert ("/basics/profiles/0/username", "normalization") in losses
    answer = rendercv([written.text])[0]
    assert answer["ok"], answer["error"]


def test_real_resumes_all_accepted(rendercv: Any, shared: Path) -> None:
    """Resumes others wrote (../shared/corpus/jsonresume): every one resumeconv can read converts and RenderCV
    accepts the result; the two it cannot read are refused with a line:column message."""
    texts, refused = [], []
    for path in sorted((shared / "corpus" / "jsonresume").glob("*")):
        if path.name.startswith("MANIFEST"):
            continue
        try:
            doc = resumeconv.load(path)
        except InputError as error:
            refused.append((path.name, re.sub(r".*:(\d+):(\d+): ", r"\1:\2 ", str(error))[:40]))
            continue
        texts.append(resumeconv.write(doc, "rendercv").text)
    assert len(texts) >= 39
    assert [name for name, _ in refused] == ["6stars__resume__resume.json",
                                             "albertvillanova__albertvillanova.github.io__resume-malformed.json"]
    rejected = [(i, a["error"][:200]) for i, a in enumerate(rendercv(texts)) if not a["ok"]]
    assert rejected == []
