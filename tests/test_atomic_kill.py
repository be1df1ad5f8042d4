"""A process killed in the middle of writing never leaves a truncated or half-written user file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from resumeconv import fileio

    def slow_fsync(fd):
        print("writing", flush=True)   # the new bytes are in the temp file, not yet renamed
        time.sleep(30)
    os.fsync = slow_fsync
    fileio.write_atomic(sys.argv[1], b"new content " * 100000)
    """
)


def test_sigkill_mid_write_leaves_the_original_intact(tmp_path: Path) -> None:
    target = tmp_path / "cv.resume.json"
    target.write_text('{"basics": {"name": "Original"}}\n')
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline() == b"writing\n"
        temps = [p for p in tmp_path.iterdir() if p.name.startswith(".cv.resume.json.")]
        assert len(temps) == 1 and temps[0].stat().st_size == len(b"new content ") * 100000
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_text() == '{"basics": {"name": "Original"}}\n'
