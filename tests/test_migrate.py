"""resumeconv migrate: what it changes, what it leaves alone, how it writes, and the corpus it repairs."""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import resumeconv
from conftest import SHARED
from resumeconv.cli import main
from resumeconv.core.errors import InputError
from resumeconv.migrate import migrate
from resumeconv.validation import schema_findings

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
LEGACY = FIXTURES / "legacy.json"

MIGRATED = {
    "basics": {"name": "Old Format", "url": "https://old.example.org",
               "location": {"city": "Springfield", "region": "IL"}},
    "work": [
        {"name": "Acme", "position": "Engineer", "startDate": "2015-07", "url": "https://acme.example.com"},
        {"name": "Initech", "startDate": "2013-09-01", "endDate": "2015-06"},
    ],
    "education": [{"institution": "State U", "score": "3.9/4.0", "startDate": "2009", "endDate": "2013"}],
    "awards": [{"title": "Prize", "date": "2012"}],
}


def run(*args: str, stdin: str | None = None):
    result = CliRunner().invoke(main, ["migrate", *args], input=stdin)
    assert "Traceback" not in result.output + result.stderr
    return result


def test_legacy_document_becomes_valid_and_keeps_key_order():
    doc = json.loads(LEGACY.read_text())
    before = copy.deepcopy(doc)
    result = migrate(doc)
    assert result.document == MIGRATED
    assert list(result.document["work"][0]) == ["name", "position", "startDate", "url"]
    assert list(result.document["basics"]) == ["name", "url", "location"]
    assert doc == before
    assert schema_findings(result.document, "jsonresume-1.0") == []
    assert result.kept == []


def test_every_change_is_reported():
    result = migrate(json.loads(LEGACY.read_text()))
    assert [str(c) for c in result.changes] == [
        "/basics/picture: removed the empty 'picture'",
        "/basics/website: renamed 'website' to 'url' (JSON Resume 1.0 name)",
        "/basics/website: URL 'old.example.org' written as https://old.example.org",
        "/basics/location/state: renamed 'state' to 'region' (JSON Resume 1.0 name)",
        "/work/0/company: renamed 'company' to 'name' (JSON Resume 1.0 name)",
        "/work/0/startDate: date '07/2015' written as 2015-07",
        "/work/0/endDate: removed endDate 'now': an ongoing entry has no endDate",
        "/work/0/website: renamed 'website' to 'url' (JSON Resume 1.0 name)",
        "/work/0/website: URL '//acme.example.com' written as https://acme.example.com",
        "/work/1/company: renamed 'company' to 'name' (JSON Resume 1.0 name)",
        "/work/1/startDate: date '2013-9-1' written as 2013-09-01",
        "/work/1/endDate: date 'Jun 2015' written as 2015-06",
        "/work/1/summary: removed the empty 'summary'",
        "/education/0/gpa: renamed 'gpa' to 'score' (JSON Resume 1.0 name)",
        "/awards/0/awardDate: renamed 'awardDate' to 'date' (JSON Resume 1.0 name)",
    ]


def test_what_cannot_be_fixed_safely_is_left_and_reported():
    doc = {"$schema": "resumeSchema.json",
           "basics": {"picture": "me.jpg"},
           "work": [{"company": "A", "name": "B", "startDate": "2016 ~ 2020", "website": "pub/paper.pdf"}],
           "certificates": [{"date": "Jun 2019"}]}
    result = migrate(doc)
    assert result.document == {"$schema": "resumeSchema.json", "basics": {"image": "me.jpg"},
                               "work": [{"company": "A", "name": "B", "startDate": "2016 ~ 2020",
                                         "website": "pub/paper.pdf"}],
                               "certificates": [{"date": "2019-06"}]}
    assert [str(k) for k in result.kept] == [
        "/$schema: 'resumeSchema.json' left as is: not a full URL; write it by hand",
        "/work/0/company: 'company' left as is: 'name' is also set; merge them by hand",
        "/work/0/startDate: '2016 ~ 2020' left as is: not a date this tool can read; fix it by hand",
        "/work/0/website: 'website' left as is: 'pub/paper.pdf' is not a full URL, which 'url' must hold",
    ]


def test_nulls_empty_items_and_present_words():
    result = migrate({"work": [{"endDate": None, "highlights": ["a", " ", "b"], "summary": None},
                               {"endDate": "Currently"}]})
    assert result.document == {"work": [{"highlights": ["a", "b"]}, {}]}
    assert [str(c) for c in result.changes] == [
        "/work/0/endDate: removed endDate null: an ongoing entry has no endDate",
        "/work/0/highlights/1: removed the empty item",
        "/work/0/summary: removed null 'summary'",
        "/work/1/endDate: removed endDate 'Currently': an ongoing entry has no endDate",
    ]


def test_yaml_year_numbers_become_text(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("education:\n  - institution: U\n    startDate: 2009\n    endDate: 2013\n")
    diags = resumeconv.validate(path)
    assert [(d.line, d.column, d.message) for d in diags] == [
        (3, 16, '2009 is a number; write the year as text: "2009" (in YAML, put it in quotes)'),
        (4, 14, '2013 is a number; write the year as text: "2013" (in YAML, put it in quotes)')]
    result = migrate(resumeconv.load(path))
    assert result.document == {"education": [{"institution": "U", "startDate": "2009", "endDate": "2013"}]}
    assert [str(c) for c in result.changes] == ['/education/0/startDate: year 2009 written as text "2009"',
                                                '/education/0/endDate: year 2013 written as text "2013"']


def test_cli_prints_the_document_and_the_changes():
    result = run(str(LEGACY))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == MIGRATED
    assert result.stderr.startswith(f"resumeconv: {LEGACY}: 15 change(s):\n  /basics/picture: removed the empty")


def test_cli_output_file_in_another_format(tmp_path):
    out = tmp_path / "cv.yaml"
    result = run(str(LEGACY), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text().startswith("basics:\n  name: Old Format\n  url: https://old.example.org\n")
    assert resumeconv.load(out) == MIGRATED


def test_cli_in_place_keeps_yaml_yaml(tmp_path):
    path = tmp_path / "cv.yaml"
    path.write_text("basics:\n  name: A\n  website: a.example.org\nwork:\n  - company: X\n    endDate: Present\n")
    result = run("--in-place", str(path))
    assert result.exit_code == 0
    # the file's own indentation of the list is kept
    assert path.read_text() == "basics:\n  name: A\n  url: https://a.example.org\nwork:\n  - name: X\n"
    assert [p.name for p in tmp_path.iterdir()] == ["cv.yaml"]


def test_cli_in_place_leaves_a_clean_file_untouched(tmp_path):
    path = tmp_path / "cv.json"
    shutil.copy(FIXTURES / "valid.json", path)
    os.utime(path, (1_000_000, 1_000_000))
    result = run("-i", str(path))
    assert result.exit_code == 0
    assert result.stderr == f"resumeconv: {path}: nothing to change\n"
    assert path.stat().st_mtime == 1_000_000


@pytest.mark.parametrize("args", [["-o", "x.json", "--in-place"], ["--in-place", "-"]])
def test_cli_usage_errors(args):
    result = run(*args[:-1], args[-1]) if args[-1] == "-" else run(str(LEGACY), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("resumeconv: ")


def test_cli_unreadable_input(tmp_path):
    result = run(str(tmp_path / "missing.json"))
    assert result.exit_code == 2
    assert result.stderr == f"resumeconv: {tmp_path / 'missing.json'}: no such file\n"


def test_cli_stdin():
    result = run("-", stdin='{"basics": {"website": "https://a.org"}}')
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"basics": {"url": "https://a.org"}}


# --- the corpus --------------------------------------------------------------------------------------------

#: Schema errors that migrate is meant to repair: dates, URLs (legacy names and empty strings show up as these).
REPAIRABLE = {"schema.date", "schema.uri"}
CORPUS = SHARED / "corpus" / "jsonresume"
FILES = sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".json", ".yaml", ".yml")) if CORPUS.is_dir() else []


def _load(shared: Path, name: str):
    try:
        return resumeconv.load(shared / "corpus" / "jsonresume" / name)
    except InputError:
        pytest.skip("not parseable; nothing to migrate")


@pytest.mark.parametrize("name", FILES or ["<no corpus>"])
def test_corpus_file_failing_only_for_repairable_reasons_is_repaired(shared, name):
    doc = _load(shared, name)
    before = schema_findings(doc, "jsonresume-1.0")
    if not before or {f.rule for f in before} - REPAIRABLE:
        pytest.skip("valid already, or fails for reasons migrate does not repair")
    result = migrate(doc)
    left = {f.pointer for f in schema_findings(result.document, "jsonresume-1.0")}
    # Either valid now, or each remaining error is one migrate said it could not fix safely.
    assert left <= {k.pointer for k in result.kept}


@pytest.mark.parametrize("name", FILES or ["<no corpus>"])
def test_migrate_never_adds_errors(shared, name):
    doc = _load(shared, name)
    before = len(schema_findings(doc, "jsonresume-1.0"))
    assert len(schema_findings(migrate(doc).document, "jsonresume-1.0")) <= before


def test_these_corpus_files_become_valid_under_v1(shared):
    repaired = []
    for name in FILES:
        doc = _load(shared, name) if not name.endswith("malformed.json") else None
        if doc is None or not schema_findings(doc, "jsonresume-1.0"):
            continue
        if not schema_findings(migrate(doc).document, "jsonresume-1.0"):
            repaired.append(name)
    assert repaired == [
        "6stars__resume__resume.json", "AafaaqAli__JsonResume__resume.json",
        "HuyPhat__huyphat-cv-react-es6__resume.json", "Stupidism__stupidism.github.io__resume-cn.json",
        "bhubbard__api.brandonhubbard.com__resume.json", "jesusgoku__jesus-urrutia-site-v3__resume.es.json",
        "jsonresume__resume-schema__official-sample-v1.0.0.json",
    ]


def test_in_place_on_yaml_keeps_comments_quoting_and_crlf(tmp_path):
    """It deleted every comment and turned CRLF into LF without a word; now only the changed values change."""
    import subprocess
    import sys

    from resumeconv.core.document import parse_yaml

    original = ('# My CV (keep this comment)\r\nbasics:\r\n  name: "Ada Lovelace"   # quoted on purpose\r\n'
                "  website: www.ada.org\r\nwork:\r\n  # current job\r\n  - name: Acme\r\n    startDate: Jan 2019\r\n"
                "    endDate: Present\r\n    highlights:\r\n      - first\r\n")
    path = tmp_path / "cv.yaml"
    path.write_bytes(original.encode())
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "migrate", "--in-place", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes().decode() == (
        '# My CV (keep this comment)\r\nbasics:\r\n  name: "Ada Lovelace"   # quoted on purpose\r\n'
        "  url: https://www.ada.org\r\nwork:\r\n  # current job\r\n  - name: Acme\r\n    startDate: 2019-01\r\n"
        "    highlights:\r\n      - first\r\n")
    assert parse_yaml(path.read_text()) == {"basics": {"name": "Ada Lovelace", "url": "https://www.ada.org"},
                                            "work": [{"name": "Acme", "startDate": "2019-01",
                                                      "highlights": ["first"]}]}


def test_yaml_rewrite_keeps_a_four_space_file_four_space():
    from resumeconv.core.yamlrt import rewrite_yaml

    original = "basics:\n    name: Ada  # me\n    label: x\nwork:\n-   name: Acme\n    position: Dev\n"
    assert rewrite_yaml(original, {"basics": {"name": "Ada", "label": "y"},
                                   "work": [{"name": "Acme", "position": "Dev"}]}) == \
        "basics:\n    name: Ada  # me\n    label: y\nwork:\n-   name: Acme\n    position: Dev\n"
