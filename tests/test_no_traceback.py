"""Every CLI command on bad input, in a real subprocess: the documented exit code, one line naming the file, and
never a Python traceback.

The cases come from the registry (every reader and writer) and the command list, so a new format or command is
held to this as soon as it exists.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_JSON
from resumeconv import formats as registry
from resumeconv.cli import LAZY_COMMANDS

READERS = [s.name for s in registry.all_formats() if s.reads]
WRITERS = [s.name for s in registry.all_formats() if s.writes]
#: Readers for which an empty input is a valid empty document (documented in their format docs).
EMPTY_IS_EMPTY_DOCUMENT = {"linkedin", "bibtex"}
UNREACHABLE = "http://127.0.0.1:9"
OID = "0000-0002-1825-0097"
LIMIT = 100_000


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    """One file per kind of bad input."""
    files = {
        "empty": b"",
        "invalid-utf8": b'{"basics": {"name": "Ad\xff\xfe"}}\n',
        "random": bytes(range(256)) * 8,
        "huge": b'{"basics": {"name": "' + b"x" * (LIMIT + 10) + b'"}}',
    }
    out = {}
    for kind, data in files.items():
        (tmp / kind).write_bytes(data)
        out[kind] = tmp / kind
    (tmp / "a-directory").mkdir()
    out["directory"] = tmp / "a-directory"
    return out


@pytest.fixture(scope="module")
def bad(tmp_path_factory) -> dict[str, Path]:
    return _bad_inputs(tmp_path_factory.mktemp("bad"))


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RESUMECONV_MAX_INPUT_BYTES": str(LIMIT), "ORCID_TOKEN": "t0ken", "PATH": os.defpath,
           "RESUMECONV_NODE_DIR": "/nonexistent"}
    env.pop("NODE_PATH", None)
    return subprocess.run([sys.executable, "-c", "from resumeconv.cli import main; main()", *args],
                          capture_output=True, timeout=120, env=env)


def one_line(proc: subprocess.CompletedProcess, code: int, *names: str) -> str:
    """The single stderr line, after checking the exit code, that it names every name, and no traceback."""
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert proc.returncode == code, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("resumeconv: "), lines[0]
    for name in names:
        assert name in lines[0]
    return lines[0]


KINDS = ["empty", "invalid-utf8", "random", "directory", "huge"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reader", READERS)
def test_convert_every_reader_on_bad_input(reader: str, kind: str, bad: dict[str, Path]) -> None:
    path = bad[kind]
    proc = cli("convert", "-f", reader, "-t", "json", str(path))
    if kind == "empty" and reader in EMPTY_IS_EMPTY_DOCUMENT:
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"{}\n", b"")
        return
    if kind == "directory" and reader == "linkedin-export":
        line = one_line(proc, 2, str(path))
        assert line.endswith("no LinkedIn export CSV (Profile.csv, Positions.csv, ...) found")
        return
    line = one_line(proc, 2, str(path))
    if kind == "huge":
        assert f"larger than the limit of {LIMIT} bytes" in line
    if kind == "directory":
        assert line.endswith("is a directory, not a file")


@pytest.mark.parametrize("reader", READERS)
def test_convert_every_reader_on_the_wrong_format(reader: str, tmp_path: Path) -> None:
    """The sample in a format the reader does not take (XML for text readers, JSON for XML readers)."""
    xml_reader = reader in ("europass", "europass-v3", "orcid-xml")
    source = SAMPLE_JSON if xml_reader else SAMPLE_JSON.with_name("yihua-zhang.europass.xml")
    if reader in ("json", "yaml", "orcid-json"):
        source = SAMPLE_JSON.with_name("yihua-zhang.md")
    proc = cli("convert", "-f", reader, "-t", "json", str(source))
    one_line(proc, 2, str(source))
    assert proc.stdout == b""


@pytest.mark.parametrize("writer", WRITERS)
def test_convert_every_writer_on_a_document_of_the_wrong_shape(writer: str, tmp_path: Path) -> None:
    doc = tmp_path / "wrong.json"
    doc.write_text('{"basics": {"name": ["A"], "profiles": "x", "location": 3}, "work": ["w", 1], '
                   '"publications": [1, null, {"name": 5, "authors": "me"}], "skills": {"a": 1}, "meta": 3}')
    out = tmp_path / "out"
    proc = cli("convert", "-t", writer, "-o", str(out), str(doc))
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    if proc.returncode == 0:  # a writer that carries or reports everything is fine: the report names the file
        assert stderr == "" or all(x.startswith(("resumeconv: ", "  ")) for x in stderr.splitlines())
        return
    line = one_line(proc, 1, str(doc), "a value does not have the type the schema gives it")
    assert line.startswith(f"resumeconv: {doc}: cannot write ")
    assert not out.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_validate_on_bad_input(kind: str, bad: dict[str, Path]) -> None:
    """validate reports each file on stdout (FILE: error: ...) and one summary line on stderr."""
    path = bad[kind]
    proc = cli("validate", str(path))
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    assert proc.returncode == 2
    if kind == "directory":
        assert stderr.startswith("resumeconv: no resume files found in the given directories (named cv.* or *resume*")
        return
    assert proc.stdout.decode().startswith(f"{path}:")
    assert len(proc.stdout.decode().splitlines()) == 1
    assert stderr.endswith("1 unreadable (1 error(s), 0 warning(s))\n") and len(stderr.splitlines()) == 1


COMMANDS = {
    "migrate": ["migrate"],
    "migrate-in-place": ["migrate", "--in-place"],
    "render": ["render", "-t", "even"],
    "orcid-push": ["orcid", "push", "--base-url", UNREACHABLE, "--retries", "0"],
    "orcid-push-dry-run": ["orcid", "push", "--dry-run"],
    "orcid-pull-merge": ["orcid", "pull", OID, "--base-url", UNREACHABLE, "--retries", "0", "--merge"],
    "enrich": ["enrich", "--dry-run", "--no-cache", "--retries", "0",
               *(f"--base-url={s}={UNREACHABLE}" for s in ("openalex", "crossref", "arxiv", "dblp"))],
    "sync": ["sync", "--dry-run", "--from", str(ROOT / "samples" / "yihua-zhang.orcid.bib")],
    "sync-source": ["sync", str(ROOT / "samples" / "yihua-zhang.resume.json"), "--dry-run", "--from"],
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", COMMANDS)
def test_other_commands_on_bad_input(command: str, kind: str, bad: dict[str, Path]) -> None:
    path = bad[kind]
    line = one_line(cli(*COMMANDS[command], str(path)), 2, str(path))
    if kind == "huge":
        assert f"larger than the limit of {LIMIT} bytes" in line


@pytest.mark.parametrize("command", ["orcid-push", "orcid-pull-merge"])
def test_orcid_against_an_unreachable_server_is_one_line(command: str) -> None:
    proc = cli(*COMMANDS[command], str(ROOT / "tests" / "fixtures" / "orcid" / "cv-with-ids.json"))
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr and proc.returncode == 2
    assert stderr.splitlines()[-1] == f"resumeconv: ORCID API: {'POST' if command == 'orcid-push' else 'GET'} " \
                                      f"/v3.0/{OID}/works: cannot connect (ConnectionError)", stderr


def test_orcid_pull_to_stdout_against_an_unreachable_server() -> None:
    line = one_line(cli("orcid", "pull", OID, "--base-url", UNREACHABLE, "--retries", "0"), 2)
    assert line == f"resumeconv: ORCID API: GET /v3.0/{OID}/works: cannot connect (ConnectionError)"


def test_render_without_the_theme_is_one_line() -> None:
    line = one_line(cli("render", "-t", "even", str(SAMPLE_JSON)), 2)
    assert line.startswith(("resumeconv: Node.js is not installed ('node' is not on PATH)",
                            "resumeconv: theme package 'jsonresume-theme-even' is not installed"))


def test_every_command_is_covered() -> None:
    # serve keeps running on bad input and shows the one line on its page: tests/test_serve.py checks that page.
    covered = {"convert", "validate", "formats", "schema", "serve", *(args[0] for args in COMMANDS.values())}
    assert set(LAZY_COMMANDS) | {"convert", "formats", "schema"} <= covered


@pytest.mark.parametrize("args", [["formats"], ["schema"], ["schema", "--profile", "jsonresume"]])
def test_listing_commands_succeed_quietly(args: list[str]) -> None:
    proc = cli(*args)
    assert proc.returncode == 0 and proc.stderr == b"" and proc.stdout


@pytest.mark.parametrize("where", ["missing-dir", "a-directory"])
@pytest.mark.parametrize("command", [["convert", "-t", "yaml"], ["migrate"], ["render", "-t", "even"]])
def test_an_unwritable_output_is_one_line_naming_it(command: list[str], where: str, tmp_path: Path) -> None:
    output = tmp_path / "missing" / "out.yaml" if where == "missing-dir" else tmp_path
    doc = tmp_path / "cv.json"
    doc.write_text('{"basics": {"name": "Ada", "url": "example.org"}}')
    proc = cli(*command, str(doc), "-o", str(output))
    if command[0] == "render":  # the theme is looked up before anything is written
        one_line(proc, 2)
        return
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr and proc.returncode == 2
    reason = "No such file or directory" if where == "missing-dir" else "Is a directory"
    assert stderr.splitlines()[-1] == f"resumeconv: {output}: cannot write: {reason}"
    assert [p.name for p in tmp_path.iterdir()] == ["cv.json"]
