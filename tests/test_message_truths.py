"""Messages that said something untrue: a hint naming an option the command lacks, "valid" for a file validate does
not check, an exit-code footer naming another command's option, "internal error" for a missing package, and the
wrong Europass namespace called a wrong root element."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from resumeconv.core.errors import missing_dependency

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args: str, block: str | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh interpreter; ``block`` names a package made unimportable there."""
    setup = f"import sys; sys.modules[{block!r}] = None; " if block else ""
    proc = subprocess.run([sys.executable, "-c", setup + "from resumeconv.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    return proc


def test_validate_of_an_unknown_file_names_no_option_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "random.txt"
    path.write_text("hello\n")
    proc = run("validate", str(path))
    assert proc.returncode == 2
    assert proc.stdout == f"{path}: error: not JSON or YAML: validate checks JSON Resume files (.json, .yaml or .yml)\n"
    assert "-f" not in proc.stdout + proc.stderr


@pytest.mark.parametrize(("sample", "label"), [("yihua-zhang.orcid.bib", "BibTeX"),
                                               ("yihua-zhang.europass.xml", "Europass (Candidate)"),
                                               ("yihua-zhang.linkedin.txt", "LinkedIn's text form")])
def test_validate_does_not_call_another_format_valid(sample: str, label: str) -> None:
    proc = run("validate", str(SAMPLES / sample))
    assert proc.returncode == 2
    assert proc.stdout.startswith(f"{SAMPLES / sample}: error: this is {label}, not JSON Resume: validate checks "
                                  "JSON or YAML; to check the document it reads as, run: resumeconv convert FILE -t "
                                  "json | resumeconv validate -")
    assert proc.stderr == "resumeconv: 1 file(s) checked: 0 valid, 0 invalid, 1 unreadable (1 error(s), 0 warning(s))\n"


def test_validate_help_says_json_or_yaml_as_it_does() -> None:
    assert "JSON or YAML" in " ".join(run("validate", "--help").stdout.split())


@pytest.mark.parametrize("command", [["convert"], ["validate"], ["migrate"], ["render"], ["enrich"],
                                     ["orcid", "pull"], ["orcid", "push"], []])
def test_each_exit_code_footer_names_only_its_own_options(command: list[str]) -> None:
    out = run(*command, "--help").stdout
    assert "Exit codes:" in out
    assert ("--fail-on-loss" in out) == (command == ["convert"])
    one = next(line for line in out.splitlines() if line.strip().startswith("1 "))
    if command == ["validate"]:
        assert "a file has errors" in one
    if command == ["orcid", "push"]:
        assert "ORCID refused" in one


def test_a_missing_package_is_an_install_hint_not_an_internal_error(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text('{"basics": {"name": "A"}}')
    proc = run("convert", str(cv), "-t", "europass", "-o", str(tmp_path / "cv.xml"), block="lxml")
    assert proc.returncode == 2
    assert proc.stderr == ("resumeconv: this needs the Python package 'lxml', which is not installed: pip install lxml "
                           "(or reinstall resumeconv)\n")
    assert not (tmp_path / "cv.xml").exists()


def test_an_optional_package_names_its_extra() -> None:
    err = missing_dependency(ModuleNotFoundError("No module named 'typst'", name="typst"))
    assert err is not None and err.exit_code == 2
    assert str(err) == "this needs the Python package 'typst', which is not installed: pip install 'resumeconv[pdf]'"
    assert missing_dependency(ModuleNotFoundError("x", name="resumeconv.formats.nothere")) is None


@pytest.mark.parametrize(("fmt", "xml", "says"), [
    ("europass", '<Candidate xmlns="http://www.europass.eu/2.0"/>',
     "not a Europass Candidate document: the Candidate element has namespace 'http://www.europass.eu/2.0'; "
     "expected namespace 'http://www.europass.eu/1.0'"),
    ("europass", "<Candidate/>",
     "not a Europass Candidate document: the Candidate element has no namespace; expected namespace "
     "'http://www.europass.eu/1.0'"),
    ("europass-v3", '<SkillsPassport xmlns="http://europass.eu/wrong"/>',
     "not a Europass v3 SkillsPassport document: the SkillsPassport element has namespace 'http://europass.eu/wrong'; "
     "expected namespace 'http://europass.cedefop.europa.eu/Europass'"),
    ("europass", "<Resume/>",
     "not a Europass Candidate document: the root element is Resume; expected Candidate in namespace "
     "'http://www.europass.eu/1.0'"),
])
def test_a_wrong_europass_namespace_is_named_as_such(fmt: str, xml: str, says: str, tmp_path: Path) -> None:
    path = tmp_path / "cv.xml"
    path.write_text(f'<?xml version="1.0"?>\n{xml}\n')
    proc = run("convert", "-f", fmt, str(path), "-t", "json")
    assert proc.returncode == 2
    assert proc.stderr == f"resumeconv: {path}: {says}\n"
