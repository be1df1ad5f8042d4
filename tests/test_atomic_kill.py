"""A process killed in the middle of writing never leaves a truncated or half-written user file."""

from __future__ import annotations

import signal
from pathlib import Path

from conftest import kill_while_writing


def test_sigkill_mid_write_leaves_the_original_intact(tmp_path: Path) -> None:
    target = tmp_path / "cv.resume.json"
    target.write_text('{"basics": {"name": "Original"}}\n')

    def temp_file_is_complete() -> None:
        temps = [p for p in tmp_path.iterdir() if p.name.startswith(".cv.resume.json.")]
        assert len(temps) == 1 and temps[0].stat().st_size == len(b"new content ") * 100000

    code = kill_while_writing("from resumeconv.core import fileio\n"
                              "fileio.write_atomic(sys.argv[1], b'new content ' * 100000)",
                              str(target), at_pause=temp_file_is_complete)
    assert code == -signal.SIGKILL
    assert target.read_text() == '{"basics": {"name": "Original"}}\n'
