"""LinkedIn "Save to PDF" files read from their layout (issue 16): one test per defect, on real fixtures.

Real PDFs come from ../shared/corpus/linkedin-pdf (skipped when absent) and, for the localised UIs, from a folder
outside the repository (RESUMECONV_LINKEDIN_FETCHED, default /work/fetched/linkedin; see docs/linkedin.md for how
to fetch them); those tests skip when the files are absent. PDFs made here (tests/linkedin_pdf.py) are invented.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import resumeconv
from linkedin_pdf import classic_pdf, profile_pdf
from resumeconv.core.errors import InputError
from resumeconv.formats._pdf import Pdf, open_pdf
from resumeconv.formats.linkedin.dateline import When, parse_range, parse_when
from resumeconv.formats.linkedin.layout import layout_of

FETCHED = Path(os.environ.get("RESUMECONV_LINKEDIN_FETCHED", "/work/fetched/linkedin"))


@pytest.fixture
def corpus(shared: Path) -> Path:
    folder = shared / "corpus" / "linkedin-pdf"
    if not folder.is_dir():
        pytest.skip(f"the LinkedIn PDF corpus is absent ({folder})")
    return folder


def fetched(lang: str) -> Path:
    path = FETCHED / f"{lang}.pdf"
    if not path.is_file():
        pytest.skip(f"{path} is absent (fetch it as docs/linkedin.md says)")
    return path


def read(path: Path) -> resumeconv.ReadResult:
    return resumeconv.read(path, format="linkedin")


def values(doc: Any) -> list[str]:
    if isinstance(doc, dict):
        return [v for x in doc.values() for v in values(x)]
    if isinstance(doc, list):
        return [v for x in doc for v in values(x)]
    return [str(doc)]


# ------------------------------------------------------------- 1. headings in any UI language, by their style

def test_spanish_pdf_gives_the_name_and_one_certificate() -> None:
    result = read(fetched("es"))
    doc = result.document
    assert doc["basics"]["name"] == "Antonio Silván Guerrero"
    assert doc["certificates"] == [{"name": "Oracle Certified Associate, Java SE 8 Programmer"}]
    assert [w["startDate"] for w in doc["work"][:2]] == ["2023-01", "2015-09"]  # "enero de 2023"
    assert doc["work"][1]["endDate"] == "2022-12"
    assert [e["institution"] for e in doc["education"]][1] == "E.U.I.T. Informática y Telemática de Gijón"


@pytest.mark.parametrize("lang", ["pt", "pl"])
def test_portuguese_and_polish_pdfs_are_read(lang: str) -> None:
    doc = read(fetched(lang)).document
    expected = json.loads((Path(__file__).parent / "fixtures" / "linkedin" / "expected" / f"{lang}.json").read_text())
    assert doc["basics"]["name"] == expected["basics"]["name"]
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in doc["work"]] == \
        [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in expected["work"]]
    assert [e["institution"] for e in doc["education"]] == [e["institution"] for e in expected["education"]]


def test_a_ui_language_in_no_table_is_read_by_layout() -> None:
    """Esperanto-like headings that no word table has: name, headline, positions and schools still come from the
    layout; a sidebar section that can be told neither by word nor by content is a loss, not another section."""
    pdf = profile_pdf(
        [("side-head", "Kontaktoj"), ("side", "ana@example.org"), ("side-head", "Plej Kapabloj"), ("side", "Rust"),
         ("side", "Go")],
        [("name", "Ana Sorin"), ("headline", "Ingeniero"), ("place", "Cluj, Cluj County, Romania"),
         ("head", "Resumo"), ("summary", "Mi konstruas sistemojn."),
         ("head", "Sperto"), ("company", "Nubo SA"), ("title", "Ingeniero"), ("dates", "2020 - 2023 (3 jaroj)"),
         ("text", "Konstruis datumbazon."),
         ("head", "Edukado"), ("school", "Universitato Babes"), ("degree", "Magistro, Informatiko · (2014 - 2016)")])
    result = resumeconv.read(pdf, format="linkedin")
    doc = result.document
    assert doc["basics"]["name"] == "Ana Sorin"
    assert doc["basics"]["summary"] == "Mi konstruas sistemojn."
    assert doc["basics"]["email"] == "ana@example.org"
    assert doc["work"] == [{"name": "Nubo SA", "position": "Ingeniero", "startDate": "2020", "endDate": "2023",
                            "summary": "Konstruis datumbazon."}]
    assert doc["education"] == [{"institution": "Universitato Babes", "startDate": "2014", "endDate": "2016",
                                 "studyType": "Magistro", "area": "Informatiko"}]
    assert "skills" not in doc
    assert "section 'Plej Kapabloj' (2 lines) was not recognised and is left out" in [x.reason for x in result.losses]


def test_a_month_in_no_known_language_keeps_the_year_and_says_so() -> None:
    assert parse_range("kvietnio 2021 - gruodis 2022 (1 m.)") is not None
    pdf = profile_pdf([], [("name", "Ana Sorin"), ("head", "Sperto"), ("company", "Nubo SA"), ("title", "Dev"),
                           ("dates", "kvietnio 2021 - Present (1 m.)"), ("head", "Edukado"), ("school", "U"),
                           ("degree", "BSc · (2010 - 2013)")])
    result = resumeconv.read(pdf, format="linkedin")
    assert result.document["work"] == [{"name": "Nubo SA", "position": "Dev", "startDate": "2021"}]
    assert "/work/0: the month in 'kvietnio 2021 - Present (1 m.)' is in no known language; the year alone is kept" \
        in [str(x) for x in result.losses]


# ------------------------------------------------------------- 2. Experience never vanishes into the summary

def test_every_experience_section_is_read(corpus: Path) -> None:
    for pdf in sorted((corpus / "alexanderpico").glob("*.pdf")):
        expected = json.loads((pdf.parent / f"{pdf.stem}.expected.json").read_text())
        doc = read(pdf).document
        assert len(doc["work"]) == len(expected["work"]), pdf.name
        assert doc["work"][0]["name"] not in doc["basics"].get("summary", "")[-200:] or pdf.stem == "li", pdf.name


# ------------------------------------------------------------- 3. one-page PDFs

def test_a_one_page_pdf_has_no_footer_in_its_values() -> None:
    doc = read(fetched("pl")).document
    assert not [v for v in values(doc) if "Page 1" in v]
    assert doc["education"][-1] == {"institution": "Wyższa Szkoła Bankowa w Poznaniu", "studyType": "Inżynier (Inż.)",
                                     "area": "Informatyka", "startDate": "2014", "endDate": "2017"}


def test_a_generated_one_page_pdf_has_no_footer_in_its_values() -> None:
    doc = resumeconv.read(profile_pdf([], [("name", "Ana Sorin"), ("head", "Education"), ("school", "U"),
                                           ("degree", "BSc, Physics · (2010 - 2013)")]), format="linkedin").document
    assert doc["education"] == [{"institution": "U", "studyType": "BSc", "area": "Physics", "startDate": "2010",
                                 "endDate": "2013"}]


# ------------------------------------------------------------- 4. two-line job titles

def test_a_two_line_title_stays_one_title(corpus: Path) -> None:
    work = read(corpus / "gigvistas" / "profile.pdf").document["work"]
    assert work[4] == {"name": "ANZ", "position": "Head of Asia Pacific Distribution & Sales, ANZ Consumer Bank, "
                       "Singapore", "startDate": "2009-02", "endDate": "2009-12", "location": "Singapore",
                       **{k: work[4][k] for k in ("summary", "highlights") if k in work[4]}}
    assert work[5]["name"] == "Standard Chartered Bank"


def test_a_two_line_company_stays_one_company(corpus: Path) -> None:
    work = read(corpus / "alexanderpico" / "karamarie.pdf").document["work"]
    assert work[2]["name"] == "Department of Anesthesiology, School of Medicine, University of North Carolina at " \
        "Chapel Hill"


# ------------------------------------------------------------- 5. names with credentials or parentheses

@pytest.mark.parametrize(("name", "expected"), [("kanishka", "Kanishka Manna, PhD"),
                                                ("cathrine", "Cathrine Sant (Petersen)"),
                                                ("brianna", "Brianna Swanson - SHRM-CP")])
def test_names_with_credentials(corpus: Path, name: str, expected: str) -> None:
    assert read(corpus / "alexanderpico" / f"{name}.pdf").document["basics"]["name"] == expected


# ------------------------------------------------------------- 6. sidebar items and wrapped degree lines

def test_sidebar_items_neither_merge_nor_split(corpus: Path) -> None:
    doc = read(corpus / "alexanderpico" / "alex.pdf").document
    assert [c["name"] for c in doc["certificates"]] == ["Computing for Data Analysis", "Data Analysis",
                                                        "Programming Languages", "Synapses, Neurons and Brains"]
    assert doc["publications"][0] == {"name": "Mining Biological Pathways Using WikiPathways Web Services"}
    assert len(doc["publications"]) == 5
    assert [a["title"] for a in read(corpus / "alexanderpico" / "cathrine.pdf").document["awards"]] == [
        "Jeffery A. Winer Memorial Prize in Neurobiology", "Molecular & Cell Biology Departmental Honors",
        "Statistics Departmental Honors", "AAIC 2018 Travel Fellowship", "PFLAG Scholarship"]


def test_a_wrapped_degree_line_is_one_degree(corpus: Path) -> None:
    education = read(corpus / "alexanderpico" / "karamarie.pdf").document["education"]
    assert len(education) == 5
    assert education[0] == {"institution": "University of North Carolina at Chapel Hill",
                            "studyType": "Graduate Certificate",
                            "area": "Core Public Health Concepts, School of Public Health",
                            "startDate": "2006", "endDate": "2009"}


# ------------------------------------------------------------- 7. only LinkedIn's PDFs are read as LinkedIn

def test_a_pdf_linkedin_did_not_make_is_not_detected_but_is_read_when_forced(tmp_path: Path) -> None:
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(profile_pdf([("side-head", "Contact"), ("side", "jo@example.org")],
                               [("name", "Jo Bloggs"), ("head", "Experience"), ("company", "Acme"), ("title", "Dev"),
                                ("dates", "2020 - 2021"), ("head", "Education"), ("school", "U")], author=None))
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", str(cv), "-t", "json", "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert not out.exists()
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", str(cv), "-f", "linkedin", "-t", "json",
                           "-o", str(out), "-v"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["work"] == [{"name": "Acme", "position": "Dev", "startDate": "2020",
                                                    "endDate": "2021"}]
    assert ("/: this PDF has no mark of LinkedIn's 'Save to PDF' (/Author LinkedIn, or the 2014-2017 layout's "
            "numbered pages); read as the current layout because the format was given: check the result") \
        in proc.stderr


def test_a_linkedin_pdf_without_headings_is_refused_not_guessed() -> None:
    pdf = profile_pdf([], [("name", "Jo Bloggs"), ("headline", "Dev"), ("summary", "Some text.")])
    with pytest.raises(InputError, match="no LinkedIn profile structure found"):
        resumeconv.read(pdf, format="linkedin")


# ------------------------------------------------------------- 8. long sidebars keep their places

def test_a_long_sidebar_keeps_every_item(corpus: Path) -> None:
    doc = read(corpus / "alexanderpico" / "kanishka.pdf").document
    assert len(doc["certificates"]) == 4
    assert len(doc["publications"]) == 3
    assert doc["awards"] == [{"title": "Outstanding Doctoral Student Award"}]
    assert [x["language"] for x in doc["languages"]] == ["English", "Hindi", "Bengali"]


# ------------------------------------------------------------- the 2014-2017 layout

def test_the_2014_2017_layout(corpus: Path) -> None:
    result = read(corpus / "isaacmast" / "AndrewAng.pdf")
    doc = result.document
    assert doc["basics"]["name"] == "Andrew Ang"
    assert doc["basics"]["label"] == "Data Engineer at Harvard"
    assert [(w["position"], w["name"], w.get("startDate"), w.get("endDate")) for w in doc["work"]] == [
        ("Data Engineer", "Harvard University", "2016", None),
        ("Data Analyst", "Harvard Stem Cell Institute", "2014", "2015"),
        ("Research Assistant", "MIT Laboratory for Financial Engineering", "2013", "2015"),
        ("Summer Research Student", "Dana-Farber Cancer Institute", "2011", "2013")]
    assert doc["volunteer"][0]["organization"] == "Phillips Academy"
    assert not [v for v in values(doc) if v.startswith(("Page", "Contact Andrew"))]


def test_no_2014_2017_name_is_page_1(corpus: Path) -> None:
    for pdf in sorted((corpus / "isaacmast").glob("*.pdf")):
        expected = json.loads((pdf.parent / f"{pdf.stem}.expected.json").read_text())
        assert read(pdf).document["basics"]["name"] == expected["name"], pdf.name


# ------------------------------------------------------------- 2014-2017 files without the profile link (issue 25)

_CLASSIC = [[("name", "Jo Bloggs"), ("headline", "Engineer at Acme"), ("email", "jo@example.org"),
             ("head", "Experience"), ("title", "Engineer at Acme"), ("text", "janv. 2019 - Present (2 years)"),
             ("text", "Built things."), ("title", "Intern  at   Beta Labs"), ("text", "Sept. 2017 - Dec 2018")],
            [("head", "Education"), ("title", "Universität Wien"), ("text", "Master, Informatik, 2010 - 2012")]]


def test_a_2014_2017_pdf_without_the_profile_link_is_detected_and_read(tmp_path: Path) -> None:
    cv = tmp_path / "Profile.pdf"
    cv.write_bytes(classic_pdf(_CLASSIC))
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", str(cv), "-t", "json", "-o", str(out)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert doc["basics"] == {"name": "Jo Bloggs", "label": "Engineer at Acme", "email": "jo@example.org"}
    assert doc["work"] == [{"position": "Engineer", "name": "Acme", "startDate": "2019-01", "summary": "Built things."},
                           {"position": "Intern", "name": "Beta Labs", "startDate": "2017-09", "endDate": "2018-12"}]
    assert doc["education"] == [{"institution": "Universität Wien", "startDate": "2010", "endDate": "2012",
                                 "studyType": "Master", "area": "Informatik"}]


@pytest.mark.parametrize(("footer", "creator"), [("Page {n}", None), ("Seite {n}", None), ("Page{n}", "null")])
def test_2014_2017_detection_rests_on_the_layout(footer: str, creator: str | None) -> None:
    pdf = open_pdf(classic_pdf(_CLASSIC, footer=footer, creator=creator), None)
    assert layout_of(pdf) == "2014-2017"


def test_a_one_column_pdf_without_numbered_pages_is_not_claimed_but_is_read_when_forced() -> None:
    pdf = classic_pdf(_CLASSIC, footer="Draft")
    assert layout_of(open_pdf(pdf, None)) is None
    result = resumeconv.read(pdf, format="linkedin")
    assert result.document["basics"]["name"] == "Jo Bloggs"
    assert result.losses[0].reason.startswith("this PDF has no mark of LinkedIn's 'Save to PDF'")
    assert "read as the 2014-2017 layout" in result.losses[0].reason


def test_every_2014_2017_corpus_file_is_detected_without_its_link(corpus: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(Pdf, "links", lambda self: [])
    files = sorted((corpus / "isaacmast").glob("*.pdf"))
    assert len(files) == 49
    assert [f.name for f in files if layout_of(open_pdf(f.read_bytes(), str(f))) != "2014-2017"] == []
    current = sorted((corpus / "alexanderpico").glob("*.pdf"))
    assert [f.name for f in current if layout_of(open_pdf(f.read_bytes(), str(f))) != "current"] == []


def test_a_date_side_without_a_date_is_unreadable_not_ongoing() -> None:
    assert parse_when("Present") == When(None, ongoing=True)
    assert parse_when("heute") == When(None, ongoing=True)
    assert parse_when("bientôt") == When(None, unreadable=True)
    assert parse_when("ene. 2019") == When("2019-01")
    pdf = classic_pdf([[("name", "Jo Bloggs"), ("head", "Experience"), ("title", "Dev at Acme"),
                        ("text", "2019 - sometime")]])
    result = resumeconv.read(pdf, format="linkedin")
    assert result.document["work"] == [{"position": "Dev", "name": "Acme", "startDate": "2019"}]
    assert "/work/0: the end date in '2019 - sometime' could not be read; left out (not read as ongoing)" \
        in [str(x) for x in result.losses]
