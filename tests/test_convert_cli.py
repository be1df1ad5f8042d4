"""The convert command: format detection, output writing, loss reporting, and one-line errors with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLE_JSON, SAMPLES


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "resumeconv.cli", *args], input=stdin, capture_output=True,
                          timeout=60)


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err.count("\n") == 1, err
    return err.strip()


def test_json_to_yaml_to_json_round_trips_the_sample(tmp_path: Path) -> None:
    yaml_out = tmp_path / "cv.yaml"
    json_out = tmp_path / "cv.json"
    assert run("convert", str(SAMPLE_JSON), "-o", str(yaml_out)).returncode == 0
    assert run("convert", str(yaml_out), "-t", "json", "-o", str(json_out)).returncode == 0
    assert json.loads(json_out.read_text()) == json.loads(SAMPLE_JSON.read_text())
    assert json_out.read_bytes() == SAMPLE_JSON.read_bytes()


def test_yaml_keeps_dates_as_strings(tmp_path: Path) -> None:
    src = tmp_path / "cv.yaml"
    src.write_text("basics:\n  name: A\nwork:\n  - name: X\n    startDate: 2019-01-05\n    endDate: 2020\n")
    proc = run("convert", str(src), "-t", "json")
    assert proc.returncode == 0
    doc = json.loads(proc.stdout)
    assert doc["work"][0]["startDate"] == "2019-01-05"
    assert doc["work"][0]["endDate"] == 2020  # a bare YAML number stays a number; validation then flags it


def test_stdin_to_stdout_detects_json() -> None:
    proc = run("convert", "-", "-t", "yaml", stdin=b'{"basics": {"name": "Ada"}}')
    assert proc.returncode == 0
    assert proc.stdout == b"basics:\n  name: Ada\n"


def test_output_format_inferred_from_compound_extension(tmp_path: Path) -> None:
    out = tmp_path / "x.resume.yaml"
    assert run("convert", str(SAMPLE_JSON), "-o", str(out)).returncode == 0
    assert out.read_bytes() == (SAMPLES / "yihua-zhang.resume.yaml").read_bytes()


def test_missing_output_format_is_a_usage_error() -> None:
    proc = run("convert", str(SAMPLE_JSON))
    assert proc.returncode == 2
    assert "-t" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("truncated.json", b'{\n  "basics": {\n    "name": "A",\n',
         "truncated.json:4:1: invalid JSON: Expecting property name"),
        ("bad-utf8.json", b'{\n  "basics": {"name": "Ren\xe9"}\n}\n', "bad-utf8.json:2:26: invalid UTF-8 (byte 0xe9)"),
        ("tab.yaml", b"basics:\n\tname: A\n",
         "tab.yaml:2:1: invalid YAML: found character '\\t' that cannot start any token"),
        ("empty.json", b"", "empty.json: file is empty"),
        ("list.json", b"[1, 2]", "list.json: a resume must be an object at the top level, not an array"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    src = tmp_path / name
    src.write_bytes(content)
    proc = run("convert", str(src), "-t", "yaml")
    assert proc.returncode == 2
    line = one_line_error(proc)
    assert line.startswith(f"resumeconv: {src.parent}/{expected}"), line


def test_tab_error_says_how_to_fix(tmp_path: Path) -> None:
    src = tmp_path / "tab.yaml"
    src.write_bytes(b"basics:\n\tname: A\n")
    assert "use spaces" in one_line_error(run("convert", str(src), "-t", "json"))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run("convert", str(tmp_path / "nope.json"), "-t", "yaml")
    assert missing.returncode == 2
    assert one_line_error(missing) == f"resumeconv: {tmp_path}/nope.json: no such file"
    directory = run("convert", str(tmp_path), "-t", "yaml")
    assert directory.returncode == 2
    assert one_line_error(directory) == f"resumeconv: {tmp_path}: is a directory, not a file"


def test_existing_output_is_untouched_when_conversion_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    out.write_text("precious: true\n")
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": ')
    proc = run("convert", str(bad), "-o", str(out))
    assert proc.returncode == 2
    assert out.read_text() == "precious: true\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.yaml"]  # no temp file left behind


def test_unknown_format_names_the_known_ones() -> None:
    proc = run("convert", str(SAMPLE_JSON), "-t", "docx")
    assert proc.returncode == 2
    assert "unknown format 'docx'; known formats: json, yaml" in one_line_error(proc)


def test_formats_table_lists_json_and_yaml() -> None:
    proc = run("formats")
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    assert lines[0].split() == ["FORMAT", "READ", "WRITE", "EXTENSIONS", "DESCRIPTION"]
    rows = {line.split()[0]: line.split()[1:3] for line in lines[1:]}
    assert rows["json"] == ["yes", "yes"]
    assert rows["yaml"] == ["yes", "yes"]


def test_schema_command_prints_our_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$id"].endswith("/schema/resume.schema.json")
    assert schema["additionalProperties"] is False
    upstream = json.loads(run("schema", "--profile", "jsonresume-1.0").stdout)
    assert upstream["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_help_documents_exit_codes() -> None:
    out = run("convert", "--help").stdout.decode()
    assert "2    usage error, input that cannot be read or parsed, output that cannot be written, or a missing " \
           "package" in out
    assert "1    invalid document, or losses with --fail-on-loss" in out
    assert "130  interrupted (Ctrl-C); no partial output is left" in out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_many_inputs_to_output_dir_continue_past_a_bad_file(tmp_path: Path, jobs: str) -> None:
    inputs = []
    for i in range(5):
        path = tmp_path / f"cv-{i}.resume.json"
        path.write_text(json.dumps({"basics": {"name": f"Person {i}"}}))
        inputs.append(str(path))
    bad = tmp_path / "broken.json"
    bad.write_text('{"basics": ')
    out = tmp_path / "out"
    proc = run("convert", *inputs[:2], str(bad), *inputs[2:], "-t", "yaml", "--output-dir", str(out), "-j", jobs)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        *(f"resumeconv: wrote {out / f'cv-{i}.resume.yaml'} (yaml, 25 B)" for i in range(2)),
        f"resumeconv: {bad}:1:12: invalid JSON: Expecting value",
        *(f"resumeconv: wrote {out / f'cv-{i}.resume.yaml'} (yaml, 25 B)" for i in range(2, 5))]
    assert sorted(p.name for p in out.iterdir()) == [f"cv-{i}.resume.yaml" for i in range(5)]
    assert (out / "cv-3.resume.yaml").read_text() == "basics:\n  name: Person 3\n"


def test_by_default_one_line_says_what_was_written_and_what_was_lost(tmp_path: Path) -> None:
    doc = {"basics": {"name": "A"}, "publications": [
        {"name": f"Paper {i}", "releaseDate": "2020", "venue": {"name": "Venue", "short": f"V'{i}"}}
        for i in range(4)]}
    src = tmp_path / "cv.json"
    src.write_text(json.dumps(doc))
    out = tmp_path / "x.orcid.bib"
    proc = run("convert", str(src), "-o", str(out))
    assert proc.returncode == 0
    lines = proc.stderr.decode().splitlines()
    size = out.stat().st_size
    assert lines[0].startswith(f"resumeconv: wrote {out} (orcid-bibtex, {size} B): 5 item(s) could not be carried")
    assert lines[0].endswith(" (-v lists every item)")
    assert "  /publications/*/venue/short: BibTeX keeps one venue name; the short label is left out (4 items: 0-3)" \
        in lines
    assert all(line.startswith("  /") for line in lines[1:])
    quiet = run("convert", str(src), "-o", str(tmp_path / "q.orcid.bib"), "-q")
    assert (quiet.returncode, quiet.stderr) == (0, b"")


def test_a_clean_conversion_to_stdout_prints_nothing_on_stderr() -> None:
    proc = run("convert", str(SAMPLE_JSON), "-t", "yaml")
    assert proc.returncode == 0
    assert proc.stderr == b""
    assert proc.stdout.startswith(b"$schema:") or proc.stdout.startswith(b"basics:")


def test_the_readme_first_command_prints_at_most_five_lines(tmp_path: Path) -> None:
    out = tmp_path / "yihua-zhang.europass.xml"
    proc = run("convert", str(SAMPLE_JSON), "-o", str(out))
    assert proc.returncode == 0
    lines = proc.stderr.decode().splitlines()
    assert 1 <= len(lines) <= 5, lines
    assert lines[0].startswith(f"resumeconv: wrote {out} (europass, ")


def test_several_inputs_need_output_dir() -> None:
    proc = run("convert", str(SAMPLE_JSON), str(SAMPLE_JSON), "-t", "yaml")
    assert proc.returncode == 2
    assert "several inputs need --output-dir" in proc.stderr.decode()


def test_loss_report_folds_repeats_and_json_lists_every_item(tmp_path: Path) -> None:
    doc = {"basics": {"name": "A"}, "publications": [
        {"name": f"Paper {i}", "releaseDate": "2020", "venue": {"name": "Venue", "short": f"V'{i}"}}
        for i in range(4)]}
    src = tmp_path / "cv.json"
    src.write_text(json.dumps(doc))
    text = run("convert", str(src), "-t", "orcid-bibtex", "-o", str(tmp_path / "x.bib"), "-v")
    assert text.returncode == 0
    lines = text.stderr.decode().splitlines()
    assert lines[0] == f"resumeconv: {src}: 5 item(s) could not be carried to orcid-bibtex:"
    folded = "  /publications/*/venue/short: BibTeX keeps one venue name; the short label is left out (4 items: 0-3)"
    assert folded in lines
    as_json = run("convert", str(src), "-t", "orcid-bibtex", "-o", str(tmp_path / "y.bib"), "--loss-format", "json")
    report = json.loads(as_json.stderr)
    assert report["format"] == "orcid-bibtex"
    assert sorted(x["pointer"] for x in report["losses"] if x["pointer"].endswith("/short")) == [
        f"/publications/{i}/venue/short" for i in range(4)]


def test_a_bug_is_one_line_and_exit_3_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from resumeconv.cli import main
    from resumeconv.formats import jsonresume

    def broken(doc: dict, **options: object) -> None:
        raise KeyError("boom\nsecond line")

    monkeypatch.setattr(jsonresume, "write", broken)
    result = CliRunner().invoke(main, ["convert", str(SAMPLE_JSON), "-t", "yaml"])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"resumeconv: {SAMPLE_JSON}: internal error in the yaml writer (KeyError: 'boom\\nsecond line'); please report "
        "it with the input that caused it (RESUMECONV_DEBUG=1 shows the traceback)"]
    monkeypatch.setenv("RESUMECONV_DEBUG", "1")
    assert isinstance(CliRunner().invoke(main, ["convert", str(SAMPLE_JSON), "-t", "yaml"]).exception, KeyError)
