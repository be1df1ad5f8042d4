"""``render --watch``: a real process watching a real folder, saved to the way editors save (rename over the file).

Each step waits for the line the process prints after it (no sleeps as assertions; the wait is only a ceiling), then
checks the PDF itself with pypdf: the edit is in it, a broken save left it as it was, and Ctrl-C ends with 130.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from child import Child as _Child
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow
pytest.importorskip("watchfiles", reason="render --watch needs the 'serve' extra (watchfiles)")
pytest.importorskip("typst", reason="render --pdf needs the 'pdf' extra (typst)")

#: Ceiling for one step; a step normally takes well under a second (bench/ measures it, tests do not).
STEP = 30.0


class Child(_Child):
    """``resumeconv ARGS`` in ``cwd``, each stderr line awaited at most STEP seconds."""

    def __init__(self, *args: str, cwd: Path) -> None:
        super().__init__(*args, cwd=cwd, step=STEP)


def rename_save(path: Path, text: str) -> None:
    """Save as vim and VS Code do: write a temporary file beside it, then rename it over the original."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()


def test_render_watch_follows_rename_saves_survives_a_broken_one_and_exits_130(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    text = (SAMPLES / "yihua-zhang.resume.yaml").read_text(encoding="utf-8")
    assert "\n  name: Yihua Zhang\n" in text
    cv.write_text(text, encoding="utf-8")
    out = tmp_path / "cv.pdf"
    child = Child("render", "cv.yaml", "--pdf", "cv.pdf", "--watch", cwd=tmp_path)
    try:
        assert child.wait_for("resumeconv: wrote").startswith("resumeconv: wrote cv.pdf in ")
        child.wait_for("resumeconv: watching cv.yaml")
        assert "Yihua Zhang" in pdf_text(out)

        rename_save(cv, text.replace("\n  name: Yihua Zhang\n", "\n  name: Yihua Zhang-Watched\n", 1))
        child.wait_for("resumeconv: wrote cv.pdf")
        assert "Zhang-Watched" in pdf_text(out)
        good = out.read_bytes()

        broken = text.replace("\n  name: Yihua Zhang\n", "\n  name: [Yihua Zhang\n", 1)
        line = 1 + broken[: broken.index("[Yihua")].count("\n")
        rename_save(cv, broken)
        error = child.wait_for("resumeconv: cv.yaml:")
        assert error.startswith(f"resumeconv: cv.yaml:{line + 1}:"), error
        assert "invalid YAML" in error
        assert out.read_bytes() == good, "a broken save must leave the last good PDF as it was"

        rename_save(cv, text.replace("\n  name: Yihua Zhang\n", "\n  name: Yihua Zhang-Fixed\n", 1))
        child.wait_for("resumeconv: wrote cv.pdf")
        assert "Zhang-Fixed" in pdf_text(out)

        child.proc.send_signal(signal.SIGINT)
        assert child.proc.wait(timeout=STEP) == 130
        child.wait_for("resumeconv: interrupted")
        assert not any("Traceback" in x for x in child.seen), child.seen
        assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.pdf", "cv.yaml"], "no temporary file is left"
    finally:
        child.stop()


def test_render_watch_in_place_saves_and_unchanged_saves(tmp_path: Path) -> None:
    """An in-place save (the file rewritten, same inode) renders too; a save that changes nothing does not."""
    cv = tmp_path / "cv.json"
    text = (SAMPLES / "yihua-zhang.resume.json").read_text(encoding="utf-8")
    cv.write_text(text, encoding="utf-8")
    child = Child("render", "cv.json", "-o", "out.pdf", "--watch", "-q", cwd=tmp_path)
    try:
        child.wait_for("resumeconv: watching cv.json")
        cv.write_text(text, encoding="utf-8")  # same bytes: nothing to do
        cv.write_text(text.replace('"Yihua Zhang"', '"Yihua Zhang-InPlace"', 1), encoding="utf-8")
        child.wait_for("resumeconv: wrote out.pdf")
        assert "Zhang-InPlace" in pdf_text(tmp_path / "out.pdf")
        child.proc.send_signal(signal.SIGINT)
        assert child.proc.wait(timeout=STEP) == 130
        child.wait_for("resumeconv: interrupted")
        wrote = [x for x in child.seen if x.startswith("resumeconv: wrote")]
        assert len(wrote) == 2, child.seen  # the first render and the changed save, not the unchanged one
    finally:
        child.stop()


@pytest.mark.parametrize(("args", "message"), [
    (["-", "--pdf", "x.pdf"], "-: --watch needs a file to watch (not stdin or a folder)"),
    (["cv.json", "-o", "-"], "--watch writes files: give --pdf FILE or -o FILE (not stdout)"),
])
def test_render_watch_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "cv.json").write_text((SAMPLES / "yihua-zhang.resume.json").read_text(encoding="utf-8"))
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "render", *args, "--watch"], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr == f"resumeconv: {message}\n"


def test_render_watch_follows_the_typst_template_too(tmp_path: Path) -> None:
    """Designing a theme: a save of the .typ template renders again, as a save of the CV does."""
    from pypdf import PdfReader

    from resumeconv.render_typst import template

    (tmp_path / "cv.json").write_text((SAMPLES / "yihua-zhang.resume.json").read_text(encoding="utf-8"))
    theme = tmp_path / "mine.typ"
    source = template("academic").decode("utf-8")
    theme.write_text(source, encoding="utf-8")
    child = Child("render", "cv.json", "--pdf", "out.pdf", "-t", "mine.typ", "--watch", "-q", cwd=tmp_path)
    try:
        child.wait_for("resumeconv: watching cv.json")
        assert "Template-Marker" not in pdf_text(tmp_path / "out.pdf")
        rename_save(theme, source + "\nTemplate-Marker\n")
        child.wait_for("resumeconv: wrote out.pdf")
        pages = PdfReader(tmp_path / "out.pdf").pages
        assert "Template-Marker" in "".join(page.extract_text() for page in pages)
    finally:
        child.stop()
