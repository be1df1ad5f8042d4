"""Shared fixtures: where the repository, the samples and ../shared are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_JSON = SAMPLES / "yihua-zhang.resume.json"
#: The read-only reference material; CI lays it beside the clone. RESUMECONV_SHARED overrides the place.
SHARED = Path(os.environ.get("RESUMECONV_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def shared() -> Path:
    """The ../shared folder, or a skip with the reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); corpus and reference tests need it")
    return SHARED


@pytest.fixture
def sample_doc() -> dict:
    import json

    return json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))


def kill_while_writing(statement: str, *args: str, at_pause=None) -> int:
    """Run ``statement`` in a child process whose fsync pauses mid-write, SIGKILL it there and return its exit code.

    ``at_pause`` is called while the child waits (the new bytes are in the temporary file, nothing is renamed yet).
    """
    import signal
    import subprocess
    import sys

    child = "\n".join([
        "import os, sys, time",
        "def slow_fsync(fd):",
        "    print('writing', flush=True)",
        "    time.sleep(30)",
        "os.fsync = slow_fsync",
        statement,
    ])
    proc = subprocess.Popen([sys.executable, "-c", child, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout.readline() == b"writing\n"
        if at_pause is not None:
            at_pause()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode
