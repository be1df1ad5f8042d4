"""The batch API (resumeconv.batch): one plain record per input, never an exception for one file's content, the
same verdict as the CLI, streaming with flat memory, and the CLI's many-file paths running on it."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SAMPLE_JSON
from resumeconv import batch
from resumeconv.core.batch import WINDOW_PER_WORKER, map_files
from resumeconv.core.errors import UsageError

CLI = [sys.executable, "-m", "resumeconv.cli"]
SMALL = b'{"basics": {"name": "Ada Lovelace", "email": "ada@example.org"}}'
BROKEN = {
    "duplicate.json": b'{"basics": {"name": "A"},\n "basics": {"name": "B"}}',
    "huge-number.json": b'{"basics": {"name": "A"}, "meta": {"version": ' + b"9" * 5000 + b"}}",
    "not-utf8.json": b'{"basics": {"name": "\xff\xfe"}}',
    "truncated.json": b'{"basics": {"name": "A"',
    "empty.json": b"",
    "list.json": b"[1, 2, 3]",
    "invalid.json": b'{"basics": {"name": 7}}',
}


def corpus_files(shared: Path) -> list[Path]:
    folder = shared / "corpus" / "jsonresume"
    return sorted(p for p in folder.iterdir() if p.suffix in (".json", ".yaml", ".yml"))


def cli_exit(*args: str) -> int:
    return subprocess.run([*CLI, *args], capture_output=True, timeout=120).returncode


@pytest.fixture
def broken(tmp_path: Path) -> list[Path]:
    paths = []
    for name, data in BROKEN.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    return paths


def test_one_record_per_file_and_none_raises(broken: list[Path]) -> None:
    records = list(batch.validate([SAMPLE_JSON, *broken, "/nonexistent/cv.json"]))
    by_name = {Path(r["path"]).name: r for r in records}
    assert [r["path"] for r in records] == [str(SAMPLE_JSON), *map(str, broken), "/nonexistent/cv.json"]
    assert by_name[SAMPLE_JSON.name]["ok"] is True and by_name[SAMPLE_JSON.name]["exit"] == 0
    dup = by_name["duplicate.json"]
    assert (dup["ok"], dup["exit"]) == (False, 2)
    assert dup["error"] == f"{broken[0]}:2:2: duplicate key 'basics' (first at line 1, column 2); keep one of them: " \
        "a reader keeps only the last value"
    assert dup["diagnostics"] == [{"line": 2, "column": 2, "pointer": None, "severity": "error", "rule": "input",
                                   "message": dup["error"].split(": ", 1)[1]}]
    assert by_name["huge-number.json"]["ok"] is False and by_name["huge-number.json"]["exit"] in (2, 3)
    assert by_name["invalid.json"]["exit"] == 1 and by_name["invalid.json"]["error"] is None
    assert by_name["invalid.json"]["diagnostics"][0]["pointer"] == "/basics/name"
    for name in ("not-utf8.json", "truncated.json", "empty.json", "cv.json"):
        assert by_name[name]["exit"] == 2, by_name[name]
        assert "\n" not in by_name[name]["error"]
    assert pickle.loads(pickle.dumps(records)) == records


def test_pairs_are_named_and_detected_by_their_name() -> None:
    yaml = b"basics:\n  name: Ada\nbasics:\n  name: Bob\n"
    records = list(batch.validate([("s3://cvs/ada.yaml", yaml), ("mem/ok.json", SMALL)]))
    assert records[0]["error"].startswith("s3://cvs/ada.yaml:3:1: duplicate key 'basics'")
    assert records[1]["path"] == "mem/ok.json" and records[1]["ok"] is True


def test_a_bug_is_a_record_with_exit_3_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import resumeconv.validation

    real = resumeconv.validation.validate

    def buggy(doc, *args, **kwargs):
        if doc.get("basics", {}).get("name") == "Bug":
            raise RuntimeError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(resumeconv.validation, "validate", buggy)
    records = list(batch.validate([("bug.json", b'{"basics": {"name": "Bug"}}'), ("fine.json", SMALL)]))
    assert records[0]["exit"] == 3 and records[0]["ok"] is False
    assert records[0]["error"].startswith("bug.json: internal error (RuntimeError: boom); please report it")
    assert records[0]["errors"] == 1 and records[0]["diagnostics"][0]["rule"] == "internal"
    assert records[1]["ok"] is True


def test_a_crashing_writer_is_a_record(monkeypatch: pytest.MonkeyPatch) -> None:
    import resumeconv.formats.markdown as markdown

    def crash(doc, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(markdown, "write", crash)
    records = list(batch.convert([("a.json", SMALL), ("b.json", b"{")], "markdown"))
    assert records[0]["exit"] == 3 and records[0]["ok"] is False and records[0]["output"] is None
    assert "internal error" in records[0]["error"] and "KeyError" in records[0]["error"]
    assert records[1]["exit"] == 2 and records[1]["error"].startswith("b.json:1:2: ")


def test_convert_records_carry_output_and_losses(tmp_path: Path) -> None:
    (record,) = batch.convert([SAMPLE_JSON], "europass")
    assert record["ok"] is True and record["exit"] == 0 and record["error"] is None
    assert record["format"] == "europass" and record["source_format"] == "json"
    assert record["output"].startswith(b"<?xml") and record["written"] is None
    assert record["losses"] and set(record["losses"][0]) == {"pointer", "reason", "kind"}
    assert record["output"] == batch_cli_output(tmp_path, SAMPLE_JSON, "europass")


def batch_cli_output(tmp_path: Path, source: Path, to: str) -> bytes:
    out = tmp_path / f"cli-out.{to}"
    subprocess.run([*CLI, "convert", str(source), "-t", to, "-o", str(out), "-q"], check=True, timeout=120)
    return out.read_bytes()


def test_write_next_to_the_input_and_never_onto_it(tmp_path: Path) -> None:
    cv = tmp_path / "ada.resume.json"
    cv.write_bytes(SMALL)
    (record,) = batch.convert([cv], "markdown", write=True)
    assert record["ok"] is True and record["written"] == str(tmp_path / "ada.md") and record["output"] is None
    assert (tmp_path / "ada.md").read_text(encoding="utf-8").startswith("# Ada Lovelace")
    (record,) = batch.convert([cv], "json", write=True)
    assert record["exit"] == 2 and record["error"] == f"{cv}: is the input file; refusing to overwrite it"
    assert cv.read_bytes() == SMALL
    (record,) = batch.convert([cv], "markdown", write=True, output_dir=str(tmp_path / "new" / "dir"))
    assert record["written"] == str(tmp_path / "new" / "dir" / "ada.md")
    (record,) = batch.convert([cv], "markdown", write=True, output_dir=str(cv))
    assert record["exit"] == 2 and record["error"] == f"{cv / 'ada.md'}: cannot write: File exists"


def test_a_bad_call_raises_once_but_convert_one_gives_a_record() -> None:
    with pytest.raises(UsageError, match="theme"):
        batch.convert([SAMPLE_JSON], "theme", {"no_such_option": "1"})
    with pytest.raises(UsageError, match="profile"):
        batch.validate([SAMPLE_JSON], profile="nope")
    record = batch.convert_one(SAMPLE_JSON, "nope")
    assert record["exit"] == 2 and record["ok"] is False and "nope" in record["error"]


def test_generators_stream_through_workers_with_a_bounded_window() -> None:
    pulled = 0

    def items() -> Iterator[int]:
        nonlocal pulled
        for i in range(400):
            pulled += 1
            yield i

    ahead = []
    for n, value in enumerate(map_files(abs, items(), jobs=2), start=1):
        assert value == n - 1
        ahead.append(pulled - n)
    assert max(ahead) <= 2 * WINDOW_PER_WORKER * 16
    assert pulled == 400


def _peak(count: int) -> int:
    inputs = ((f"cv-{i}.json", SMALL) for i in range(count))
    tracemalloc.start()
    try:
        ok = sum(r["ok"] for r in batch.validate(inputs))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert ok == count


def test_memory_stays_flat_over_many_inputs() -> None:
    list(batch.validate([("warm.json", SMALL)]))
    small, large = _peak(300), _peak(3000)
    assert large < small * 1.5 + 256 * 1024, (small, large)


def test_progress_shows_a_count_when_the_total_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from resumeconv.core import progress
    from resumeconv.core.progress import track

    monkeypatch.setattr(progress, "INTERVAL", 0)
    out = io.StringIO()
    assert list(track(iter(range(12)), None, "validating", stream=out, force=True)) == list(range(12))
    assert "\rvalidating: 12" in out.getvalue() and "/" not in out.getvalue()


def test_cli_validate_reports_a_bug_in_one_file_and_checks_the_others(tmp_path: Path, broken: list[Path]) -> None:
    proc = subprocess.run([*CLI, "validate", "-j", "2", "--output-format", "json", str(SAMPLE_JSON), *map(str, broken)],
                          capture_output=True, text=True, timeout=120)
    reports = json.loads(proc.stdout)
    assert [r["file"] for r in reports] == [str(SAMPLE_JSON), *map(str, broken)]
    assert reports[0]["valid"] is True and not any(r["valid"] for r in reports[1:])
    assert proc.returncode in (2, 3)


@pytest.mark.slow
def test_ok_agrees_with_the_cli_file_by_file(shared: Path) -> None:
    files = corpus_files(shared)
    records = list(batch.validate(files, jobs=2))
    assert len(records) == len(files) >= 37
    for path, record in zip(files, records, strict=True):
        assert record["path"] == str(path)
        assert record["exit"] == cli_exit("validate", str(path)), path.name
        assert record["ok"] == (record["exit"] == 0)
    assert sum(r["ok"] for r in records) >= 10 and sum(r["exit"] == 2 for r in records) >= 2
