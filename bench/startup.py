"""Cold start-up of `resumeconv validate` next to `python -c "import json"` (median wall time of several runs).

Run: python bench/startup.py [--runs N] [FILE]      (not a timed test: it only reports)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "samples" / "yihua-zhang.resume.json"


def wall_times(command: list[str], runs: int) -> list[float]:
    """Wall time of each of ``runs`` fresh processes (one warm-up run first, not counted)."""
    subprocess.run(command, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return times


def resumeconv_command(file: Path) -> list[str]:
    script = shutil.which("resumeconv", path=str(Path(sys.executable).parent)) or shutil.which("resumeconv")
    if script:
        return [script, "validate", str(file)]
    return [sys.executable, "-c", "from resumeconv.cli import main; main()", "validate", str(file)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = [
        ('python -c "import json"', [sys.executable, "-c", "import json"]),
        (f"resumeconv validate {args.file.name}", resumeconv_command(args.file)),
    ]
    results = [(label, wall_times(command, args.runs)) for label, command in rows]
    base = statistics.median(results[0][1])
    print(f"{'command':<48} {'median':>9} {'min':>9} {'ratio':>7}   ({args.runs} runs each, cold processes)")
    for label, times in results:
        median = statistics.median(times)
        print(f"{label:<48} {median * 1000:>7.1f}ms {min(times) * 1000:>7.1f}ms {median / base:>6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
