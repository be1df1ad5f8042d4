"""What a new user meets first: size limits as written, CR-only files, and folders with more than resumes in them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_JSON


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=120)


# --------------------------------------------------------------------------------------------- size limits


@pytest.mark.parametrize("value", ["abc", "10x", "-5", "0", "1.5M"])
def test_a_bad_limit_in_the_environment_is_refused_not_ignored(value: str) -> None:
    proc = run("validate", str(SAMPLE_JSON), env={"RESUMECONV_MAX_INPUT_BYTES": value})
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"resumeconv: RESUMECONV_MAX_INPUT_BYTES='{value}' is not a size; write a positive number of bytes, or with "
        "a unit: 10k, 5M, 1G"]


def test_the_environment_limit_takes_units() -> None:
    small = run("validate", str(SAMPLE_JSON), env={"RESUMECONV_MAX_INPUT_BYTES": "10k"})
    assert small.returncode == 2
    assert "larger than the limit of 10240 bytes" in small.stdout
    assert run("validate", str(SAMPLE_JSON), env={"RESUMECONV_MAX_INPUT_BYTES": "5M"}).returncode == 0


@pytest.mark.parametrize(("size", "code"), [("10k", 2), ("10K", 2), ("10KiB", 2), ("1M", 0), ("1048576", 0)])
def test_the_option_takes_the_same_units(size: str, code: int) -> None:
    proc = run("convert", "--max-input-size", size, str(SAMPLE_JSON), "-t", "yaml")
    assert proc.returncode == code, proc.stderr
    if code:
        assert "larger than the limit of 10240 bytes" in proc.stderr


def test_a_bad_option_size_is_a_usage_error() -> None:
    proc = run("validate", "--max-input-size", "lots", str(SAMPLE_JSON))
    assert proc.returncode == 2
    assert "'lots' is not a size" in proc.stderr


# ------------------------------------------------------------------------------------- CR-only line endings

BROKEN_LINES = ['{', '  "basics": {"name": "A"},', '  "work": [', '    {"name": "Acme", "startDate": "Jan 2019"}',
                '  ]', '}', '']


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_findings_point_at_the_right_line_whatever_the_line_ending(ending: str, tmp_path: Path) -> None:
    path = tmp_path / "cv.json"
    path.write_bytes(ending.join(BROKEN_LINES).encode())
    proc = run("validate", str(path))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{path}:4:35: error: 'Jan 2019' is not a date"), proc.stdout


@pytest.mark.parametrize("ending", ["\n", "\r"], ids=["LF", "CR"])
def test_syntax_and_encoding_errors_count_cr_lines(ending: str, tmp_path: Path) -> None:
    syntax = tmp_path / "syntax.json"
    syntax.write_bytes(ending.join(['{', '  "basics": {', '    "name": "A",', '  }', '}']).encode())
    proc = run("validate", str(syntax))
    assert proc.returncode == 2
    assert proc.stdout.startswith(f"{syntax}:4:3: error: invalid JSON"), proc.stdout
    encoding = tmp_path / "latin1.json"
    encoding.write_bytes(ending.join(['{', '  "basics": {"name": "Ren\xe9"}', '}']).encode("latin-1"))
    proc = run("validate", str(encoding))
    assert proc.returncode == 2
    assert proc.stdout.startswith(f"{encoding}:2:26: error: invalid UTF-8 (byte 0xe9)"), proc.stdout


def test_cr_only_yaml_points_at_the_right_line(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"basics:\r  name: A\rwork:\r  - name: Acme\r    startDate: Jan 2019\r")
    proc = run("validate", str(path))
    assert proc.returncode == 1
    assert proc.stdout.startswith(f"{path}:5:16: error: 'Jan 2019' is not a date"), proc.stdout


# ------------------------------------------------------------------------------------- folders


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository as people have them: a resume among package.json, pre-commit and other config files."""
    (tmp_path / "data").mkdir()
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    shutil.copy(SAMPLE_JSON, tmp_path / "data" / "profile.json")
    (tmp_path / "cv.yaml").write_text("basics:\n  name: A. Person\n")
    (tmp_path / "my-Resume.json").write_text('{"basics": {"name": "B"}}\n')
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0", "dependencies": {}}\n')
    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"strict": true}}\n')
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "node_modules" / "x" / "resume.json").write_text("{}\n")
    return tmp_path


def test_a_folder_yields_its_resumes_only(project: Path) -> None:
    proc = run("validate", "--output-format", "json", ".", cwd=project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    import json

    checked = [report["file"] for report in json.loads(proc.stdout)]
    assert checked == ["./cv.yaml", "./data/profile.json", "./my-Resume.json"]


def test_all_files_takes_every_json_and_yaml(project: Path) -> None:
    proc = run("validate", "--all-files", ".", cwd=project)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "resumeconv: 6 file(s) checked: 3 valid, 3 invalid (5 error(s), 0 warning(s))"]
    assert "./package.json:1:2: error: unknown top-level key 'name'" in proc.stdout
    assert "./mkdocs.yml:1:1: error: unknown top-level key 'site_name'" in proc.stdout
    assert "node_modules" not in proc.stdout
    assert ".pre-commit-config" not in proc.stdout


def test_a_folder_without_resumes_says_what_it_looked_for(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text("{}\n")
    proc = run("validate", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "resumeconv: no resume files found in the given directories (named cv.* or *resume*, or JSON/YAML with JSON "
        "Resume sections); --all-files checks every *.json, *.yaml and *.yml"]


def test_a_file_named_explicitly_is_always_checked(project: Path) -> None:
    proc = run("validate", "package.json", cwd=project)
    assert proc.returncode == 1
    assert proc.stdout.startswith("package.json:1:2: error: unknown top-level key 'name'")
