"""resumeconv validate on the command line: output formats, exit codes, directories, stdin, unreadable files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from resumeconv.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
BROKEN = str(FIXTURES / "broken.json")
VALID = str(FIXTURES / "valid.json")


def run(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(main, ["validate", *args], input=stdin)
    assert "Traceback" not in result.output + result.stderr
    return result


def test_valid_file_exits_0_and_prints_nothing_on_stdout():
    result = run(VALID)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "resumeconv: 1 file(s) checked: 1 valid, 0 invalid (0 error(s), 0 warning(s))\n"


def test_text_output_is_file_line_col_severity_message_pointer():
    result = run(BROKEN)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 9
    assert lines[3] == f"{BROKEN}:13:20: error: 'Jan 2019' is not a date; write 2019-01 (at /work/0/startDate)"
    assert lines[0] == (f"{BROKEN}:4:5: warning: 'website' is the pre-1.0 JSON Resume name; use 'url' "
                        "(resumeconv migrate renames it) (at /basics/website)")


def test_warnings_alone_exit_0_and_strict_makes_them_fail(tmp_path):
    path = tmp_path / "warn.json"
    path.write_text('{"basics": {"name": "A", "label": ""}}\n')
    result = run(str(path))
    assert result.exit_code == 0
    assert result.stdout == f"{path}:1:35: warning: empty string; leave 'label' out (at /basics/label)\n"
    strict = run("--strict", str(path))
    assert strict.exit_code == 1
    assert strict.stdout == f"{path}:1:35: error: empty string; leave 'label' out (at /basics/label)\n"


def test_json_output_is_one_stable_object_per_file():
    result = run("--output-format", "json", VALID, BROKEN)
    assert result.exit_code == 1
    reports = json.loads(result.stdout)
    assert [(r["file"], r["valid"]) for r in reports] == [(VALID, True), (BROKEN, False)]
    assert reports[0]["errors"] == []
    assert reports[1]["errors"][3] == {
        "line": 13, "column": 20, "pointer": "/work/0/startDate", "severity": "error", "rule": "schema.date",
        "message": "'Jan 2019' is not a date; write 2019-01",
    }
    assert result.stderr == ""


def test_github_output_is_workflow_annotations():
    result = run("--output-format", "github", BROKEN)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[3] == (f"::error file={BROKEN},line=13,col=20,title=resumeconv schema.date::"
                        "'Jan 2019' is not a date; write 2019-01 (at /work/0/startDate)")
    assert lines[0].startswith(f"::warning file={BROKEN},line=4,col=5,title=resumeconv legacy-field::")


@pytest.mark.parametrize(("profile", "code"), [("academic", 1), ("jsonresume", 0), ("jsonresume-1.0", 1)])
def test_profiles(tmp_path, profile, code):
    path = tmp_path / "extra.json"
    path.write_text('{\n  "basics": {"name": "A"},\n  "custom": true\n}\n')
    result = run("--profile", profile, str(path))
    assert result.exit_code == code
    severity = "warning" if profile == "jsonresume" else "error"
    assert result.stdout.startswith(f"{path}:3:3: {severity}: ")


def test_unreadable_file_is_reported_and_the_others_still_checked(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": }')
    result = run(str(tmp_path / "missing.json"), str(bad), BROKEN, VALID)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == f"{tmp_path / 'missing.json'}: error: no such file"
    assert lines[1] == f"{bad}:1:12: error: invalid JSON: Expecting value"
    assert len(lines) == 2 + 9
    assert "4 file(s) checked: 1 valid, 1 invalid, 2 unreadable" in result.stderr


def test_unreadable_file_in_json_output_has_no_pointer(tmp_path):
    result = run("--output-format", "json", str(tmp_path / "missing.json"))
    assert result.exit_code == 2
    assert json.loads(result.stdout) == [{"file": str(tmp_path / "missing.json"), "valid": False, "errors": [
        {"line": None, "column": None, "pointer": None, "severity": "error", "rule": "input",
         "message": "no such file"}]}]


def test_directories_are_searched_for_json_and_yaml(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "node_modules").mkdir()
    shutil.copy(VALID, tmp_path / "a.json")
    shutil.copy(FIXTURES / "broken.yaml", tmp_path / "sub" / "b.yml")
    shutil.copy(BROKEN, tmp_path / ".hidden" / "c.json")
    shutil.copy(BROKEN, tmp_path / "node_modules" / "d.json")
    (tmp_path / "notes.txt").write_text("not a resume")
    result = run("--output-format", "json", str(tmp_path))
    assert result.exit_code == 1
    assert [r["file"] for r in json.loads(result.stdout)] == [str(tmp_path / "a.json"), str(tmp_path / "sub" / "b.yml")]


def test_empty_directory_is_a_usage_error(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert "no resume files found in the given directories" in result.stderr


def test_stdin():
    result = run("-", stdin=Path(BROKEN).read_text())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[3].startswith("<stdin>:13:20: error: 'Jan 2019' is not a date")


def test_usage_errors_exit_2():
    assert run().exit_code == 2
    assert run("--profile", "europass", VALID).exit_code == 2
    assert run("--output-format", "xml", VALID).exit_code == 2


def test_real_process_many_files_no_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("basics:\n\tname: x\n")
    command = [sys.executable, "-c", "from resumeconv.cli import main; main()", "validate", VALID, str(bad), BROKEN]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[0].startswith(f"{bad}:2:1: error: invalid YAML: found character '\\t'")


def test_happy_path_imports_no_heavy_library():
    code = ("import sys\nfrom resumeconv.cli import main\ntry:\n    main(['validate', sys.argv[1]])\n"
            "except SystemExit as e:\n    code = e.code\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'jsonschema', 'requests', 'lxml', 'pypdf'})\n"
            "print(code, heavy)")
    proc = subprocess.run([sys.executable, "-c", code, VALID], capture_output=True, text=True, check=False)
    assert proc.stdout.strip() == "0 []"


def test_pre_commit_hook_is_declared():
    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[1] / ".pre-commit-hooks.yaml").read_text())
    assert [(h["id"], h["entry"], h["language"]) for h in hooks] == [
        ("resumeconv-validate", "resumeconv validate", "python")]
    pattern = re.compile(hooks[0]["files"])
    assert pattern.search("cv/resume.json") and pattern.search("me.resume.yaml")
    assert not pattern.search("package.json")


def test_jobs_give_the_same_report_in_the_same_order(tmp_path) -> None:
    import json as _json

    for i in range(6):
        doc = {"basics": {"name": f"P{i}"}, "work": [{"startDate": "Jan 2019" if i % 2 else "2019-01"}]}
        (tmp_path / f"cv-{i}.json").write_text(_json.dumps(doc, indent=2))
    (tmp_path / "broken.resume.json").write_text("{")
    from click.testing import CliRunner

    from resumeconv.cli import main

    serial = CliRunner().invoke(main, ["validate", "--output-format", "json", str(tmp_path)])
    parallel = CliRunner().invoke(main, ["validate", "--output-format", "json", "-j", "3", str(tmp_path)])
    assert serial.exit_code == parallel.exit_code == 2
    assert serial.stdout == parallel.stdout
    reports = _json.loads(parallel.stdout)
    assert [r["file"].rsplit("/", 1)[1] for r in reports] == ["broken.resume.json"] + [f"cv-{i}.json" for i in range(6)]
    assert [r["valid"] for r in reports] == [False, True, False, True, False, True, False]
