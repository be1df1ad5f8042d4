"""A ``resumeconv`` child process for tests of long-running commands (``serve``, ``render --watch``)."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

from conftest import ROOT, interruptible


class Child:
    """``python -m resumeconv ARGS`` in ``cwd``, whose stderr lines arrive in a queue, read by a thread."""

    def __init__(self, *args: str, cwd: Path, step: float = 60.0) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        self.proc = subprocess.Popen([sys.executable, "-m", "resumeconv", *args], cwd=cwd, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     preexec_fn=interruptible)
        self.step = step
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, start: str) -> str:
        """The next stderr line starting with ``start`` (earlier lines are kept in ``seen``)."""
        while True:
            try:
                line = self.lines.get(timeout=self.step)
            except queue.Empty:
                raise AssertionError(f"no line starting {start!r} within {self.step} s; got {self.seen}") from None
            self.seen.append(line)
            if line.startswith(start):
                return line

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
