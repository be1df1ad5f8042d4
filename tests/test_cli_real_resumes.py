"""Right results on the resumes people really write (issue 17 items 8-15), each through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "resumeconv", *args], input=stdin, capture_output=True, timeout=120)


def write(tmp_path: Path, doc: dict, name: str = "cv.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False))
    return path


LEGACY = {
    "basics": {"name": "Ada Lovelace", "website": "https://ada.example.org"},
    "work": [{"company": "Analytical Engines Ltd", "position": "Engineer", "startDate": "2020-01",
              "website": "https://engines.example.org"}],
    "publications": [{"name": "Notes on the Engine", "publisher": "Taylor", "releaseDate": "1843",
                      "website": "https://notes.example.org"}],
}


# --- item 8: pre-1.0 names ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "shown"), [
    ("markdown", "Analytical Engines Ltd"), ("linkedin", "Analytical Engines Ltd"),
    ("europass", "Analytical Engines Ltd"), ("europass-v3", "Analytical Engines Ltd"),
    ("theme", '"name": "Analytical Engines Ltd"')])
def test_pre_1_0_names_reach_every_writer_as_normalizations(tmp_path: Path, target: str, shown: str) -> None:
    proc = cli("convert", str(write(tmp_path, LEGACY)), "-t", target, "-v")
    assert proc.returncode == 0, proc.stderr
    assert shown in proc.stdout.decode()
    err = proc.stderr.decode()
    assert "/work/0/company: renamed 'company' to 'name' (JSON Resume 1.0 name)" in err
    assert [line for line in err.splitlines() if line.startswith("  /work/0/company")] == [
        "  /work/0/company: renamed 'company' to 'name' (JSON Resume 1.0 name)"]


def test_api_convert_reads_pre_1_0_names_too(tmp_path: Path) -> None:
    import resumeconv

    out = resumeconv.convert(LEGACY, "markdown")
    assert "Analytical Engines Ltd" in out.text and "https://ada.example.org" in out.text
    assert ("/basics/website", "normalization") in {(x.pointer, x.kind) for x in out.losses}


# --- item 9: unreadable and impossible dates ------------------------------------------------------------------

IMPOSSIBLE_END = {"basics": {"name": "Ada"},
                  "work": [{"name": "Lab", "position": "Engineer", "startDate": "2022-09", "endDate": "2024-09-31"}]}


@pytest.mark.parametrize(("target", "ongoing"), [("markdown", "present"), ("linkedin", "Present"),
                                                 ("europass", "<Ongoing>true"), ("europass-v3", "<Ongoing>true")])
def test_an_unreadable_end_date_never_becomes_ongoing(tmp_path: Path, target: str, ongoing: str) -> None:
    proc = cli("convert", str(write(tmp_path, IMPOSSIBLE_END)), "-t", target, "-v")
    assert proc.returncode == 0, proc.stderr
    assert ongoing not in proc.stdout.decode()
    assert ("/work/0/endDate: '2024-09-31' is not a date on the calendar: read as 2024-09, what can be read of "
            "it") in proc.stderr.decode()


def test_a_date_that_cannot_be_read_at_all_is_reported_and_kept_as_text(tmp_path: Path) -> None:
    doc = {"basics": {"name": "Ada"}, "work": [{"name": "Lab", "startDate": "2022-09", "endDate": "end of 2024"}]}
    proc = cli("convert", str(write(tmp_path, doc)), "-t", "markdown")
    assert "Sep 2022 – end of 2024" in proc.stdout.decode()
    assert "/work/0/endDate: 'end of 2024' cannot be read as a date" in proc.stderr.decode()


def test_impossible_dates_are_errors_in_the_academic_profile_warnings_upstream(tmp_path: Path) -> None:
    cv = write(tmp_path, {"basics": {"name": "Ada"}, "work": [{"name": "X", "startDate": "2019-13",
                                                                "endDate": "2020-02-30"}]})
    academic = cli("validate", str(cv))
    assert academic.returncode == 1
    assert academic.stdout.decode().splitlines() == [
        f"{cv}:1:65: error: '2019-13' is not a date on the calendar (at /work/0/startDate)",
        f"{cv}:1:87: error: '2020-02-30' is not a date on the calendar (at /work/0/endDate)"]
    for profile in ("jsonresume", "jsonresume-1.0"):
        upstream = cli("validate", "--profile", profile, str(cv))
        assert upstream.returncode == 0
        assert upstream.stdout.decode().count(": warning: ") == 2


# --- item 10: never a repr -------------------------------------------------------------------------------------

def test_an_object_where_text_is_expected_is_reported_not_written_as_a_repr(tmp_path: Path) -> None:
    doc = {"basics": {"name": "Ada", "label": {"de": "Forscherin", "en": "Researcher"}},
           "skills": [{"name": "Python", "keywords": [{"en": "typing"}, "asyncio"]}]}
    for target in ("markdown", "linkedin", "theme", "europass"):
        proc = cli("convert", str(write(tmp_path, doc)), "-t", target)
        out = proc.stdout.decode()
        assert "{'" not in out and "Forscherin" not in out, target
        err = proc.stderr.decode()
        assert "/basics/label: an object where text is expected: not written (write it as text)" in err, target
        assert "/skills/0/keywords/0: an object where text is expected" in err, target


# --- item 11: Markdown reports nested unknown fields -----------------------------------------------------------

def test_markdown_reports_unknown_fields_in_location_and_profiles(tmp_path: Path) -> None:
    doc = {"basics": {"name": "Ada", "location": {"city": "Oslo", "district": "Frogner"},
                      "profiles": [{"network": "GitHub", "username": "ada", "followers": 5}]}}
    proc = cli("convert", str(write(tmp_path, doc)), "-t", "markdown")
    err = proc.stderr.decode()
    assert "  /basics/location/district: the Markdown CV does not show it" in err
    assert "  /basics/profiles/0/followers: the Markdown CV does not show it" in err
    assert "/basics/location/city" not in err


# --- item 12: non-ASCII URLs -----------------------------------------------------------------------------------

def test_non_ascii_urls_fail_upstream_profiles_and_are_encoded_for_themes(tmp_path: Path) -> None:
    cv = write(tmp_path, {"basics": {"name": "Ada", "url": "https://bücher.example/straße"}})
    assert cli("validate", str(cv)).returncode == 0
    for profile in ("jsonresume", "jsonresume-1.0"):
        proc = cli("validate", "--profile", profile, str(cv))
        assert proc.returncode == 1
        assert proc.stdout.decode().splitlines()[0] == (
            f"{cv}:1:35: error: 'https://bücher.example/straße' has non-ASCII characters, which upstream JSON Resume "
            "(format uri) rejects; write https://xn--bcher-kva.example/stra%C3%9Fe (at /basics/url)")
    theme = cli("convert", str(cv), "-t", "theme")
    assert json.loads(theme.stdout)["basics"]["url"] == "https://xn--bcher-kva.example/stra%C3%9Fe"
    back = tmp_path / "theme.json"
    back.write_bytes(theme.stdout)
    for profile in ("jsonresume", "jsonresume-1.0"):
        assert cli("validate", "--profile", profile, str(back)).returncode == 0


# --- item 13: typos at every level -----------------------------------------------------------------------------

def test_strict_validate_suggests_close_matches_at_every_level(tmp_path: Path) -> None:
    cv = write(tmp_path, {"basics": {"name": "Ada", "emial": "ada@example.org"},
                          "work": [{"name": "X", "startdate": "2019"}]})
    proc = cli("validate", "--strict", str(cv))
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        f"{cv}:1:28: error: unknown key 'emial'; did you mean 'email'? (at /basics/emial)",
        f"{cv}:1:80: error: unknown key 'startdate'; did you mean 'startDate'? (at /work/0/startdate)"]
    assert cli("validate", str(cv)).returncode == 0


# --- item 14: migrate fixes what validate would fail -----------------------------------------------------------

def test_migrate_fixes_nulls_in_lists_numbers_in_text_and_hobby_strings(tmp_path: Path) -> None:
    cv = write(tmp_path, {"basics": {"name": "Ada", "location": {"postalCode": 2100}},
                          "skills": [{"name": "Python", "keywords": ["typing", None, 3]}],
                          "hobbies": ["chess", "rowing"]})
    assert cli("validate", str(cv)).returncode == 1
    proc = cli("migrate", "-i", str(cv))
    assert proc.returncode == 0
    assert json.loads(cv.read_text()) == {
        "basics": {"name": "Ada", "location": {"postalCode": "2100"}},
        "skills": [{"name": "Python", "keywords": ["typing", "3"]}],
        "interests": [{"name": "chess"}, {"name": "rowing"}]}
    err = proc.stderr.decode()
    assert "  /skills/0/keywords/1: removed the null item" in err
    assert '  /hobbies/0: interest \'chess\' written as {"name": "chess"}' in err
    assert "left for you to fix" not in err
    assert cli("validate", str(cv)).returncode == 0


# --- item 15: $schema, wrong-type wording ----------------------------------------------------------------------

@pytest.mark.parametrize("target", ["markdown", "linkedin", "europass", "europass-v3"])
def test_dollar_schema_is_not_a_loss(tmp_path: Path, target: str) -> None:
    cv = write(tmp_path, {"$schema": "https://example.org/resume.schema.json", "basics": {"name": "Ada"}})
    proc = cli("convert", str(cv), "-t", target, "--fail-on-loss")
    assert proc.returncode == 0, proc.stderr


def test_wrong_type_message_says_how_to_fix(tmp_path: Path) -> None:
    cv = tmp_path / "cv.yaml"
    cv.write_text("basics:\n  name: Ada\n  location:\n    postalCode: 2100\n")
    proc = cli("validate", str(cv))
    assert proc.returncode == 1
    assert proc.stdout.decode().splitlines() == [
        f"{cv}:4:17: error: expected a string, got a number: write \"2100\" in quotes (at /basics/location/postalCode)"]


def test_read_date_keeps_unreadable_apart_from_absent() -> None:
    from resumeconv.core.dates import DateRead, read_date

    assert read_date(None) == DateRead("absent")
    assert read_date("") == DateRead("absent")
    assert read_date("Present") == DateRead("ongoing", text="Present")
    assert read_date("Sep 2024") == DateRead("date", "2024-09")
    assert read_date(2019) == DateRead("date", "2019")
    assert read_date("2024-09-31") == DateRead("unreadable", text="2024-09-31")
    assert read_date("end of 2024") == DateRead("unreadable", text="end of 2024")
