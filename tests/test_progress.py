"""Progress on stderr: at a terminal only, redrawn in place, erased at the end."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_JSON
from resumeconv.core.progress import MIN_STEPS, track, wanted


def test_nothing_is_drawn_into_a_pipe_or_file() -> None:
    out = io.StringIO()
    assert list(track(range(50), 50, "validating", stream=out)) == list(range(50))
    assert out.getvalue() == ""
    assert wanted(out) is False


def test_a_terminal_sees_the_count_and_then_a_clean_line() -> None:
    out = io.StringIO()
    assert list(track(range(25), 25, "converting", stream=out, force=True)) == list(range(25))
    drawn = out.getvalue()
    assert drawn.startswith("\rconverting: 1/25")
    assert "\rconverting: 25/25" in drawn
    assert drawn.endswith("\r" + " " * len("converting: 25/25") + "\r")


def test_short_work_draws_nothing_even_at_a_terminal() -> None:
    out = io.StringIO()
    list(track(range(MIN_STEPS - 1), MIN_STEPS - 1, "x", stream=out, force=True))
    assert out.getvalue() == ""


@pytest.mark.skipif(sys.platform == "win32", reason="pty is POSIX")
def test_validate_many_files_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"cv-{i}.json").write_bytes(SAMPLE_JSON.read_bytes())
    args = [sys.executable, "-m", "resumeconv.cli", "validate", str(tmp_path)]
    piped = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert piped.returncode == 0
    assert "validating" not in piped.stderr
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=secondary, text=True)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(primary)
    assert proc.returncode == 0
    assert b"validating: 12/12" in seen
    assert b"12 file(s) checked: 12 valid" in seen
