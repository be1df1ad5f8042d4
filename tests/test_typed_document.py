"""The typed document: mypy (strict, as the project runs it) checks a document handed to the API against the
generated ``Resume`` TypedDict, and types what readers return as ``Resume``.

Runs mypy on small snippets in a temporary folder against this checkout's ``src`` (not an installed copy).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # one mypy run: a few seconds without a cache

SRC = Path(__file__).resolve().parent.parent / "src"

GOOD = """\
import resumeconv
from resumeconv.schemas.vocab import Resume

doc: Resume = {"basics": {"name": "Ada Lovelace", "email": "ada@example.org"},
               "work": [{"name": "Analytical Engine", "startDate": "1843-09"}]}
data: bytes = resumeconv.write(doc, "json").data
resumeconv.write({"basics": {"name": "Ada Lovelace"}}, "bibtex")
resumeconv.convert(doc, "markdown")
resumeconv.convert({"work": [{"highlights": ["one"]}]}, "markdown")
resumeconv.validate(doc)
name: str | None = resumeconv.load("cv.json").get("basics", {}).get("name")
"""

BAD = """\
from typing import Any

import resumeconv
from resumeconv.schemas.vocab import Resume

doc: Resume = {"basics": {"name": 3}}
resumeconv.write({"basics": {"name": 3}}, "json")
untyped: dict[str, Any] = {"basics": {"name": "Ada Lovelace"}}
resumeconv.write(untyped, "json")
year: int = resumeconv.read("cv.json").document["work"][0]["startDate"]
resumeconv.convert({"work": [{"highlights": "one"}]}, "markdown")
"""


def _mypy(tmp_path: Path, *files: str) -> list[str]:
    env = {**os.environ, "MYPYPATH": str(SRC)}
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", "--no-error-summary",
         "--cache-dir", str(tmp_path / ".mypy_cache"), *files],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 1), run.stdout + run.stderr
    return [line for line in run.stdout.splitlines() if ": error:" in line]


def test_mypy_checks_documents_against_the_resume_typeddict(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy is in the dev extra (pip install -e '.[dev]'), which CI installs")
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "bad.py").write_text(BAD)
    errors = _mypy(tmp_path, "good.py", "bad.py")
    assert not [e for e in errors if not e.startswith("bad.py:")], errors
    by_line = {int(m.group(1)): e for e in errors if (m := re.match(r"bad\.py:(\d+):", e))}
    # A wrongly typed field, annotated as the TypedDict or handed to write as a literal.
    assert 'TypedDict item "name" has type "str"' in by_line[6]
    assert 'TypedDict item "name" has type "str"' in by_line[7]
    # A plain dict is not a Resume: write takes the typed document.
    assert 'Argument 1 to "write" has incompatible type "dict[str, Any]"; expected "Resume"' in by_line[9]
    # What a reader returns is typed: startDate is a str, not an int.
    assert 'expression has type "str", variable has type "int"' in by_line[10]
    # convert checks a document it is given too (highlights is a list of strings; good.py passes a correct one).
    assert 'Argument 1 to "convert" has incompatible type "dict[str, list[dict[str, str]]]"' in by_line[11]
    assert sorted(by_line) == [6, 7, 9, 10, 11], errors
