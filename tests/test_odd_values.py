"""Values that once passed `validate` and then crashed a command or lied, and values that forged report lines.

Each is now refused when the file is read, at its line and column (exit 2, one line), by every command; and every
line printed for people escapes control characters, so a value can neither start a line of its own (a forged
GitHub annotation) nor send escape sequences to the terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from resumeconv.core.text import printable

COMMANDS = [["validate"], ["convert", "-t", "json"], ["convert", "-t", "bibtex"], ["convert", "-t", "markdown"],
            ["migrate"], ["render", "--theme", "classic"]]
BIG = "7" * 5000


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "resumeconv", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="backslashreplace", cwd=cwd, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in proc.stderr
    return proc


def cv(tmp_path: Path, text: str, name: str = "cv.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def one_error(proc: subprocess.CompletedProcess[str]) -> str:
    """The one line that says what was refused (validate reports it on stdout, the other commands on stderr)."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    if proc.stdout.strip():
        return proc.stdout.splitlines()[0]
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_a_5000_digit_integer_is_refused_at_its_place_by_every_command(command: list[str], tmp_path: Path) -> None:
    path = cv(tmp_path, '{"basics": {"name": "A"},\n "publications": [{"name": "x", "volume": ' + BIG + "}]}")
    line = one_error(run(*command, path))
    assert f"{path}:2:" in line
    assert "an integer of 5000 digits (limit 4300)" in line


def test_validate_dir_reports_the_other_files_after_a_huge_integer(tmp_path: Path) -> None:
    cv(tmp_path, '{"basics": {"name": "A", "x": ' + BIG + "}}", "a-resume.json")
    cv(tmp_path, '{"basics": {"name": "B"}, "work": [{"name": "W", "startDate": "Jan 2019"}]}', "b-resume.json")
    proc = run("validate", str(tmp_path))
    assert proc.returncode == 2
    out = proc.stdout.splitlines()
    assert out[0] == f"{tmp_path / 'a-resume.json'}:1:31: error: invalid JSON: an integer of 5000 digits (limit 4300)"
    assert out[1].startswith(f"{tmp_path / 'b-resume.json'}:1:")
    assert "'Jan 2019' is not a date" in out[1]
    assert proc.stderr == "resumeconv: 2 file(s) checked: 0 valid, 1 invalid, 1 unreadable (2 error(s), 0 warning(s))\n"


@pytest.mark.parametrize(("name", "text", "where"), [
    ("cv.json", '{"basics": {\n  "name": "A \\ud800 B"}}', "2:11"),
    ("cv.json", '{"basics": {"name": "A", "label": "\\uDC00"}}', "1:35"),
    ("cv.yaml", 'basics:\n  name: "A \\ud800"\n', "2:9"),
])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_a_lone_surrogate_is_refused_at_its_place(command: list[str], name: str, text: str, where: str,
                                                  tmp_path: Path) -> None:
    path = cv(tmp_path, text, name)
    line = one_error(run(*command, path))
    assert f"{path}:{where}" in line
    assert "half of a surrogate pair" in line


def test_a_surrogate_pair_is_one_character_and_reads(tmp_path: Path) -> None:
    path = cv(tmp_path, '{"basics": {"name": "Cat \\ud83d\\udc31"}}')
    proc = run("convert", "-t", "json", path)
    assert proc.returncode == 0, proc.stderr
    assert '"name": "Cat \U0001F431"' in proc.stdout


@pytest.mark.parametrize(("value", "where", "says"), [
    ("1e999", "2:9", "the number 1e999 is out of range"),
    ("-1E400", "2:9", "the number -1E400 is out of range"),
    ("NaN", "2:9", "NaN is not a JSON value"),
    ("Infinity", "2:9", "Infinity is not a JSON value"),
    ("-Infinity", "2:9", "-Infinity is not a JSON value"),
])
@pytest.mark.parametrize("command", [["validate"], ["convert", "-t", "json"], ["convert", "-t", "bibtex"]],
                         ids=lambda c: " ".join(c))
def test_numbers_json_does_not_have_are_refused_at_read_time(command: list[str], value: str, where: str, says: str,
                                                             tmp_path: Path) -> None:
    path = cv(tmp_path, '{"basics": {"name": "A"}, "publications": [\n  {"x": ' + value + ', "name": "P"}]}')
    line = one_error(run(*command, path))
    assert f"{path}:{where}: " in line
    assert says in line


@pytest.mark.parametrize(("value", "where"), [(".inf", "3:6"), ("-.INF", "3:6"), (".nan", "3:6"), ("1e999", "3:6")])
def test_yaml_infinity_and_nan_are_refused_too(value: str, where: str, tmp_path: Path) -> None:
    path = cv(tmp_path, f"basics:\n  name: A\n  x: {value}\n", "cv.yaml")
    line = one_error(run("convert", "-t", "json", path))
    assert f"{path}:{where}: invalid YAML: {value} is not a number JSON Resume can hold" in line


def test_an_infinity_inside_a_string_is_text(tmp_path: Path) -> None:
    path = cv(tmp_path, '{"basics": {"name": "NaN Infinity 1e999"}}')
    proc = run("validate", path)
    assert proc.returncode == 0, proc.stdout


# ------------------------------------------------------------------------------------------------------ forging

INJECTED = '{"basics": {"name": "A"}, "work": [{"name": "W", "startDate": "2019\\n::error file=x::INJECTED"}]}'


def test_a_newline_in_a_value_cannot_forge_a_github_annotation(tmp_path: Path) -> None:
    path = cv(tmp_path, INJECTED)
    for output_format in ("text", "github"):
        proc = run("validate", "--output-format", output_format, path)
        assert proc.returncode == 1
        lines = proc.stdout.splitlines()
        assert len(lines) == 1, proc.stdout
        assert not any(line.startswith("::error file=x") for line in lines)
        assert "'2019\\n::error file=x::INJECTED' is not a date" in lines[0]
    assert lines[0].startswith(f"::error file={path.replace(':', '%3A')},line=1,col=")


def test_terminal_escapes_in_values_and_file_names_are_shown_not_sent(tmp_path: Path) -> None:
    name = "cv\x1b]0;owned\x07\n::warning::x.json"
    path = cv(tmp_path, '{"basics": {"name": "A"}, "work": [{"name": "W", "startDate": "\\u001b[2J\\u202e9102"}]}',
              name)
    proc = run("validate", path)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout + proc.stderr and "\u202e" not in proc.stdout
    assert proc.stdout.splitlines() == [
        f"{tmp_path}/cv\\x1b]0;owned\\x07\\n::warning::x.json:1:63: error: '\\x1b[2J\\u202e9102' is not a date; write "
        "YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2019-01 (at /work/0/startDate)"]


def test_output_names_in_status_lines_are_escaped(tmp_path: Path) -> None:
    path = cv(tmp_path, '{"basics": {"name": "A"}}')
    proc = run("convert", path, "-t", "yaml", "-o", "out\n::error::x.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "resumeconv: wrote out\\n::error::x.yaml (yaml, 18 B)\n"
    assert (tmp_path / "out\n::error::x.yaml").read_text() == "basics:\n  name: A\n"


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert printable("a\nb\r\tc\x1b[31m\x7f\x85\u2028\u202e\ud800 é 日本 \\n") == \
        "a\\nb\\r\\tc\\x1b[31m\\x7f\\x85\\u2028\\u202e\\ud800 é 日本 \\n"
    assert printable("plain") == "plain"


def test_every_cli_line_for_people_goes_through_the_one_escaping_function() -> None:
    cli = Path(__file__).resolve().parents[1] / "src" / "resumeconv" / "cli"
    raw = []
    for path in sorted(cli.glob("*.py")):
        lines = path.read_text().splitlines()
        for n, line in enumerate(lines):
            # JSON reports are for programs (and JSON escapes controls itself); every other line goes through say()
            context = " ".join(lines[max(0, n - 6):n + 1])
            if "click.echo(" in line and "printable(" not in line and "json" not in context:
                raw.append(f"{path.name}:{n + 1}")
    assert raw == []


# ------------------------------------------------------------------------------------------------------ links

HOSTILE_LINKS = {
    "basics": {"name": "Ada", "url": "javascript:alert(1)", "image": "data:image/png;base64,iVBORw0KGgo=",
               "profiles": [{"network": "X", "username": "ada", "url": "file:///etc/passwd"},
                            {"network": "Web", "url": "https://ada.example.org/"}]},
    "work": [{"name": "Acme", "position": "Dev", "url": " JaVa\tScRiPt:alert(2)", "startDate": "2019"}],
    "publications": [{"name": "Paper", "url": "data:text/html,<script>alert(3)</script>", "releaseDate": "2020"}],
}


def test_validate_flags_links_that_run_code_or_read_files(tmp_path: Path) -> None:
    import resumeconv

    found = {(d.pointer, d.severity) for d in resumeconv.validate(HOSTILE_LINKS) if d.rule in ("link-scheme", "format")}
    assert ("/basics/url", "error") in found
    assert ("/basics/profiles/0/url", "error") in found
    assert not any(p in ("/basics/image", "/basics/profiles/1/url") for p, _ in found)
    path = cv(tmp_path, json.dumps(HOSTILE_LINKS))
    proc = run("validate", path)
    assert proc.returncode == 1
    assert f"{path}:1:35: error: a 'javascript:' link runs code or reads files where a reader clicks; write an " \
           "https:// address (writers print this one as text, not as a link) (at /basics/url)" in proc.stdout


def test_markdown_never_links_a_hostile_address(tmp_path: Path) -> None:
    proc = run("convert", cv(tmp_path, json.dumps(HOSTILE_LINKS)), "-t", "markdown")
    assert proc.returncode == 0, proc.stderr
    for scheme in ("javascript", "file", "data:text", "JaVa"):
        assert f"]({scheme}" not in proc.stdout and f"]( {scheme}" not in proc.stdout
    assert "![Ada](data:image/png;base64,iVBORw0KGgo=)" in proc.stdout  # a picture, not a link
    assert "javascript:alert(1)" in proc.stdout  # shown as text: nothing the CV holds is hidden
    assert "[Web](https://ada.example.org/)" in proc.stdout


@pytest.mark.parametrize("theme", ["academic", "compact"])
def test_the_pdf_links_only_web_addresses(theme: str, tmp_path: Path) -> None:
    pytest.importorskip("typst")
    import pypdf

    out = tmp_path / "cv.pdf"
    proc = run("render", cv(tmp_path, json.dumps(HOSTILE_LINKS)), "-t", theme, "--pdf", str(out))
    assert proc.returncode == 0, proc.stderr
    reader = pypdf.PdfReader(out)
    uris = [str(a.get_object()["/A"].get("/URI")) for page in reader.pages for a in page.get("/Annots") or []]
    assert uris == ["https://ada.example.org/"]
    assert "javascript:alert(1)" in reader.pages[0].extract_text()
    assert "  /basics/url: a 'javascript:' address is no web address: the PDF does not link it" in \
        proc.stderr.splitlines()


# ------------------------------------------------------------------------------------------------ long strings


@pytest.mark.parametrize(("name", "where"), [("cv.json", "1:37"), ("cv.yaml", "3:12")])
def test_a_ten_million_character_string_is_refused_at_its_place(name: str, where: str, tmp_path: Path) -> None:
    """It made the Europass writer's output unreadable to XML readers (libxml2's 10 MB text limit): exit 3."""
    long = "x" * 10**7
    text = json.dumps({"basics": {"name": "A", "summary": long}}) if name.endswith(".json") else \
        f"basics:\n  name: A\n  summary: {long}\n"
    path = cv(tmp_path, text, name)
    line = one_error(run("convert", path, "-t", "europass", "-o", str(tmp_path / "cv.xml")))
    assert line == f"resumeconv: {path}:{where}: invalid {'JSON' if name.endswith('json') else 'YAML'}: a string of " \
                   "10000000 characters (limit 1000000); a CV's texts are far shorter"
    assert not (tmp_path / "cv.xml").exists()


def test_a_string_at_the_limit_still_converts_to_europass(tmp_path: Path) -> None:
    path = cv(tmp_path, json.dumps({"basics": {"name": "A", "summary": "x" * 1_000_000}}))
    proc = run("convert", path, "-t", "europass", "-o", str(tmp_path / "cv.xml"))
    assert proc.returncode == 0, proc.stderr
    assert ("x" * 1_000_000).encode() in (tmp_path / "cv.xml").read_bytes()


@pytest.mark.parametrize("fmt", ["json", "yaml", "europass", "markdown", "rendercv", "linkedin", "bibtex"])
def test_a_document_built_in_code_with_text_no_file_holds_is_refused_by_every_writer(fmt: str) -> None:
    """Files are refused at read time; a dict made in code reaches the writers through the API, where such text
    was a crash (exit 3) in five of them."""
    from resumeconv import InvalidDocumentError, write

    with pytest.raises(InvalidDocumentError) as lone:
        write({"basics": {"name": "A"}, "publications": [{"name": "T\ud800"}]}, fmt)
    assert lone.value.exit_code == 1
    assert "/publications/0/name holds U+D800, half of a surrogate pair" in str(lone.value)
    with pytest.raises(InvalidDocumentError) as long:
        write({"basics": {"name": "A", "summary": "x" * 1_000_001}}, fmt)
    assert "/basics/summary holds a string of 1000001 characters (limit 1000000)" in str(long.value)
