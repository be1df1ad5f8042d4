"""Every command reads through one ``load_input`` and writes through one ``emit``: stdin, folders, devices, FIFOs,
symbolic links, the input itself, interrupted and closed outputs (issue 12 item 5, issue 17 items 1-3, 6, 7)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_JSON, interruptible

EXPORT = ROOT / "tests" / "fixtures" / "linkedin" / "export"
CV = '{"basics": {"name": "Ada Lovelace", "url": "example.org"}}\n'


def cli(*args: str, stdin: bytes | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "resumeconv", *args], input=stdin, capture_output=True, timeout=120,
                          **kw)  # type: ignore[call-overload]


def err_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    text = proc.stderr.decode()
    assert "Traceback" not in text and "internal error" not in text, text
    return text.splitlines()


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.json"
    path.write_text(CV)
    return path


# --- one load_input, one emit ------------------------------------------------------------------------------------

def test_cli_is_a_package_with_one_module_per_command() -> None:
    from resumeconv.cli import LAZY_COMMANDS

    assert LAZY_COMMANDS == {
        "convert": "resumeconv.cli.convert:convert", "enrich": "resumeconv.cli.enrich:enrich",
        "formats": "resumeconv.cli.formats:list_formats",
        "migrate": "resumeconv.cli.migrate:migrate", "orcid": "resumeconv.cli.orcid:orcid",
        "render": "resumeconv.cli.render:render", "schema": "resumeconv.cli.formats:print_schema",
        "serve": "resumeconv.cli.serve:serve", "sync": "resumeconv.cli.sync:sync",
        "validate": "resumeconv.cli.validate:validate"}
    source = (ROOT / "src" / "resumeconv" / "cli" / "__init__.py").read_text()
    assert "@main.command" not in source


def test_render_reads_a_linkedin_export_folder(tmp_path: Path) -> None:
    from resumeconv.render import RenderError, find_node, find_theme

    try:
        find_node()
        find_theme("even")
    except RenderError as err:
        pytest.skip(str(err))
    out = tmp_path / "cv.html"
    proc = cli("render", str(EXPORT), "-t", "even", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Mira Okafor" in out.read_text()


def test_migrate_reads_a_linkedin_export_folder_and_prints_to_stdout() -> None:
    proc = cli("migrate", str(EXPORT), "-o", "-")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["basics"]["name"] == "Mira Okafor"
    assert not Path("-").exists()


def test_migrate_dash_o_is_stdout(cv: Path, tmp_path: Path) -> None:
    proc = cli("migrate", str(cv), "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["basics"]["url"] == "https://example.org"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.json"]


def test_migrate_to_a_foreign_extension_is_refused(cv: Path, tmp_path: Path) -> None:
    proc = cli("migrate", str(cv), "-o", str(tmp_path / "cv.md"))
    assert proc.returncode == 2
    assert err_lines(proc)[-1].startswith(f"resumeconv: {tmp_path / 'cv.md'}: migrate writes JSON Resume as JSON or "
                                          "YAML, not markdown")
    assert not (tmp_path / "cv.md").exists()


def test_migrate_to_yaml_by_extension(cv: Path, tmp_path: Path) -> None:
    assert cli("migrate", str(cv), "-o", str(tmp_path / "cv.yaml")).returncode == 0
    assert "url: https://example.org" in (tmp_path / "cv.yaml").read_text()


# --- devices, FIFOs, symbolic links (issue 17 item 1) ----------------------------------------------------------

@pytest.mark.parametrize("command", [["convert", "-t", "yaml"], ["migrate"]])
def test_dev_null_is_written_through_not_replaced(cv: Path, command: list[str]) -> None:
    before = os.stat("/dev/null")
    proc = cli(*command, str(cv), "-o", "/dev/null")
    assert proc.returncode == 0, proc.stderr
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev, after.st_mode) == (before.st_ino, before.st_rdev, before.st_mode)


@pytest.mark.parametrize("command", [["convert", "-t", "yaml"], ["migrate"]])
def test_dev_stdout_prints(cv: Path, command: list[str]) -> None:
    proc = cli(*command, str(cv), "-o", "/dev/stdout")
    assert proc.returncode == 0
    assert b"Ada Lovelace" in proc.stdout


def test_a_fifo_is_written_through(cv: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = cli("convert", str(cv), "-t", "yaml", "-o", str(fifo))
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert b"name: Ada Lovelace" in got[0]
    assert fifo.is_fifo()


@pytest.mark.parametrize("command", [["convert", "-t", "yaml"], ["migrate"]])
def test_a_symlink_is_followed_and_its_target_replaced(cv: Path, tmp_path: Path, command: list[str]) -> None:
    real = tmp_path / "real" / "out.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert cli(*command, str(cv), "-o", str(link)).returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "Ada Lovelace" in real.read_text()
    assert sorted(p.name for p in real.parent.iterdir()) == ["out.yaml"]


def test_in_place_on_a_symlinked_cv_updates_the_real_file(cv: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(cv)
    proc = cli("migrate", "--in-place", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink()
    assert json.loads(cv.read_text())["basics"]["url"] == "https://example.org"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.json", "link.json"]


# --- never the input itself; never two inputs onto one output (items 2, 3) --------------------------------------

@pytest.mark.parametrize("command", [["convert", "-t", "markdown"], ["convert", "-t", "json"], ["migrate"]])
def test_output_naming_the_input_is_refused(cv: Path, command: list[str]) -> None:
    proc = cli(*command, str(cv), "-o", str(cv))
    assert proc.returncode == 2
    assert err_lines(proc) == [f"resumeconv: {cv}: is the input file; refusing to overwrite it (write elsewhere, or "
                               "use 'resumeconv migrate --in-place' to rewrite a CV)"]
    assert cv.read_text() == CV


def test_output_reaching_the_input_through_a_symlink_is_refused(cv: Path, tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(cv)
    assert cli("convert", str(cv), "-o", str(link)).returncode == 2
    assert cv.read_text() == CV


def test_output_dir_with_two_inputs_of_the_same_name_is_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "cv.json").write_text(CV)
    out = tmp_path / "out"
    proc = cli("convert", str(tmp_path / "a" / "cv.json"), str(tmp_path / "b" / "cv.json"), "-t", "yaml",
               "--output-dir", str(out))
    assert proc.returncode == 2
    assert err_lines(proc) == [f"resumeconv: {tmp_path / 'a' / 'cv.json'} and {tmp_path / 'b' / 'cv.json'} would both "
                               f"be written to {out / 'cv.resume.yaml'}; convert them into different folders"]
    assert not out.exists()


def _publications(n: int) -> str:
    works = [{"name": f"Paper {i}", "releaseDate": "2020", "doi": f"10.1000/x{i}"} for i in range(n)]
    return json.dumps({"basics": {"name": "Ada"}, "publications": works})


def test_stale_orcid_parts_from_a_longer_run_are_removed(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(_publications(250))
    out = tmp_path / "works.orcid.json"
    assert cli("convert", str(cv), "-o", str(out)).returncode == 0
    assert (tmp_path / "works.orcid-3.json").is_file()
    (tmp_path / "works.orcid-9.json").write_text("a user's file, not a run's part\n")
    cv.write_text(_publications(20))
    proc = cli("convert", str(cv), "-o", str(out))
    assert proc.returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.json", "works.orcid-9.json", "works.orcid.json"]
    assert [line for line in err_lines(proc) if "removed" in line] == [
        f"resumeconv: {tmp_path / f'works.orcid-{n}.json'}: removed (a part left by an earlier run with more parts)"
        for n in (2, 3)]


# --- interrupted, closed and full outputs (item 7) --------------------------------------------------------------

def test_ctrl_c_exits_130_and_leaves_no_partial_file(cv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    child = "\n".join([
        "import os, sys, time",
        "def slow_fsync(fd):",
        "    print('writing', flush=True)",
        "    time.sleep(30)",
        "os.fsync = slow_fsync",
        "from resumeconv.cli import main",
        "main(['convert', sys.argv[1], '-o', sys.argv[2]])",
    ])
    proc = subprocess.Popen([sys.executable, "-c", child, str(cv), str(out)], preexec_fn=interruptible,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == b"writing\n"
        os.kill(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert stderr.decode().splitlines() == ["resumeconv: interrupted"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.json"]


def test_head_dash_1_is_silent(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(_publications(3000))
    proc = subprocess.run(f"{sys.executable} -m resumeconv convert {big} -t yaml | head -1", shell=True,
                          capture_output=True, timeout=120)
    assert proc.stdout == b"basics:\n"
    assert proc.stderr == b""


@pytest.mark.parametrize("command", [["convert", "-t", "yaml"], ["migrate"], ["validate", "--output-format", "json"],
                                     ["formats"]])
def test_a_closed_stdout_exits_141_silently(cv: Path, command: list[str]) -> None:
    """The reader is gone before the first byte is written, as after '| head -1' has its line."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        args = [*command, str(cv)] if command != ["formats"] else command
        proc = subprocess.run([sys.executable, "-m", "resumeconv", *args], stdout=write_end,
                              stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    migrate_report = ("  ", f"resumeconv: {cv}: 1 change")
    assert [x for x in proc.stderr.decode().splitlines() if not x.startswith(migrate_report)] == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("command", [["convert", "-t", "yaml"], ["migrate"], ["validate", "--output-format", "json"],
                                     ["formats"]])
def test_a_full_stdout_is_one_line_and_exit_2(cv: Path, command: list[str], buffered: bool) -> None:
    """Python's default stdout is buffered: the failure must surface inside the CLI, not at interpreter exit."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    args = [*command, str(cv)] if command != ["formats"] else command
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([sys.executable, "-m", "resumeconv", *args], stdout=full,
                              stderr=subprocess.PIPE, timeout=60, env=env)
    assert proc.returncode == 2
    lines = [x for x in proc.stderr.decode().splitlines() if "cannot write" in x or "internal" in x]
    assert lines == ["resumeconv: <stdout>: cannot write: No space left on device"], proc.stderr


def test_dash_o_dev_full_is_one_line_and_exit_2(cv: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    proc = cli("convert", str(cv), "-t", "yaml", "-o", "/dev/full")
    assert proc.returncode == 2
    assert err_lines(proc) == ["resumeconv: /dev/full: cannot write: No space left on device"]


def test_an_output_folder_that_cannot_be_created_is_exit_2(cv: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = cli("convert", str(cv), "-t", "yaml", "--output-dir", str(blocker / "sub"))
    assert proc.returncode == 2
    assert err_lines(proc) == [f"resumeconv: {blocker / 'sub'}: cannot create the output folder: Not a directory"]


def test_keep_backup_twice_in_a_row(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(CV)
    assert cli("migrate", "--in-place", "--keep-backup", str(cv)).returncode == 0
    first = cv.read_text()
    assert (tmp_path / "cv.json.bak").read_text() == CV
    cv.write_text(first.replace("Ada Lovelace", "Ada King").replace('"https://example.org"', '"example.org"'))
    second = cv.read_text()
    proc = cli("migrate", "--in-place", "--keep-backup", str(cv))
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "cv.json.bak").read_text() == second
    assert json.loads(cv.read_text())["basics"]["url"] == "https://example.org"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.json", "cv.json.bak"]


def test_jobs_with_stdin_reads_stdin_once_in_the_parent(cv: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = cli("convert", "-", str(cv), "-j", "2", "-t", "yaml", "--output-dir", str(out),
               stdin=SAMPLE_JSON.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert "name: Yihua Zhang" in (out / "stdin.resume.yaml").read_text()
    assert "name: Ada Lovelace" in (out / "cv.resume.yaml").read_text()


def test_validate_jobs_with_stdin(cv: Path) -> None:
    proc = cli("validate", "-", str(cv), "-j", "2", stdin=b'{"basics": {"name": 5}}')
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith("<stdin>:1:21: error")


def test_stdin_twice_is_a_usage_error(tmp_path: Path) -> None:
    proc = cli("convert", "-", "-", "-t", "yaml", "--output-dir", str(tmp_path), stdin=CV.encode())
    assert proc.returncode == 2
    assert err_lines(proc)[-1] == "resumeconv: '-' (stdin) can be given only once"


def test_orcid_pull_writes_through_devices_and_follows_symlinks(httpserver, tmp_path: Path) -> None:
    oid = "0000-0002-1825-0097"
    fixtures = ROOT / "tests" / "fixtures" / "orcid"
    httpserver.expect_request(f"/v3.0/{oid}/works", method="GET").respond_with_json(
        json.loads((fixtures / "works-summary.json").read_text(encoding="utf-8")))
    httpserver.expect_request(f"/v3.0/{oid}/works/1001,1002", method="GET").respond_with_json(
        json.loads((fixtures / "works-bulk-get.json").read_text(encoding="utf-8")))
    base = httpserver.url_for("/")
    real = tmp_path / "real.json"
    real.write_text("{}\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli("orcid", "pull", oid, "-o", str(link), "--base-url", base).returncode == 0
    assert link.is_symlink() and len(json.loads(real.read_text())["publications"]) == 2
    before = os.stat("/dev/null")
    assert cli("orcid", "pull", oid, "-o", "/dev/null", "--base-url", base).returncode == 0
    assert os.stat("/dev/null").st_rdev == before.st_rdev and os.stat("/dev/null").st_ino == before.st_ino
    cv = tmp_path / "cv.json"
    cv.write_text(CV)
    cv_link = tmp_path / "cv-link.json"
    cv_link.symlink_to(cv)
    proc = cli("orcid", "pull", oid, "--merge", str(cv_link), "--base-url", base)
    assert proc.returncode == 0, proc.stderr
    assert cv_link.is_symlink() and len(json.loads(cv.read_text())["publications"]) == 2
