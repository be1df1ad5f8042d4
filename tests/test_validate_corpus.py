"""Every file of ../shared/corpus/jsonresume either validates or gets diagnostics with line:column; none crashes.

Results are checked against MANIFEST-validation.tsv (python-jsonschema against upstream v1.0.0): files it found
valid stay free of errors under our jsonresume-1.0 profile, and its first error is among ours.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import resumeconv
from conftest import SHARED
from resumeconv.core.errors import InputError

CORPUS = SHARED / "corpus" / "jsonresume"
FILES = sorted(p.name for p in CORPUS.glob("*") if p.suffix in (".json", ".yaml", ".yml")) if CORPUS.is_dir() else []
PROFILES = ("academic", "jsonresume", "jsonresume-1.0")


def corpus_file(shared: Path, name: str) -> Path:
    return shared / "corpus" / "jsonresume" / name


#: Corpus files with a key written twice in one object: an input error (exit 2) here, not a recorded verdict.
DUPLICATE_KEYS = {"6stars__resume__resume.json": r"145:3: duplicate key 'languages' \(first at line 115, column 3\)"}


def manifest(shared: Path) -> dict[str, dict[str, str]]:
    with open(shared / "corpus" / "jsonresume" / "MANIFEST-validation.tsv", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def expected_pointers(first_error: str) -> list[str]:
    """Our pointers for the manifest's first error ('(root): ... ('a', 'b' were unexpected)' names keys)."""
    path, _, message = first_error.partition(": ")
    if path == "(root)":
        return ["/" + key for key in re.findall(r"'([^']+)'", message.split("(", 1)[1])]
    return ["/" + path]


@pytest.mark.parametrize("name", FILES or ["<no corpus>"])
@pytest.mark.parametrize("profile", PROFILES)
def test_every_corpus_file_validates_or_is_placed(shared, name, profile):
    path = corpus_file(shared, name)
    try:
        diagnostics = resumeconv.validate(path, profile=profile)
    except InputError as err:
        assert err.line is not None and err.column is not None
        return
    for diag in diagnostics:
        assert diag.line is not None and diag.column is not None, diag
        assert diag.line >= 1 and diag.column >= 1


@pytest.mark.parametrize("name", FILES or ["<no corpus>"])
def test_agrees_with_the_recorded_validation(shared, name):
    row = manifest(shared)[name]
    path = corpus_file(shared, name)
    if name in DUPLICATE_KEYS:  # other validators keep the last value; we refuse the file, naming both places
        with pytest.raises(InputError, match=DUPLICATE_KEYS[name]):
            resumeconv.validate(path, profile="jsonresume-1.0")
        return
    if row["first_error"].startswith("PARSE ERROR"):
        with pytest.raises(InputError):
            resumeconv.validate(path, profile="jsonresume-1.0")
        return
    errors = [d for d in resumeconv.validate(path, profile="jsonresume-1.0") if d.severity == "error"]
    if row["valid"] == "y":
        assert errors == []
    else:
        assert set(expected_pointers(row["first_error"])) <= {d.pointer for d in errors}


@pytest.mark.parametrize(("name", "line", "column", "pointer", "message"), [
    ("AafaaqAli__JsonResume__resume.json", 257, 26, "/work/0/startDate", "'2023-9-28' is not a date; write 2023-09-28"),
    ("jsonresume__resume-schema__official-sample-v1.0.0.json", 22, 16, "/basics/profiles/0/url",
     "empty URL; leave the field out when there is none"),
    ("bhubbard__api.brandonhubbard.com__resume.json", 1, 626, "/basics/profiles/2/url",
     "'//www.facebook.com/bkhubbard' has no scheme; write https://www.facebook.com/bkhubbard"),
    ("jesusgoku__jesus-urrutia-site-v3__resume.es.json", 41, 18, "/work/0/endDate",
     "null is not a date; leave endDate out when there is no date"),
    ("Lissy93__cv__resume.yaml", 7, 1, "/personal-statement",
     "unknown top-level key 'personal-statement': JSON Resume has no such section; move it under 'meta' "
     "(as meta.personal-statement), where custom data belongs, or into an existing section"),
    ("kyungw00k__resume.json__resume.ko.json", 237, 17, "/references", "expected an array (a list), got a number"),
])
def test_first_errors_of_a_few_files(shared, name, line, column, pointer, message):
    errors = [d for d in resumeconv.validate(corpus_file(shared, name), profile="jsonresume-1.0")
              if d.severity == "error"]
    assert (errors[0].line, errors[0].column, errors[0].pointer, errors[0].message) == (line, column, pointer, message)


def test_malformed_file_names_its_place(shared):
    with pytest.raises(InputError) as info:
        resumeconv.validate(corpus_file(shared, "albertvillanova__albertvillanova.github.io__resume-malformed.json"))
    assert (info.value.line, info.value.column, info.value.message) == (69, 3, "invalid JSON: Expecting value")
