"""The Candidate writer's output against the structure the schema documentation and real editor exports give.

The table (europass_candidate_structure.txt) is checked against the real exports first, so that it is known to
describe Europass and not only our writer; then our output must pass it: the sample, every corpus file converted
to europass, and generated documents. Element paths are also compared with the documentation's and the real
exports': a path neither has is a defect.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

import resumeconv
from conftest import SAMPLES
from europass_structure import check, documented_paths, parse, paths, table
from resumeconv.core.errors import ResumeconvError
from resumeconv.schemas import load_schema
from strategies import from_schema

#: Real Candidate exports; the 2025 and 2023 editor exports pass the table as they are.
EDITOR_EXPORTS = ["reference/europass/current/examples/benfante-cv.xml",
                  "corpus/europass/macel94__MACEL94__candidate-attachment.xml"]
#: Hand-made or converted Candidate files, with the ways they depart from the documentation.
OTHER_CANDIDATES = {
    "reference/europass/current/examples/j0ker98-full.xml": 2 * ["EducationLevelCode: out of order in Attendance"],
    "reference/europass/current/examples/j0ker98-minimal.xml": ["EducationLevelCode: out of order in Attendance"],
    "corpus/europass/FATelarico__EuropassXML_to_ReactiveResumeJSON__candidate-sample.xml":
        3 * ["eures:CompetencyDimension: eures:Score is required in Dimension"],
}


def _write(doc: dict[str, Any]) -> bytes:
    return resumeconv.write(doc, "europass").data


def _corpus_documents(shared: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every corpus input resumeconv reads, as documents: JSON Resume, Europass, ORCID, LinkedIn PDFs."""
    out = []
    for path in sorted((shared / "corpus").rglob("*")):
        if not path.is_file() or path.suffix not in (".json", ".yaml", ".yml", ".xml", ".pdf") or \
                path.name.endswith(".expected.json"):
            continue
        try:
            if path.suffix == ".json" and "europass" not in path.parts:
                doc = json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix in (".yaml", ".yml"):
                doc = yaml.safe_load(path.read_text(encoding="utf-8"))
            else:
                doc = resumeconv.read(path).document
        except (ValueError, yaml.YAMLError, ResumeconvError):
            continue
        if isinstance(doc, dict):
            out.append((str(path.relative_to(shared)), doc))
    return out


def _export_paths(shared: Path) -> set[str]:
    found: set[str] = set()
    for name in [*EDITOR_EXPORTS, *OTHER_CANDIDATES]:
        found |= paths(parse((shared / name).read_bytes()))
    return found


# ---------------------------------------------------------------- the table itself

def test_the_table_reads_and_names_only_known_types() -> None:
    types = table()
    assert types["Publication"].children[-1].name == "DOI"
    assert [c.name for c in types["SocialActivity"].children] == ["Activity", "Location", "HonourAwardDate"]
    assert types["DOIChoice"].choice
    assert types["AttendancePeriod"].needs == ("StartDate", "EndDate")


@pytest.mark.parametrize("name", EDITOR_EXPORTS)
def test_real_editor_exports_pass_the_table(shared: Path, name: str) -> None:
    assert check(parse((shared / name).read_bytes())) == []


@pytest.mark.parametrize("name", sorted(OTHER_CANDIDATES))
def test_other_candidate_files_depart_only_where_known(shared: Path, name: str) -> None:
    errors = [re.sub(r"^.*/(?=[^/]+: )", "", e) for e in check(parse((shared / name).read_bytes()))]
    assert [e.split(" (must")[0] for e in errors] == OTHER_CANDIDATES[name]


def test_the_check_finds_what_the_old_writer_did() -> None:
    """The shapes issue 14 lists: flat memberships, bare DOI, Authors/Journal, a period with only Ongoing."""
    old = b"""<Candidate xmlns="http://www.europass.eu/1.0" xmlns:hr="http://www.hr-xml.org/3"
      xmlns:oa="http://www.openapplications.org/oagis/9"><hr:DocumentID/><CandidateSupplier><hr:PartyID/>
      <hr:PartyName/><PersonContact><PersonName><oa:GivenName/></PersonName></PersonContact><hr:PrecedenceCode/>
      </CandidateSupplier><CandidatePerson><PersonName><oa:GivenName/></PersonName></CandidatePerson>
      <CandidateProfile><EducationHistory><EducationOrganizationAttendance><AttendancePeriod><Ongoing>true</Ongoing>
      </AttendancePeriod><EducationDegree><hr:DegreeName>PhD</hr:DegreeName></EducationDegree>
      </EducationOrganizationAttendance></EducationHistory><PublicationHistory><Publication><Title>T</Title>
      <DOI>10.1/x</DOI><Link>https://e.org</Link><Authors>A</Authors><Journal>J</Journal></Publication>
      </PublicationHistory><NetworksAndMemberships><NetworkAndMembership><Title>Reviewer</Title>
      </NetworkAndMembership></NetworksAndMemberships></CandidateProfile></Candidate>"""
    errors = [e.split(" (")[0] for e in check(parse(old))]
    base = "/Candidate/CandidateProfile"
    assert errors == [
        f"{base}/EducationHistory/EducationOrganizationAttendance/AttendancePeriod: needs one of StartDate, EndDate",
        f"{base}/PublicationHistory/Publication/DOI: needs exactly one of Value, Link",
        f"{base}/PublicationHistory/Publication/Link: out of order in Publication",
        f"{base}/PublicationHistory/Publication/Authors: not a child of Publication",
        f"{base}/PublicationHistory/Publication/Journal: not a child of Publication",
        f"{base}/NetworksAndMemberships/NetworkAndMembership/Title: not a child of SocialActivity",
    ]


# ---------------------------------------------------------------- our output

def test_the_sample_passes_the_table_and_its_paths_are_documented(shared: Path) -> None:
    root = parse((SAMPLES / "yihua-zhang.europass.xml").read_bytes())
    assert check(root) == []
    known = documented_paths() | _export_paths(shared)
    assert sorted(paths(root) - known) == []
    assert "/Candidate/CandidateProfile/NetworksAndMemberships/NetworkAndMembership/Activity/Title" in paths(root)


def test_every_corpus_conversion_passes_the_table(shared: Path) -> None:
    documents = _corpus_documents(shared)
    assert len(documents) >= 65
    known = documented_paths() | _export_paths(shared)
    written = failed = 0
    for name, doc in documents:
        try:
            data = _write(doc)
        except ResumeconvError:  # a document the schema rejects is refused with one line: nothing to check
            failed += 1
            continue
        root = parse(data)
        assert check(root) == [], name
        assert sorted(paths(root) - known) == [], name
        written += 1
    assert written >= 65 and failed <= 3, (written, failed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(from_schema(load_schema("academic"), max_items=2))
def test_generated_documents_pass_the_table(doc: dict[str, Any]) -> None:
    try:
        data = _write(doc)
    except ResumeconvError:
        return
    root = parse(data)
    assert check(root) == []
    assert sorted(paths(root) - documented_paths(("d", "x"))) == []
