"""Benchmark resumeconv against its peers, side by side on this machine: medians of cold runs, ratios, peak memory.

    python bench/run.py [--runs 7] [--no-peers] [--cache DIR]

Needs no network beyond installing the peers once (check-jsonschema from PyPI; ajv-cli, ajv-formats and resumed
from npm when Node is present) into a cache folder outside the repository. Data comes from bench/generate.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "yihua-zhang.resume.json"
SCHEMA = ROOT / "schema" / "resume.schema.json"
UPSTREAM_V1 = ROOT / "src" / "resumeconv" / "schemas" / "jsonresume-1.0.0.json"
PY_PEERS = ["check-jsonschema==0.39.0"]
NODE_PEERS = ["ajv-cli@5.0.0", "ajv-formats@3.0.1", "resumed@6.1.0"]


@dataclass
class Timing:
    median: float | None
    peak_mb: float | None
    note: str = ""


def measure(cmd: list[str], runs: int, cwd: Path | None = None) -> Timing:
    """Median wall time of ``runs`` cold processes and the peak resident memory of any of them."""
    times: list[float] = []
    peak = 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.returncode not in (0, 1):
            return Timing(None, None, f"exit {proc.returncode}: {err.strip().splitlines()[-1:] or ''}")
        times.append(elapsed)
        peak = max(peak, usage.ru_maxrss)
    return Timing(statistics.median(times), peak / 1024)


def install_peers(cache: Path) -> dict[str, Path]:
    """Install the peers once into ``cache``; returns the executables that could be installed."""
    found: dict[str, Path] = {}
    venv = cache / "py"
    cj = venv / "bin" / "check-jsonschema"
    if not cj.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *PY_PEERS], check=False,
                       stderr=subprocess.DEVNULL)
    if cj.exists():
        found["check-jsonschema"] = cj
    if shutil.which("npm"):
        node = cache / "node"
        if not (node / "node_modules" / ".bin" / "resumed").exists():
            node.mkdir(parents=True, exist_ok=True)
            subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(node),
                            *NODE_PEERS], check=False)
        for name in ("ajv", "resumed"):
            exe = node / "node_modules" / ".bin" / name
            if exe.exists():
                found[name] = exe
    return found


def resumeconv_exe() -> str:
    exe = Path(sys.executable).parent / "resumeconv"
    return str(exe) if exe.exists() else shutil.which("resumeconv") or "resumeconv"


def writer_formats() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from resumeconv import formats

    return [s.name for s in formats.all_formats() if s.writes]


def fmt(t: Timing | None) -> str:
    if t is None:
        return "-"
    if t.median is None:
        return f"failed ({t.note})"
    return f"{t.median:.3f} s"


def mb(t: Timing | None) -> str:
    return f"{t.peak_mb:.0f}" if t and t.peak_mb else "-"


def ratio(a: Timing | None, b: Timing | None) -> str:
    if not a or not b or a.median is None or b.median is None:
        return "-"
    return f"{a.median / b.median:.2f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-peers", action="store_true", help="measure resumeconv only")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "resumeconv-bench")
    args = parser.parse_args()
    runs = args.runs
    data = args.cache / "data"
    if not (data / "many").is_dir():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(data)], check=True,
                       stdout=subprocess.DEVNULL)
    peers = {} if args.no_peers else install_peers(args.cache)
    # A pip-installed package ships compiled bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE would
    # recompile every module on every run. Compile once and let the children use it, as an install would.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "resumeconv")], check=False)
    rc = resumeconv_exe()
    big = data / "big.resume.json"
    py = sys.executable
    out = Path(tempfile.mkdtemp(prefix="resumeconv-bench-"))

    def row(cmd: list[str] | None) -> Timing | None:
        return measure(cmd, runs) if cmd else None

    print(f"machine: {os.cpu_count()} cores, {sys.platform}, Python {sys.version.split()[0]}; median of {runs} runs")
    print()
    print(f"| command | sample ({SAMPLE.stat().st_size / 1024:.0f} KB) | big ({big.stat().st_size / 1e6:.2f} MB) |")
    print("|---|---|---|")
    results: dict[str, tuple[Timing | None, Timing | None]] = {}
    cj = peers.get("check-jsonschema")
    commands = {
        "python -c pass": ([py, "-c", "pass"], None),
        'python -c "import json"': ([py, "-c", "import json"], None),
        "resumeconv validate": ([rc, "validate", str(SAMPLE)], [rc, "validate", str(big)]),
        "resumeconv validate --profile jsonresume-1.0": (
            [rc, "validate", "--profile", "jsonresume-1.0", str(SAMPLE)],
            [rc, "validate", "--profile", "jsonresume-1.0", str(big)]),
        "check-jsonschema (our schema)": (
            [str(cj), "--schemafile", str(SCHEMA), str(SAMPLE)] if cj else None,
            [str(cj), "--schemafile", str(SCHEMA), str(big)] if cj else None),
        "check-jsonschema (v1.0.0 schema)": (
            [str(cj), "--schemafile", str(UPSTREAM_V1), str(SAMPLE)] if cj else None,
            [str(cj), "--schemafile", str(UPSTREAM_V1), str(big)] if cj else None),
        "ajv-cli 5 + ajv-formats (our schema)": (
            [str(peers["ajv"]), "validate", "--spec=draft7", "--strict=false", "-c", "ajv-formats", "-s", str(SCHEMA),
             "-d", str(SAMPLE)] if "ajv" in peers else None,
            [str(peers["ajv"]), "validate", "--spec=draft7", "--strict=false", "-c", "ajv-formats", "-s", str(SCHEMA),
             "-d", str(big)] if "ajv" in peers else None),
        "resumed 6.1.0 validate": (
            [str(peers["resumed"]), "validate", str(SAMPLE)] if "resumed" in peers else None,
            [str(peers["resumed"]), "validate", str(big)] if "resumed" in peers else None),
    }
    for label, (small_cmd, big_cmd) in commands.items():
        small_t, big_t = row(small_cmd), row(big_cmd)
        results[label] = (small_t, big_t)
        print(f"| {label} | {fmt(small_t)} | {fmt(big_t)} |")

    ours, cjs = results["resumeconv validate"], results["check-jsonschema (our schema)"]
    ours_v1 = results["resumeconv validate --profile jsonresume-1.0"]
    cjs_v1 = results["check-jsonschema (v1.0.0 schema)"]
    resumed = results["resumed 6.1.0 validate"]
    print()
    print("| target | measured | met |")
    print("|---|---|---|")

    def target(label: str, value: Timing | None, other: Timing | None, limit: float) -> None:
        text = ratio(value, other)
        met = "-" if text == "-" else ("yes" if value.median / other.median <= limit else "NO")
        print(f"| {label} (<= {limit}x) | {text} | {met} |")

    target("sample: validate vs check-jsonschema, same schema", ours[0], cjs[0], 0.25)
    target("sample: validate v1.0.0 vs check-jsonschema v1.0.0", ours_v1[0], cjs_v1[0], 0.25)
    target("sample: validate vs resumed validate", ours[0], resumed[0], 1.0)
    target("big: validate vs check-jsonschema, same schema", ours[1], cjs[1], 0.5)
    target("big: validate v1.0.0 vs check-jsonschema v1.0.0", ours_v1[1], cjs_v1[1], 0.5)

    print()
    print("| writer | big: time | big: peak MB | x1 -> x10 cost ratio |")
    print("|---|---|---|---|")
    x1, x10 = data / "scaled-x1.resume.json", data / "scaled-x10.resume.json"
    v1 = measure([rc, "validate", str(x1)], runs)
    v10 = measure([rc, "validate", str(x10)], runs)
    print(f"| (validate) | {fmt(ours[1])} | {mb(ours[1])} | {ratio(v10, v1)} |")
    for name in writer_formats():
        target_file = out / f"big.{name}.out"
        t_big = measure([rc, "convert", str(big), "-t", name, "-q", "-o", str(target_file)], max(3, runs // 2))
        t1 = measure([rc, "convert", str(x1), "-t", name, "-q", "-o", str(out / "x1.out")], max(3, runs // 2))
        t10 = measure([rc, "convert", str(x10), "-t", name, "-q", "-o", str(out / "x10.out")], max(3, runs // 2))
        print(f"| {name} | {fmt(t_big)} | {mb(t_big)} | {ratio(t10, t1)} |")

    print()
    print("| PDF: render --engine typst (in-process, no Node or browser) | time | peak MB |")
    print("|---|---|---|")
    try:
        import typst  # noqa: F401
    except ImportError:
        print("| (the typst package is not installed: pip install 'resumeconv[pdf]') | - | - |")
    else:
        for label, source, theme in (("sample, academic", SAMPLE, "academic"), ("sample, compact", SAMPLE, "compact"),
                                     ("big (3,000 publications), academic", big, "academic")):
            t_pdf = measure([rc, "render", str(source), "-t", theme, "-q", "--pdf", str(out / "cv.pdf")],
                            runs if source == SAMPLE else 3)
            print(f"| {label} | {fmt(t_pdf)} | {mb(t_pdf)} |")

    many = data / "many"
    files = sorted(str(p) for p in many.iterdir())
    print()
    print(f"| 1,000 resumes ({sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB) | time |")
    print("|---|---|")
    ours_many = measure([rc, "validate", str(many)], 3)
    ours_many_j = measure([rc, "validate", "-j", str(os.cpu_count() or 2), str(many)], 3)
    print(f"| resumeconv validate DIR | {fmt(ours_many)} |")
    print(f"| resumeconv validate -j {os.cpu_count()} DIR | {fmt(ours_many_j)} |")
    if cj:
        one_call = measure([str(cj), "--schemafile", str(SCHEMA), *files], 3)
        per_file = measure([str(cj), "--schemafile", str(SCHEMA), files[0]], runs)
        estimate = Timing(per_file.median * len(files) if per_file.median else None, None)
        print(f"| check-jsonschema, one call over all files | {fmt(one_call)} |")
        print(f"| check-jsonschema, one process per file (median x 1,000) | {fmt(estimate)} |")
        print()
        print(f"one call / ours: {ratio(one_call, ours_many)} (target >= 2x); "
              f"per-file processes / ours: {ratio(estimate, ours_many)} (target >= 10x)")
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
