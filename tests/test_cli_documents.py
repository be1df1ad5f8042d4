"""What a person wrote is what is read (issue 17 items 4, 5 and the YAML part of 15): a key written twice is an
error naming both places in every command, YAML is read by YAML 1.2 core-schema rules, YAML output keeps emoji."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DUP_JSON = """{
  "basics": {"name": "Ada"},
  "publications": [{"name": "First paper"}],
  "publications": [{"name": "Second paper"}]
}
"""
DUP_YAML = """basics:
  name: Ada
  email: ada@example.org
  name: Ada King
"""
CODES_YAML = """basics:
  name: Ada
  location:
    postalCode: 02100
    countryCode: NO
    city: Oslo
  summary: 1:30
meta:
  version: 1.0
"""


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "resumeconv", *args], input=stdin, capture_output=True, timeout=120)


@pytest.mark.parametrize("command", [["validate", "--strict"], ["convert", "-t", "yaml"], ["migrate"],
                                     ["migrate", "--in-place"], ["render", "-t", "even"]])
@pytest.mark.parametrize(("name", "text", "message"), [
    ("cv.json", DUP_JSON, "4:3: duplicate key 'publications' (first at line 3, column 3)"),
    ("cv.yaml", DUP_YAML, "4:3: duplicate key 'name' (first at line 2, column 3)"),
])
def test_a_duplicate_key_is_an_error_naming_both_places(tmp_path: Path, command: list[str], name: str, text: str,
                                                         message: str) -> None:
    cv = tmp_path / name
    cv.write_text(text)
    proc = cli(*command, str(cv))
    assert proc.returncode == 2
    out = (proc.stdout + proc.stderr).decode().replace(": error: ", ": ")
    assert "Traceback" not in out
    assert f"{cv}:{message}" in out
    assert cv.read_text() == text
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_duplicate_key_in_a_nested_json_object_names_the_object(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text('{"work": [{"name": "A"}, {"name": "B", "position": "x",\n "name": "C"}]}')
    proc = cli("convert", str(cv), "-t", "yaml")
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        f"resumeconv: {cv}:2:2: duplicate key 'name' in /work/1 (first at line 1, column 27); keep one of them: a "
        "reader keeps only the last value"]


def test_yaml_keeps_what_was_written(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text(CODES_YAML)
    proc = cli("convert", str(cv), "-t", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["basics"]["location"] == {"postalCode": "02100", "countryCode": "NO", "city": "Oslo"}
    assert doc["basics"]["summary"] == "1:30"
    assert doc["meta"]["version"] == 1.0
    check = cli("validate", str(cv))
    assert b"postalCode" not in check.stdout and b"countryCode" not in check.stdout


def test_yaml_1_1_only_forms_stay_text(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text("basics:\n  name: 'yes'\n  label: on\n  summary: 0x1F\nmeta:\n  canonical: ~\n  flag: true\n")
    doc = json.loads(cli("convert", str(cv), "-t", "json").stdout)
    assert doc["basics"] == {"name": "yes", "label": "on", "summary": "0x1F"}
    assert doc["meta"] == {"canonical": None, "flag": True}


def test_yaml_output_round_trips_the_codes_and_keeps_emoji(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps({"basics": {"name": "Ada 🐱", "location": {"postalCode": "02100",
                                                                      "countryCode": "NO"}}}))
    out = cli("convert", str(cv), "-t", "yaml")
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "name: Ada 🐱" in text and "\\U" not in text
    back = cli("convert", "-", "-f", "yaml", "-t", "json", stdin=out.stdout)
    assert json.loads(back.stdout) == json.loads(cv.read_text())
