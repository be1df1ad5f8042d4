"""In-place rewrites (``migrate -i``, ``orcid pull --merge`` without -o) keep FILE.bak until the new file is in place.

A failure or a kill at any point leaves the original file intact (or the complete new one), never a partial one.
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import kill_while_writing
from resumeconv.cli import main
from resumeconv.core import fileio
from resumeconv.core.errors import UsageError

ORIGINAL = '{\n  "basics": {"name": "Ada Lovelace", "url": "example.org"},\n  "work": [{"endDate": "Present"}]\n}\n'
OID = "0000-0002-1825-0097"


def _cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.json"
    path.write_text(ORIGINAL)
    return path


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "cv.json")


def test_replace_keeping_backup_removes_the_backup_after_success(tmp_path: Path) -> None:
    cv = _cv(tmp_path)
    backup = fileio.replace_keeping_backup(cv, "new\n")
    assert backup == str(tmp_path / "cv.json.bak")
    assert cv.read_text() == "new\n"
    assert _leftovers(tmp_path) == []


def test_replace_keeping_backup_can_keep_it(tmp_path: Path) -> None:
    cv = _cv(tmp_path)
    fileio.replace_keeping_backup(cv, b"new\n", keep_backup=True)
    assert cv.read_text() == "new\n"
    assert (tmp_path / "cv.json.bak").read_text() == ORIGINAL


def test_the_backup_holds_the_original_while_the_new_file_is_renamed(tmp_path: Path, monkeypatch) -> None:
    cv = _cv(tmp_path)
    seen: list[str] = []
    real_replace = os.replace

    def watching_replace(src, dst):
        seen.append((tmp_path / "cv.json.bak").read_text())
        seen.append(Path(src).read_text())
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", watching_replace)
    fileio.replace_keeping_backup(cv, "new\n")
    assert seen == [ORIGINAL, "new\n"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_mid_write_keeps_the_original_and_leaves_nothing_behind(failing: str, tmp_path: Path,
                                                                         monkeypatch) -> None:
    cv = _cv(tmp_path)

    def no_space(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, no_space)
    with pytest.raises(OSError, match="No space left"):
        fileio.replace_keeping_backup(cv, "new content " * 1000)
    assert cv.read_text() == ORIGINAL
    assert _leftovers(tmp_path) == []


def test_an_existing_backup_is_never_overwritten(tmp_path: Path) -> None:
    cv = _cv(tmp_path)
    (tmp_path / "cv.json.bak").write_text("the user's own backup")
    with pytest.raises(UsageError, match=r"cv\.json\.bak: a backup already exists"):
        fileio.replace_keeping_backup(cv, "new\n")
    assert cv.read_text() == ORIGINAL
    assert (tmp_path / "cv.json.bak").read_text() == "the user's own backup"


def test_migrate_in_place_killed_mid_write_keeps_the_original_and_its_backup(tmp_path: Path) -> None:
    cv = _cv(tmp_path)
    code = kill_while_writing("from resumeconv.cli import main\nmain(['migrate', '--in-place', sys.argv[1]])", str(cv))
    assert code == -signal.SIGKILL
    assert cv.read_text() == ORIGINAL
    assert (tmp_path / "cv.json.bak").read_text() == ORIGINAL
    temps = [n for n in _leftovers(tmp_path) if n != "cv.json.bak"]  # a kill cannot clean up; it is never FILE
    assert len(temps) == 1 and temps[0].startswith(".cv.json.") and temps[0].endswith(".tmp")
    rerun = CliRunner().invoke(main, ["migrate", "--in-place", str(cv)])
    assert rerun.exit_code == 2
    assert rerun.stderr.splitlines()[-1] == (f"resumeconv: {tmp_path / 'cv.json.bak'}: a backup already exists "
                                             "(left by an interrupted run?); move it away first")
    assert cv.read_text() == ORIGINAL


def test_migrate_in_place_rewrites_and_drops_the_backup(tmp_path: Path) -> None:
    cv = _cv(tmp_path)
    result = CliRunner().invoke(main, ["migrate", "--in-place", str(cv)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(cv.read_text())
    assert doc["basics"]["url"] == "https://example.org"
    assert "endDate" not in doc["work"][0]
    assert _leftovers(tmp_path) == []


def test_migrate_in_place_keep_backup(tmp_path: Path) -> None:
    cv = _cv(tmp_path)
    result = CliRunner().invoke(main, ["migrate", "--in-place", "--keep-backup", str(cv)])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "cv.json.bak").read_text() == ORIGINAL
    assert json.loads(cv.read_text())["basics"]["url"] == "https://example.org"


def test_migrate_in_place_failing_write_is_one_line_and_keeps_the_original(tmp_path: Path, monkeypatch) -> None:
    cv = _cv(tmp_path)

    def no_space(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    result = CliRunner().invoke(main, ["migrate", "--in-place", str(cv)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"resumeconv: {cv}: cannot write: No space left on device"
    assert "Traceback" not in result.stderr
    assert cv.read_text() == ORIGINAL
    assert _leftovers(tmp_path) == []


def _serve_one_work(httpserver) -> None:
    summary = {"group": [{"work-summary": [{"put-code": 7}]}]}
    bulk = {"bulk": [{"work": {"put-code": 7, "type": "journal-article",
                               "title": {"title": {"value": "A Pulled Paper"}}}}]}
    httpserver.expect_request(f"/v3.0/{OID}/works", method="GET").respond_with_json(summary)
    httpserver.expect_request(f"/v3.0/{OID}/works/7", method="GET").respond_with_json(bulk)


@pytest.mark.parametrize("keep", [False, True])
def test_orcid_pull_merge_in_place_uses_a_backup(keep: bool, tmp_path: Path, httpserver) -> None:
    _serve_one_work(httpserver)
    cv = _cv(tmp_path)
    args = ["orcid", "pull", OID, "--merge", str(cv), "--base-url", httpserver.url_for("/")]
    result = CliRunner().invoke(main, args + (["--keep-backup"] if keep else []))
    assert result.exit_code == 0, result.stderr
    assert [p["name"] for p in json.loads(cv.read_text())["publications"]] == ["A Pulled Paper"]
    assert _leftovers(tmp_path) == (["cv.json.bak"] if keep else [])
    if keep:
        assert (tmp_path / "cv.json.bak").read_text() == ORIGINAL


def test_orcid_pull_merge_failing_write_keeps_the_original(tmp_path: Path, httpserver, monkeypatch) -> None:
    _serve_one_work(httpserver)
    cv = _cv(tmp_path)

    def no_space(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    result = CliRunner().invoke(main, ["orcid", "pull", OID, "--merge", str(cv), "--base-url",
                                       httpserver.url_for("/")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"resumeconv: {cv}: cannot write: No space left on device"
    assert "Traceback" not in result.stderr
    assert cv.read_text() == ORIGINAL
    assert _leftovers(tmp_path) == []


def test_orcid_pull_merge_to_another_file_makes_no_backup(tmp_path: Path, httpserver) -> None:
    _serve_one_work(httpserver)
    cv = _cv(tmp_path)
    out = tmp_path / "merged.json"
    result = CliRunner().invoke(main, ["orcid", "pull", OID, "--merge", str(cv), "-o", str(out), "--base-url",
                                       httpserver.url_for("/")])
    assert result.exit_code == 0, result.stderr
    assert cv.read_text() == ORIGINAL
    assert _leftovers(tmp_path) == ["merged.json"]
