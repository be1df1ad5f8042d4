"""How long a save takes to show: ``render --watch`` (save -> new PDF written) and ``serve`` (save -> the event
that tells the page, which has the new snapshot ready by then).

    python bench/preview.py [--saves N]

Each save renames a new version of the sample over the file (as vim and VS Code save); the clock runs from the
rename to the line ``render --watch`` prints after writing, or to the ``data:`` line on the server's event stream.
Issue 28's target: within a second for the sample.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "samples" / "yihua-zhang.resume.yaml").read_text(encoding="utf-8")


def lines_of(stream: object) -> queue.Queue[tuple[float, str]]:
    """Lines of a text stream with the time each arrived, read by a thread."""
    out: queue.Queue[tuple[float, str]] = queue.Queue()

    def pump() -> None:
        for line in stream:  # type: ignore[attr-defined]
            out.put((time.perf_counter(), line.decode() if isinstance(line, bytes) else line))

    threading.Thread(target=pump, daemon=True).start()
    return out


def until(lines: queue.Queue[tuple[float, str]], start: str) -> float:
    while True:
        at, line = lines.get(timeout=60)
        if line.startswith(start):
            return at


def save(path: Path, n: int) -> float:
    tmp = path.with_name(".cv.tmp")
    tmp.write_text(SAMPLE.replace("\n  name: Yihua Zhang\n", f"\n  name: Yihua Zhang {n}\n", 1), encoding="utf-8")
    started = time.perf_counter()
    os.replace(tmp, path)
    return started


def child(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "resumeconv", *args], cwd=cwd, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def watch_latencies(folder: Path, saves: int) -> list[float]:
    cv = folder / "cv.yaml"
    cv.write_text(SAMPLE, encoding="utf-8")
    proc = child(["render", "cv.yaml", "--pdf", "cv.pdf", "--watch", "-q"], folder)
    lines = lines_of(proc.stderr)
    until(lines, "resumeconv: watching")
    out = []
    for n in range(saves):
        started = save(cv, n)
        out.append(until(lines, "resumeconv: wrote") - started)
        time.sleep(0.3)
    proc.terminate()
    proc.wait()
    return out


def serve_latencies(folder: Path, saves: int) -> list[float]:
    cv = folder / "cv.yaml"
    cv.write_text(SAMPLE, encoding="utf-8")
    proc = child(["serve", "cv.yaml", "--port", "0"], folder)
    lines = lines_of(proc.stderr)
    while True:
        _, line = lines.get(timeout=60)
        if line.startswith("resumeconv: serving"):
            url = line.split(" on ", 1)[1].split(" ", 1)[0]
            break
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    events = lines_of(no_proxy.open(url + "events", timeout=120))
    until(events, "data: ")
    out = []
    for n in range(saves):
        started = save(cv, n)
        out.append(until(events, "data: ") - started)
        time.sleep(0.3)
    proc.terminate()
    proc.wait()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=10)
    saves = parser.parse_args().saves
    with tempfile.TemporaryDirectory() as tmp:
        for name, measure in (("render --watch: save -> PDF written", watch_latencies),
                              ("serve: save -> page told (snapshot ready)", serve_latencies)):
            folder = Path(tmp) / name.split(":")[0].replace(" ", "")
            folder.mkdir()
            times = measure(folder, saves)
            print(f"{name}: median {statistics.median(times):.2f} s, max {max(times):.2f} s ({saves} saves)")


if __name__ == "__main__":
    main()
