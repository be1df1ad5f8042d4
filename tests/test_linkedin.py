"""LinkedIn: profile text (writer and reader, pdftotext/pypdf text, the PDF) and the data export (zip or folder)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import resumeconv
from conftest import ROOT
from linkedin_pdf import profile_pdf
from resumeconv.cli import main
from resumeconv.core.errors import InputError, UnsafeInputError, UsageError
from resumeconv.formats import _linkedin_common as common

FIXTURES = ROOT / "tests" / "fixtures" / "linkedin"
PROFILE = FIXTURES / "profile.txt"
EXPORT = FIXTURES / "export"


def read_text(text: str) -> dict:
    return resumeconv.read(text.encode("utf-8"), format="linkedin").document


def zip_bytes(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def export_zip(folder: Path = EXPORT, prefix: str = "") -> bytes:
    return zip_bytes({prefix + p.name: p.read_bytes() for p in sorted(folder.iterdir())})


# ------------------------------------------------------------------------------------------ duration arithmetic

@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2024-02", "2024-07", "6 months"),
    ("2013-01", "2020-01", "7 years 1 month"),
    ("2013-01", "2013-01", "1 month"),
    ("2024-02", "2025-11", "1 year 10 months"),
    ("2024-12", "2025-11", "1 year"),
    ("2020-10", "2024-06", "3 years 9 months"),
    ("2012", "2019", "7 years"),
    ("2017", "2017", "less than a year"),
    ("2013", "2014-08", "1 year"),
    ("2025-09-15", "2025-11", "3 months"),
])
def test_duration_counts_both_end_months(start: str, end: str, expected: str) -> None:
    assert common.duration(start, end) == expected


@pytest.mark.parametrize(("text", "months"), [
    ("1 year 10 months", 22), ("7 years", 84), ("1 month", 1), ("less than a year", 0), ("Remote", None), ("", None)])
def test_parse_duration(text: str, months: int | None) -> None:
    assert common.parse_duration(text) == months


@pytest.mark.parametrize(("fluency", "index"), [
    ("Native or bilingual proficiency", 0), ("Native or Bilingual", 0), ("native", 0), ("Fluent", 1),
    ("Professional Working", 2), ("limited working proficiency", 3), ("Beginner", 4), ("C1", None), ("Good", None)])
def test_proficiency_maps_only_clear_levels(fluency: str, index: int | None) -> None:
    assert common.proficiency(fluency) == index


# ------------------------------------------------------------------------------------------ writer

SMALL = {
    "basics": {
        "name": "Ada Quill", "label": "Research Scientist", "email": "ada@example.org", "phone": "+44 20 5550 0000",
        "url": "https://ada.example.org", "orcid": "0000-0002-1825-0097", "summary": "Studies sparse models.",
        "location": {"city": "Leeds", "countryCode": "GB", "postalCode": "LS1"},
        "profiles": [{"network": "LinkedIn", "username": "ada-quill"},
                     {"network": "GitHub", "url": "https://github.com/adaq"}],
    },
    "work": [
        {"name": "Sparse Lab", "position": "Scientist", "startDate": "2024-12", "location": "Leeds",
         "summary": "Leads the group.", "highlights": ["Built X", "Shipped Y"], "url": "https://sparse.example.org"},
        {"name": "Sparse Lab", "position": "Intern", "startDate": "2013-01-15", "endDate": "2013-01",
         "workplaceType": "remote", "employmentType": ["internship"]},
        {"name": "Old Co", "position": "Assistant", "startDate": "2012", "endDate": "2012"},
    ],
    "education": [{"institution": "Leeds University", "studyType": "PhD", "area": "Statistics",
                   "startDate": "2015-09", "endDate": "2019", "advisors": ["B. Ray"]}],
    "languages": [{"language": "English", "fluency": "Native speaker"}, {"language": "Welsh", "fluency": "B1"}],
    "skills": [{"name": "Python", "level": "Expert"}],
    "awards": [{"title": "Best Paper", "date": "2023", "awarder": "ICML"}],
    "publications": [{"name": "Sparse things", "doi": "10.5555/x.1", "authors": [{"name": "A. Quill"}]}],
    "certificates": [{"name": "Safety", "issuer": "HSE"}],
    "projects": [{"name": "tool"}],
    "meta": {"mentees": [{"name": "B. Student"}], "version": "v1"},
}

SMALL_TEXT = """\
Ada Quill
Research Scientist
Leeds, GB

Contact
+44 20 5550 0000
ada@example.org
www.linkedin.com/in/ada-quill (LinkedIn)
https://github.com/adaq (Other)
https://ada.example.org (Personal)
orcid.org/0000-0002-1825-0097 (Other)

Top Skills
Python

Languages
English (Native or Bilingual)
Welsh

Certifications
Safety
  Issuing organization: HSE

Honors-Awards
Best Paper
  Issuer: ICML
  Issue date: 2023

Publications
Sparse things
  Authors: A. Quill

Summary
Studies sparse models.

Experience
Sparse Lab
12 years 11 months
Scientist
December 2024 - Present (1 year)
Leeds
Leads the group.
• Built X
• Shipped Y

Intern
January 2013 - January 2013 (1 month)
Remote

Old Co
Assistant
2012 - 2012 (less than a year)

Education
Leeds University
PhD, Statistics · (September 2015 - 2019)

Projects
tool
"""


def test_writer_output_is_linkedin_profile_text() -> None:
    result = resumeconv.write(SMALL, "linkedin", today="2025-11-20")
    assert result.text == SMALL_TEXT


def test_writer_reports_every_field_it_cannot_carry() -> None:
    losses = {x.pointer: x for x in resumeconv.write(SMALL, "linkedin", today="2025-11").losses}
    assert set(losses) == {
        "/basics/location/postalCode", "/basics/profiles/1/network", "/work/0/url", "/work/1/startDate",
        "/work/1/employmentType", "/education/0/advisors", "/languages/1/fluency", "/skills/0/level",
        "/publications/0/doi", "/meta", "/basics/profiles/0/url", "/languages/0/fluency"}
    assert losses["/work/1/startDate"].kind == "normalization"
    assert losses["/meta"].reason == ("not part of a LinkedIn profile (LinkedIn has no section for mentees, "
                                      "publication overviews or sources)")
    assert losses["/languages/1/fluency"].kind == "loss"
    assert losses["/languages/0/fluency"].reason == "written as LinkedIn's level 'Native or Bilingual'"
    assert losses["/basics/profiles/0/url"].reason == ("LinkedIn's text form does not keep it as it is: reads back as "
                                                       '"https://www.linkedin.com/in/ada-quill"')


def test_heading_like_lines_are_escaped_and_ambiguities_reported() -> None:
    doc = {"basics": {"name": "Al Bo", "summary": "Experience\nmatters."},
           "skills": [{"name": "Languages"}, {"name": "Go"}],
           "work": [{"name": "X", "position": "Dev", "startDate": "2020-01", "endDate": "2020-03",
                     "location": "Remote"}]}
    result = resumeconv.write(doc, "linkedin", today="2025-11")
    assert "Top Skills\n Languages\nGo\n" in result.text
    assert "Summary\n Experience\nmatters.\n" in result.text
    back = resumeconv.read(result.data, format="linkedin").document
    assert back["skills"] == [{"name": "Languages"}, {"name": "Go"}]
    assert back["basics"]["summary"] == "Experience\nmatters."
    assert back["work"][0]["workplaceType"] == "remote"
    assert [str(x) for x in result.losses] == [
        "/work/0: location 'Remote' is LinkedIn's location type: read back as workplaceType (normalized)",
        "/basics/label: missing: LinkedIn requires a headline (normalized)",
        "/basics/location: missing: LinkedIn requires a location (normalized)"]


def test_present_is_measured_to_the_today_option() -> None:
    doc = {"basics": {"name": "A B"}, "work": [{"name": "C", "position": "D", "startDate": "2025-09"}]}
    assert "September 2025 - Present (3 months)" in resumeconv.write(doc, "linkedin", today="2025-11").text
    assert "September 2025 - Present (1 year 4 months)" in resumeconv.write(doc, "linkedin", today="2026-12").text
    with pytest.raises(UsageError, match="today must be an ISO date with a month"):
        resumeconv.write(doc, "linkedin", today="2025")


def test_writer_output_reads_back() -> None:
    doc = read_text(SMALL_TEXT)
    assert doc["basics"]["name"] == "Ada Quill"
    assert doc["basics"]["label"] == "Research Scientist"
    assert doc["basics"]["location"] == {"city": "Leeds", "countryCode": "GB"}
    assert doc["basics"]["orcid"] == "0000-0002-1825-0097"
    assert doc["basics"]["url"] == "https://ada.example.org"
    assert doc["basics"]["profiles"] == [
        {"network": "LinkedIn", "username": "ada-quill", "url": "https://www.linkedin.com/in/ada-quill"},
        {"url": "https://github.com/adaq"}]
    assert [(w["name"], w["position"], w["startDate"], w.get("endDate")) for w in doc["work"]] == [
        ("Sparse Lab", "Scientist", "2024-12", None), ("Sparse Lab", "Intern", "2013-01", "2013-01"),
        ("Old Co", "Assistant", "2012", "2012")]
    assert doc["work"][0]["highlights"] == ["Built X", "Shipped Y"]
    assert doc["work"][1]["workplaceType"] == "remote"
    assert doc["education"] == [{"institution": "Leeds University", "startDate": "2015-09", "endDate": "2019",
                                 "studyType": "PhD", "area": "Statistics"}]
    assert doc["languages"] == [{"language": "English", "fluency": "Native or bilingual proficiency"},
                                {"language": "Welsh"}]


def test_sample_round_trip_keeps_positions_degrees_honours_publications(sample_doc: dict) -> None:
    text = resumeconv.write(sample_doc, "linkedin", today="2025-11").data
    back = resumeconv.read(text, format="linkedin").document
    assert len(back["work"]) == len(sample_doc["work"])
    for before, after in zip(sample_doc["work"], back["work"], strict=True):
        assert after["name"] == before["name"]
        assert after["position"] == before["position"]
        assert after["startDate"] == before["startDate"][:7]
        assert after.get("endDate") == (before["endDate"][:7] if "endDate" in before else None)
        assert after.get("highlights", []) == before.get("highlights", [])
    assert len(back["education"]) == len(sample_doc["education"])
    for before, after in zip(sample_doc["education"], back["education"], strict=True):
        for key in ("institution", "studyType", "area", "startDate", "endDate"):
            assert after.get(key) == before.get(key), key
    assert [a["title"] for a in back["awards"]] == [a["title"] for a in sample_doc["awards"]]
    assert [p["name"] for p in back["publications"]] == [p["name"] for p in sample_doc["publications"]]
    assert back["basics"]["name"] == sample_doc["basics"]["name"]


# ------------------------------------------------------------------------------------------ reader (PDF text)

def test_pdftotext_profile_fixture() -> None:
    result = resumeconv.read(PROFILE)
    doc = result.document
    assert doc["basics"]["name"] == "Mira Okafor"
    assert doc["basics"]["label"] == "Research Engineer & Lecturer"
    assert doc["basics"]["phone"] == "+32 9 555 0101"
    assert doc["basics"]["profiles"][0]["username"] == "mira-okafor-example"
    assert doc["basics"]["orcid"] == "0000-0002-1825-0097"
    assert doc["basics"]["summary"] == "Builds robust sensors.\n\nTeaches signal processing."
    assert [c["name"] for c in doc["certificates"]] == ["Advanced Methods in Digital Design Projects",
                                                        "Safety Training"]
    assert [p["name"] for p in doc["publications"]] == ["Low-noise arrays for field sensing"]
    assert doc["work"][0] == {"name": "Lumen & Field Labs", "position": "Research Engineer", "startDate": "2023-03",
                              "workplaceType": "hybrid", "location": "Ghent", "summary": "Leads the sensor team.",
                              "highlights": ["Shipped the v2 array", "Cut noise by 30%"]}
    assert [(w["name"], w["position"]) for w in doc["work"][1:]] == [("Lumen & Field Labs", "Intern"),
                                                                     ("Harbor Institute", "Lecturer")]
    assert doc["education"][0]["area"] == "Electrical Engineering"
    assert doc["education"][0]["endDate"] == "2014-06"
    assert {x.pointer for x in result.losses} == {"/basics/location", "/basics/phone"}


def test_pypdf_style_text_without_blank_lines() -> None:
    lines = [x for x in PROFILE.read_text(encoding="utf-8").split("\n") if x.strip()]
    doc, expected = read_text(" \n" + "\n".join(lines)), resumeconv.read(PROFILE).document
    assert doc["basics"].pop("summary") == "Builds robust sensors. Teaches signal processing."
    del expected["basics"]["summary"]
    assert doc == expected


def test_wrapped_contact_entries_are_joined() -> None:
    text = ("Contact\n+1 555 0100 (Work)\nquinn.langdon@gladstone.ucsf.ed\nu\nwww.linkedin.com/in/quinn-\n"
            "langdon-1234 (LinkedIn)\nlab.example.org/quinn (Company)\norcid.org/0000-0002-1825-0097\n(Other)\n"
            "ask me anything\n\nQuinn Langdon\nGenome Scientist\nExperience\nFoo\nBar\n2019 - 2020 (1 year)\n"
            "Page 1 of 1\n\f")
    result = resumeconv.read(text.encode(), format="linkedin")
    basics = result.document["basics"]
    assert basics["phone"] == "+1 555 0100"
    assert basics["email"] == "quinn.langdon@gladstone.ucsf.edu"
    assert basics["orcid"] == "0000-0002-1825-0097"
    assert basics["profiles"] == [
        {"network": "LinkedIn", "url": "https://www.linkedin.com/in/quinn-langdon-1234",
         "username": "quinn-langdon-1234"},
        {"network": "Company", "url": "https://lab.example.org/quinn"}]
    assert [str(x) for x in result.losses] == [
        "/basics/phone: phone type 'Work' has no field",
        "/basics: contact line 'ask me anything' is neither a phone, an e-mail nor a URL"]


def test_education_in_pdf_text_without_blank_lines() -> None:
    text = ("Education\nSchool A\nSchool B\nDoctor of Philosophy - PhD, Computational\nNeuroscience · (October\n"
            "2020 - June 2025)\nSchool C\nBSc, Physics · (2014 - 2018)\nPage 1 of 1\n")
    assert read_text(text)["education"] == [
        {"institution": "School A"},
        {"institution": "School B", "startDate": "2020-10", "endDate": "2025-06",
         "studyType": "Doctor of Philosophy - PhD", "area": "Computational Neuroscience"},
        {"institution": "School C", "startDate": "2014", "endDate": "2018", "studyType": "BSc", "area": "Physics"}]


def test_pdfminer_order_with_the_name_block_after_contact() -> None:
    lines = PROFILE.read_text(encoding="utf-8").split("\n")
    name, summary = lines.index("Mira Okafor"), lines.index("Summary")
    order = [lines[0], *lines[name:summary], *lines[1:name], *lines[summary:]]
    doc = read_text("\n\n".join(x for x in order if x.strip()))
    expected = resumeconv.read(PROFILE).document
    assert doc["basics"].pop("summary") == "Builds robust sensors.\n\nTeaches signal processing."
    assert doc["basics"] == {k: v for k, v in expected["basics"].items() if k != "summary"}
    assert doc["work"] == expected["work"]
    assert doc["certificates"] == expected["certificates"]
    assert doc["education"] == expected["education"]


def test_main_column_first_and_headings_only_in_order() -> None:
    text = ("Kim Lee\nData Analyst at Foo\nOslo, Norway\nSummary\nLikes Contact sports.\nExperience\nFoo\n"
            "Analyst\nMay 2020 - June 2021 (1 year 2 months)\nEducation\nOslo College\nBA, Maths · (2016 - 2019)\n"
            "Contact\nkim@example.org\nTop Skills\nSQL\nContact\nSummary\n")
    doc = read_text(text)
    assert doc["basics"]["name"] == "Kim Lee"
    assert doc["basics"]["label"] == "Data Analyst at Foo"
    assert doc["basics"]["email"] == "kim@example.org"
    assert [s["name"] for s in doc["skills"]] == ["SQL", "Contact", "Summary"]
    assert doc["work"] == [{"name": "Foo", "position": "Analyst", "startDate": "2020-05", "endDate": "2021-06"}]
    assert doc["education"][0]["studyType"] == "BA"


def test_position_groups_end_at_their_tenure_and_companies_are_not_locations() -> None:
    text = ("Experience\nFoo\n5 years\nA\n2015 - 2019 (4 years)\nB\n2014 - 2015 (1 year)\nBar\nC\n"
            "2010 - 2012 (2 years)\nBaz Inc\n3 years\nD\n2008 - 2010 (2 years)\nRemote\nE\n2007 - 2008 (1 year)\n")
    work = read_text(text)["work"]
    assert [(w["name"], w["position"], w["startDate"]) for w in work] == [
        ("Foo", "A", "2015"), ("Foo", "B", "2014"), ("Bar", "C", "2010"), ("Baz Inc", "D", "2008"),
        ("Baz Inc", "E", "2007")]
    assert [w.get("workplaceType") for w in work] == [None, None, None, "remote", None]


def test_pdf_is_read_from_its_layout() -> None:
    pdf = profile_pdf(
        [("side-head", "Contact"), ("side", "mira@example.org"), ("side-head", "Top Skills"),
         ("side", "Signal Processing")],
        [("name", "Mira Okafor"), ("headline", "Research Engineer"), ("place", "Ghent, Flanders, Belgium"),
         ("head", "Experience"), ("company", "Lumen & Field Labs"), ("title", "Research Engineer"),
         ("dates", "March 2023 - Present (2 years 9 months)"), ("where", "Ghent · Hybrid"),
         ("head", "Education"), ("school", "Ghent Polytechnic"),
         ("degree", "Master of Science - MS, Electrical Engineering · (2009 - 2014)")])
    result = resumeconv.read(pdf)  # detected: LinkedIn's document info, no Europass XML inside
    doc = result.document
    assert doc["basics"] == {"name": "Mira Okafor", "label": "Research Engineer", "email": "mira@example.org",
                             "location": {"city": "Ghent", "region": "Flanders"}}
    assert doc["work"] == [{"name": "Lumen & Field Labs", "position": "Research Engineer", "startDate": "2023-03",
                            "workplaceType": "hybrid", "location": "Ghent"}]
    assert doc["education"] == [{"institution": "Ghent Polytechnic", "startDate": "2009", "endDate": "2014",
                                 "studyType": "Master of Science - MS", "area": "Electrical Engineering"}]
    assert doc["skills"] == [{"name": "Signal Processing"}]
    assert [str(x) for x in result.losses] == [
        "/basics/location: country 'Belgium' kept out: location.countryCode needs an ISO 3166 code"]


def test_broken_pdf_and_non_profile_text_are_input_errors() -> None:
    with pytest.raises(InputError, match="cannot read the PDF"):
        resumeconv.read(b"%PDF-1.4\nnot really", format="linkedin")
    with pytest.raises(InputError, match="no LinkedIn profile sections"):
        resumeconv.read(b"Dear editor,\nplease find\nattached\nmy paper.\n", format="linkedin")
    assert resumeconv.read(b"\n \n", format="linkedin").document == {}
    with pytest.raises(InputError, match="invalid UTF-8"):
        resumeconv.read(b"Contact\n\xff\n", format="linkedin")


# ------------------------------------------------------------------------------------------ export reader

def test_export_folder() -> None:
    result = resumeconv.read(EXPORT)
    doc = result.document
    assert doc["basics"]["name"] == "Mira Okafor"
    assert doc["basics"]["label"] == "Research Engineer & Lecturer"
    assert doc["basics"]["email"] == "mira@example.org"
    assert doc["basics"]["phone"] == "+32 9 555 0101"
    assert doc["basics"]["url"] == "https://okafor.example.org"
    assert doc["work"][0]["name"] == "Lumen & Field Labs"
    assert doc["work"][0]["highlights"] == ["Shipped the v2 array", "Cut noise by 30%"]
    assert doc["work"][2]["summary"] == 'Taught "Signals 101".'
    assert (doc["work"][2]["startDate"], doc["work"][2]["endDate"]) == ("2015", "2019")
    assert doc["publications"][0]["releaseDate"] == "2024-02-09"
    assert doc["publications"][0]["doi"] == "10.5555/okafor.2024.7"
    assert doc["languages"] == [{"language": "Dutch", "fluency": "Native or bilingual proficiency"},
                                {"language": "French"}]
    assert doc["awards"] == [{"title": "Young Engineer Prize", "date": "2022-10"}]
    pointers = [x.pointer for x in result.losses]
    assert "/education/0/area" in pointers
    assert "/publications/0/authors" in pointers


def test_export_zip_equals_folder_and_sniffs() -> None:
    data = export_zip(prefix="Basic_LinkedInDataExport_11-01-2025/")
    assert resumeconv.read(data).document == resumeconv.read(EXPORT).document


def test_export_2018_header_aliases() -> None:
    doc = resumeconv.read(export_zip(FIXTURES / "export-2018"), format="linkedin-export").document
    assert doc["awards"] == [{"title": "Dean's Medal", "summary": "For service", "awarder": "Harbor Institute",
                              "date": "2017-06"}]
    assert doc["projects"] == [{"name": "Tidebot", "description": "Buoy firmware",
                                "url": "https://code.example.org/tidebot", "startDate": "2016-04",
                                "endDate": "2017-09"}]
    assert doc["basics"]["phone"] == "+32 9 555 0199"


def test_export_other_sections() -> None:
    result = resumeconv.read(zip_bytes({
        "Recommendations_Received.csv": b"First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
                                        b"Ann,Lee,X,Y,Great colleague.,01/02/24,VISIBLE\nBo,Ng,X,Y,Hidden.,,HIDDEN\n",
        "Volunteering.csv": b"Company Name,Role,Cause,Started On,Finished On,Description\n"
                            b"CodeClub,Mentor,Education,Sep 2021,,Weekly club.\n",
        "Courses.csv": b"Name,Number\nStatistics,ST-1\n",
        "Organizations.csv": b"Name,Description,Position,Started On,Finished On\nIEEE,,Member,2019,\n",
        "Certifications.csv": b"Name,Url,Authority,Started On,Finished On,License Number\nFirst Aid,,Red Cross,,,\n",
    }), format="linkedin-export")
    assert result.document == {
        "references": [{"name": "Ann Lee", "reference": "Great colleague."}],
        "volunteer": [{"type": "volunteering", "organization": "CodeClub", "position": "Mentor",
                       "summary": "Weekly club.", "startDate": "2021-09"}],
        "certificates": [{"name": "First Aid", "issuer": "Red Cross"}],
    }
    assert [str(x) for x in result.losses] == [
        "/volunteer/0: Cause 'Education': JSON Resume volunteering has no cause field",
        "/education: course 'Statistics' (ST-1): LinkedIn courses are not linked to a degree",
        "/: organization 'IEEE' (Member): JSON Resume has no memberships",
    ]


def test_export_zip_path_traversal_is_refused() -> None:
    data = zip_bytes({"../Profile.csv": b"First Name\nEve\n"})
    with pytest.raises(UnsafeInputError, match=re.escape("unsafe member name '../Profile.csv'")):
        resumeconv.read(data, format="linkedin-export")
    with pytest.raises(UnsafeInputError, match=re.escape("unsafe member name '/etc/Skills.csv'")):
        resumeconv.read(zip_bytes({"/etc/Skills.csv": b"Name\n"}), format="linkedin-export")


def test_export_zip_bomb_is_refused() -> None:
    data = zip_bytes({"Skills.csv": b"Name\n" + b"a" * (20 << 20)})
    assert len(data) < 100_000
    with pytest.raises(UnsafeInputError, match=r"expands \d+ times"):
        resumeconv.read(data, format="linkedin-export")


def test_export_total_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RESUMECONV_MAX_INPUT_BYTES", "1000")
    data = zip_bytes({"Skills.csv": b"Name\n" + b"x\n" * 3000}, zipfile.ZIP_STORED)
    with pytest.raises(UnsafeInputError, match="expands to 6005 bytes"):
        resumeconv.read(data, format="linkedin-export")


def test_export_non_utf8_csv_names_file_and_place() -> None:
    data = zip_bytes({"Skills.csv": b"Name\nPython\nCaf\xe9\n"})
    with pytest.raises(InputError) as err:
        resumeconv.read(data, format="linkedin-export")
    assert str(err.value) == "<input>/Skills.csv:3:4: invalid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_export_malformed_csv_header_names_the_line() -> None:
    data = zip_bytes({"Positions.csv": b'Company Name,"Title"x\nA,B\n'})
    with pytest.raises(InputError) as err:
        resumeconv.read(data, format="linkedin-export")
    assert str(err.value) == "<input>/Positions.csv:1: bad CSV header: ',' expected after '\"'"


def test_export_bad_zip_and_empty_export() -> None:
    with pytest.raises(InputError, match="not a readable zip archive"):
        resumeconv.read(b"PK\x03\x04broken", format="linkedin-export")
    with pytest.raises(InputError, match="no LinkedIn export CSV"):
        resumeconv.read(zip_bytes({"messages.csv": b"a,b\n"}), format="linkedin-export")


# ------------------------------------------------------------------------------------------ CLI

def test_cli_converts_an_export_folder_and_writes_linkedin_text(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "cv.json"
    result = runner.invoke(main, ["convert", str(EXPORT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["basics"]["name"] == "Mira Okafor"
    assert "/education/0/area: the export has no field of study" in result.stderr
    text_out = tmp_path / "cv.linkedin.txt"
    result = runner.invoke(main, ["convert", str(out), "-o", str(text_out), "-O", "today=2025-11"])
    assert result.exit_code == 0, result.output
    assert "March 2023 - Present (2 years 9 months)" in text_out.read_text(encoding="utf-8")


def test_cli_directory_for_a_file_format_and_unsafe_zip(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(EXPORT), "-f", "json", "-t", "json"])
    assert result.exit_code == 2
    assert result.stderr == f"resumeconv: {EXPORT}: is a directory, not a file\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(main, ["convert", str(empty), "-f", "linkedin-export", "-t", "json"])
    assert result.exit_code == 2
    assert result.stderr == f"resumeconv: {empty}: no LinkedIn export CSV (Profile.csv, Positions.csv, ...) found\n"
    bad = tmp_path / "export.zip"
    bad.write_bytes(zip_bytes({"../../evil/Profile.csv": b"x"}))
    result = runner.invoke(main, ["convert", str(bad), "-t", "json"])
    assert result.exit_code == 2
    assert "unsafe member name '../../evil/Profile.csv'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path.parent / "evil").exists()


# ------------------------------------------------------------------------------------------ the reference person

def test_reference_export_and_profile_describe_the_same_person(shared: Path) -> None:
    base = shared / "reference" / "linkedin"
    pdf = resumeconv.read(base / "profile.txt", format="linkedin").document
    csv = resumeconv.read(base / "export").document

    def positions(doc: dict) -> list[tuple]:
        return [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in doc["work"]]

    assert positions(pdf) == positions(csv)
    assert len(positions(pdf)) == 5
    assert [e["institution"] for e in pdf["education"]] == [e["institution"] for e in csv["education"]]
    assert [(e.get("startDate"), e.get("endDate")) for e in pdf["education"]] == \
        [(e.get("startDate"), e.get("endDate")) for e in csv["education"]]
    top = [s["name"] for s in pdf["skills"]]
    assert top == [s["name"] for s in csv["skills"]][:3]
    assert [p["name"] for p in pdf["publications"]] == [p["name"] for p in csv["publications"]]
    assert [a["title"] for a in pdf["awards"]] == [a["title"] for a in csv["awards"]]
    assert [c["name"] for c in pdf["certificates"]] == [c["name"] for c in csv["certificates"]]
    assert pdf["languages"] == csv["languages"]
    for key in ("name", "label", "summary", "email", "phone", "url", "location"):
        assert pdf["basics"][key] == csv["basics"][key], key
    assert pdf["education"][0]["area"] == "Computational Neuroscience"
    assert [w.get("summary") for w in pdf["work"]] == [w.get("summary") for w in csv["work"]]


# ------------------------------------------------------------------------------------------ issue 16: "Also"

def test_export_certificate_url_without_a_scheme_gives_a_valid_document() -> None:
    result = resumeconv.read(zip_bytes({
        "Certifications.csv": b"Name,Url,Authority,Started On,Finished On,License Number\n"
                              b"First Aid,www.redcross.example.org/cert/1,Red Cross,,,\nCPR,see my profile,X,,,\n",
    }), format="linkedin-export")
    assert result.document["certificates"] == [
        {"name": "First Aid", "issuer": "Red Cross", "url": "https://www.redcross.example.org/cert/1"},
        {"name": "CPR", "issuer": "X"}]
    assert [str(x) for x in result.losses] == [
        "/certificates/0/url: Url 'www.redcross.example.org/cert/1' has no scheme: written as "
        "https://www.redcross.example.org/cert/1 (normalized)",
        "/certificates/1/url: Url 'see my profile': not a web address"]


def test_export_cli_certificate_url_without_a_scheme_validates(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(zip_bytes({"Certifications.csv": b"Name,Url,Authority\nFirst Aid,redcross.example.org/c,RC\n"}))
    out = tmp_path / "cv.json"
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", str(archive), "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "validate", str(out)], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_export_inline_bullets_become_highlights() -> None:
    doc = resumeconv.read(zip_bytes({
        "Positions.csv": "Company Name,Title,Description,Location,Started On,Finished On\n"
                         "Acme,Dev,Leads the team. • Shipped v2 • Cut noise by 30%,,Jan 2020,\n".encode(),
    }), format="linkedin-export").document
    assert doc["work"] == [{"name": "Acme", "position": "Dev", "startDate": "2020-01", "summary": "Leads the team.",
                            "highlights": ["Shipped v2", "Cut noise by 30%"]}]


def test_export_one_bad_row_is_reported_and_skipped() -> None:
    result = resumeconv.read(zip_bytes({
        "Positions.csv": b'Company Name,Title\nA,B\nA,"B"x\nC,D\nE,F,G\n',
        "Skills.csv": b"Name\nGo\n",
    }), format="linkedin-export")
    assert result.document == {"work": [{"name": "A", "position": "B"}, {"name": "C", "position": "D"}],
                               "skills": [{"name": "Go"}]}
    assert [str(x) for x in result.losses] == [
        "/work: Positions.csv: line 3: bad CSV (',' expected after '\"'); row skipped",
        "/work: Positions.csv: line 5: 3 fields where the header has 2; row skipped"]


FORMS = {
    "basics": {"name": "Ada Quill"},
    "publications": [{"name": "Sparse things", "venue": "NeurIPS", "releaseDate": "2021-03",
                      "authors": [{"name": "A. Quill"}, {"name": "B. Ray"}],
                      "url": "https://example.org/p", "summary": "On sparsity."}],
    "awards": [{"title": "Best Paper", "awarder": "ICML", "date": "2023-07", "summary": "Top paper."}],
    "certificates": [{"name": "Safety", "issuer": "HSE", "date": "2020-05", "url": "https://hse.example.org/c"}],
    "volunteer": [{"organization": "CodeClub", "position": "Mentor", "startDate": "2021-09", "summary": "Weekly."}],
    "projects": [{"name": "tool", "description": "A tool.", "startDate": "2022", "url": "https://tool.example.org"}],
}


def test_writer_fills_linkedins_forms_in_their_field_order() -> None:
    result = resumeconv.write(FORMS, "linkedin", today="2025-11")
    assert result.text == """\
Ada Quill

Certifications
Safety
  Issuing organization: HSE
  Issue date: May 2020
  Credential URL: https://hse.example.org/c

Honors-Awards
Best Paper
  Issuer: ICML
  Issue date: July 2023
  Description: Top paper.

Publications
Sparse things
  Publication: NeurIPS
  Publication date: March 2021
  Authors: A. Quill; B. Ray
  Publication URL: https://example.org/p
  Description: On sparsity.

Volunteering
CodeClub
  Role: Mentor
  Start date: September 2021
  Description: Weekly.

Projects
tool
  Description: A tool.
  Start date: 2022
  Project URL: https://tool.example.org
"""
    assert [str(x) for x in result.losses] == [
        "/basics/label: missing: LinkedIn requires a headline (normalized)",
        "/basics/location: missing: LinkedIn requires a location (normalized)"]
    back = resumeconv.read(result.data, format="linkedin").document
    assert back == FORMS


def test_writer_form_fields_report_what_linkedin_does_not_show() -> None:
    doc = {"basics": {"name": "A B", "label": "C", "location": {"city": "Leeds", "countryCode": "GB"}},
           "publications": [{"name": "P", "releaseDate": "2021-03-02", "authors": [{"name": "A B", "self": True}]}]}
    result = resumeconv.write(doc, "linkedin", today="2025-11")
    assert "  Publication date: March 2021\n  Authors: A B\n" in result.text
    assert [str(x) for x in result.losses][:2] == [
        "/publications/0/releaseDate: LinkedIn shows month and year only (normalized)",
        "/publications/0/authors/0: LinkedIn's author list holds names only"]


def test_writer_reports_text_over_linkedins_length_limits() -> None:
    doc = {"basics": {"name": "A B", "label": "x" * 221, "summary": "y" * 2601,
                      "location": {"city": "Leeds", "countryCode": "GB"}},
           "work": [{"name": "C", "position": "p" * 101, "startDate": "2020-01", "summary": "z" * 2001}]}
    result = resumeconv.write(doc, "linkedin", today="2025-11")
    assert "x" * 221 in result.text and "z" * 2001 in result.text  # written whole; LinkedIn would cut it
    assert [str(x) for x in result.losses] == [
        "/basics/label: 221 characters: LinkedIn's headline takes at most 220 (normalized)",
        "/basics/summary: 2601 characters: LinkedIn's About section takes at most 2600 (normalized)",
        "/work/0/position: 101 characters: LinkedIn's position title takes at most 100 (normalized)",
        "/work/0: the description is 2001 characters: LinkedIn's position description takes at most 2000 (normalized)"]


def test_writer_reports_nothing_lost_that_is_in_the_text() -> None:
    doc = {"basics": {"name": "Mira Okafor", "label": "Engineer", "location": {"city": "Ghent", "region": "Flanders"}}}
    result = resumeconv.write(doc, "linkedin", today="2025-11")
    assert "Ghent, Flanders" in result.text
    assert not [x for x in result.losses if x.reason.startswith("lost")]
    assert [str(x) for x in result.losses] == [
        "/basics/location/region: written as 'City, Region'; LinkedIn's text reads a place of two parts as city and "
        "country (normalized)"]


def test_position_dates_in_abbreviations_and_other_languages_are_read() -> None:
    from resumeconv.formats.linkedin.reader import read_text

    text = ("Jo Bloggs\nEngineer\n\nExperience\nAcme\nEngineer\nSept. 2020 - Present (1 year)\nBuilt things.\n\n"
            "Beta\nIntern\njanv. 2019 - déc. 2019 (1 an)\nin 2019 - 2020 we grew.\n")
    doc, _ = read_text(text, None)
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in doc["work"]] == [
        ("Acme", "Engineer", "2020-09", None), ("Beta", "Intern", "2019-01", "2019-12")]
    assert doc["work"][1]["summary"] == "in 2019 - 2020 we grew."


def test_the_sample_profile_text_is_detected_from_its_content_alone() -> None:
    """On stdin there is no name: the sample's long Honors-Awards list pushes 'Experience' past the 8 KiB head."""
    text = (ROOT / "samples" / "yihua-zhang.linkedin.txt").read_bytes()
    assert text.find(b"\nExperience\n") > 8192
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", "-", "-t", "json"], input=text,
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["basics"]["name"] == "Yihua Zhang"
