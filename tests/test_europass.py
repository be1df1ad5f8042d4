"""Europass Candidate and v3 SkillsPassport: round trips, real exports, XSD validity, PDFs, losses and safety."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

import resumeconv
from conftest import ROOT, SAMPLE_JSON
from lossaccounting import uncovered
from resumeconv.cli import main
from resumeconv.core import phones
from resumeconv.core.errors import InputError, UnsafeInputError
from resumeconv.core.losses import differences
from resumeconv.formats import detect
from resumeconv.formats._europass import fields, names

FIXTURES = ROOT / "tests" / "fixtures" / "europass"
CANDIDATE_NS = "http://www.europass.eu/1.0"
V3_XSD = Path("reference/europass/v3/EuropassSchema.xsd")
REAL_CANDIDATES = ["reference/europass/current/examples/j0ker98-full.xml",
                   "reference/europass/current/examples/j0ker98-minimal.xml",
                   "corpus/europass/macel94__MACEL94__candidate-attachment.xml",
                   "corpus/europass/FATelarico__EuropassXML_to_ReactiveResumeJSON__candidate-sample.xml"]
V3_FILES = ["reference/europass/v3/examples/Europass-CV-Smith.xml",
            "reference/europass/v3/examples/Europass_CV_ESP_CL_LP_V3.4.0_Example.xml",
            "reference/europass/v3/examples/Europass_CV_V3.4.0_Example.xml",
            "reference/europass/v3/examples/Europass_CVwithCL_V3.4.0_Example.xml",
            "reference/europass/v3/examples/europass-cv-example-v3.4.0.xml",
            "corpus/europass/macel94__MACEL94__skillspassport-v3.4.xml",
            "corpus/europass/alejandrosantana__pyEuropass__skillspassport-v3.2-restws.xml"]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Candidate xmlns="http://www.europass.eu/1.0">&lol3;</Candidate>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass" locale="en">&xxe;</SkillsPassport>"""


def _sample() -> dict[str, Any]:
    return json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))


def _round_trip(fmt: str, doc: dict[str, Any], **options: Any) -> tuple[dict[str, Any], list[resumeconv.Loss]]:
    out = resumeconv.write(doc, fmt, **options)
    return resumeconv.read(out.data, format=fmt).document, out.losses


# ---------------------------------------------------------------- Candidate round trip

def test_candidate_round_trip_keeps_person_positions_degrees_publications_honours() -> None:
    doc = _sample()
    back, _ = _round_trip("europass", doc)
    basics, again = doc["basics"], back["basics"]
    assert again["name"] == basics["name"] == "Yihua Zhang"
    assert again["email"] == basics["email"]
    assert again["phone"] == "+1 5179803880"
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in back["work"]] == \
        [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in doc["work"]]
    assert [(e["institution"], e["studyType"], e.get("area"), e.get("startDate"), e.get("endDate"))
            for e in back["education"]] == \
        [(e["institution"], e["studyType"], e.get("area"), e.get("startDate"), e.get("endDate"))
         for e in doc["education"]]
    assert len(back["publications"]) == len(doc["publications"]) == 34
    for mine, theirs in zip(doc["publications"], back["publications"], strict=True):
        assert theirs["name"] == mine["name"]
        assert theirs["releaseDate"][:4] == mine["releaseDate"][:4]
        assert theirs["authors"] == mine["authors"]
    assert [a["title"] for a in back["awards"]] == [a["title"] for a in doc["awards"]]
    assert len(back["awards"]) == 12
    assert back["meta"]["mentees"] == doc["meta"]["mentees"]
    assert back["basics"]["metrics"] == basics["metrics"]
    assert back["projects"] == doc["projects"]
    assert [{k: v for k, v in x.items() if k != "type"} for x in back["volunteer"]] == [
        {k: v for k, v in x.items() if k != "type"} for x in doc["volunteer"]]
    # No 'Type: reviewing' lines: voluntary work says it by its section, memberships come back as 'other'.
    assert [x.get("type") for x in back["volunteer"]] == [None, None, "other", "other"]


def test_the_sample_needs_no_catch_all_report() -> None:
    """Every change the sample goes through has its own reason; the self-check net stays empty."""
    for fmt in ("europass", "europass-v3"):
        losses = resumeconv.write(_sample(), fmt, **_created(fmt)).losses
        assert [str(x) for x in losses if "does not keep" in x.reason] == []


def test_candidate_round_trip_differences_are_all_in_the_loss_report() -> None:
    doc = _sample()
    back, losses = _round_trip("europass", doc)
    differing = [ptr for ptr, _ in differences(doc, back)]
    groups = [f"/publications/{i}/group" for i in range(len(doc["publications"]))]
    service = [f"/volunteer/{i}/type" for i in range(4)]
    assert differing == ["/$schema", "/basics/phone", "/work/0/location", "/work/1/location", "/work/4/location",
                         *service, "/education/0/location", *groups, "/meta/publicationsOverview", "/meta/source"]
    assert uncovered(doc, back, losses) == []
    reasons = {x.pointer: x for x in losses}
    assert reasons["/basics/phone"].kind == "normalization"
    assert reasons["/meta/source"].kind == "loss"
    assert back["work"][0]["location"] == "San Jose, United States"
    assert reasons["/work/0/location"].reason == ("written as city 'San Jose' and country US; reads back as "
                                                  "'San Jose, United States'")
    assert reasons["/volunteer/2/type"].reason == ("Europass (Candidate) has no field for the kind of service; left "
                                                   "out, and its position says it in words")
    assert reasons["/publications/0/group"].reason == ("Europass (Candidate) lists publications without the CV's "
                                                       "headings")


def test_candidate_writes_labels_and_levels_as_losses() -> None:
    doc = {"basics": {"name": "Ada Lovelace", "label": "Analyst", "phone": "555 0100"},
           "skills": [{"name": "Python", "level": "Master", "keywords": ["lxml"]}]}
    losses = {x.pointer: x.reason for x in resumeconv.write(doc, "europass").losses}
    assert losses["/basics/label"] == "Candidate has no label or headline"
    assert losses["/skills/0/level"] == "Candidate has no skill levels"
    assert losses["/basics/phone"] == ("no +country code in the number (no location.countryCode to take it from), "
                                       "and Europass requires one")


def test_candidate_publication_description_keeps_authors_marks_and_venue() -> None:
    """Authors and venue have no Candidate element: an author line and a venue line, as a reader expects them."""
    doc = {"basics": {"name": "Ada Lovelace"},
           "publications": [{"name": "Notes", "releaseDate": "1843", "doi": "10.1234/x.1", "url": "https://e.org/n",
                             "authors": [{"name": "C. Babbage", "equalContribution": True},
                                         {"name": "A. Lovelace", "self": True, "equalContribution": True},
                                         {"name": "L. Menabrea"}],
                             "venue": {"name": "Scientific Memoirs", "short": "SM'43"}, "volume": "3",
                             "type": "journal-article", "summary": "Translated and annotated.",
                             "notes": ["Note G: the first program"]}]}
    out = resumeconv.write(doc, "europass")
    root = etree.fromstring(out.data)
    pub = root.find(f".//{{{CANDIDATE_NS}}}Publication")
    assert [etree.QName(c).localname for c in pub] == ["FormattedPublicationDescription", "Title", "Year", "Link",
                                                       "DOI"]
    description = pub.find("{http://www.hr-xml.org/3}FormattedPublicationDescription").text
    assert description == ("<p>C. Babbage*, <strong>A. Lovelace*</strong>, L. Menabrea</p>"
                           "<p><em>Scientific Memoirs</em> (SM'43), vol. 3, journal article</p>"
                           "<p>Translated and annotated.</p><ul><li>Note G: the first program</li></ul>")
    assert ":" not in description.split("<ul>")[0]  # no 'Key: value' lines
    assert pub.findtext(f"{{{CANDIDATE_NS}}}Year") == "1843"
    assert pub.findtext(f"{{{CANDIDATE_NS}}}DOI/{{{CANDIDATE_NS}}}Link") == "https://doi.org/10.1234/x.1"
    back = resumeconv.read(out.data, format="europass").document["publications"][0]
    assert back == doc["publications"][0]
    kinds = {x.pointer: x.kind for x in out.losses}
    assert kinds["/publications/0/authors"] == kinds["/publications/0/venue"] == "normalization"


@pytest.mark.parametrize("shape", ["<DOI><Value>10.5/abc</Value></DOI>", "<DOI><Link>https://doi.org/10.5/abc</Link></DOI>",
                                   "<DOI><Link>doi:10.5/abc</Link></DOI>", "<DOI>10.5/abc</DOI>"])
def test_candidate_reader_takes_every_doi_shape(shape: str) -> None:
    data = (f'<Candidate xmlns="{CANDIDATE_NS}" xmlns:hr="http://www.hr-xml.org/3"><CandidatePerson><PersonName>'
            '<hr:FamilyName>X</hr:FamilyName></PersonName></CandidatePerson><CandidateProfile><PublicationHistory>'
            f'<Publication><Title>T</Title><Year>2020</Year><Reference/>{shape}</Publication></PublicationHistory>'
            '</CandidateProfile></Candidate>').encode()
    result = resumeconv.read(data, format="europass")
    assert result.document["publications"] == [{"name": "T", "releaseDate": "2020", "doi": "10.5/abc"}]
    assert result.losses == []


# ---------------------------------------------------------------- v3 round trip and XSD

def test_v3_round_trip_keeps_what_v3_can_hold() -> None:
    doc = _sample()
    back, losses = _round_trip("europass-v3", doc, created="2025-11-03T00:00:00Z")
    assert back["basics"]["name"] == "Yihua Zhang"
    assert back["basics"]["email"] == doc["basics"]["email"]
    assert back["basics"]["phone"] == doc["basics"]["phone"] == "(+1) 5179803880"
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in back["work"]] == \
        [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in doc["work"]]
    assert [(e["institution"], e["studyType"], e.get("startDate"), e.get("endDate")) for e in back["education"]] \
        == [(e["institution"], e["studyType"], e.get("startDate"), e.get("endDate")) for e in doc["education"]]
    assert [(p["name"], p["releaseDate"]) for p in back["publications"]] == \
        [(p["name"], p["releaseDate"]) for p in doc["publications"]]
    assert [a["title"] for a in back["awards"]] == [a["title"] for a in doc["awards"]]
    assert back["meta"]["publicationsOverview"] == doc["meta"]["publicationsOverview"]
    assert back["volunteer"] == doc["volunteer"]
    assert uncovered(doc, back, losses) == []
    kinds = {x.pointer: (x.kind, x.reason) for x in losses}
    assert kinds["/publications/0/authors"][0] == "normalization"
    assert "no structured authors" in kinds["/publications/0/authors"][1]
    assert back["basics"]["summary"] == doc["basics"]["summary"]
    assert kinds["/publications/0/authors/0/self"] == ("loss", "Europass v3 keeps authors as printed names only")
    assert kinds["/awards/0/date"] == ("normalization",
                                       "v3 has no dates on achievements: written as text after the title")


def test_v3_output_of_the_sample_validates_against_the_official_xsd(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "cv.europass-v3.xml"
    result = CliRunner().invoke(main, ["convert", str(SAMPLE_JSON), "-t", "europass-v3", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(shared / V3_XSD), parser))
    assert schema.validate(etree.parse(str(out), parser)), schema.error_log
    assert etree.parse(str(out)).findtext(".//{http://europass.cedefop.europa.eu/Europass}XSDVersion") == "V3.4"


def test_v3_writes_languages_with_the_xsd_codes_and_reads_them_back(shared: Path) -> None:
    doc = {"basics": {"name": "Ada Lovelace"},
           "languages": [{"language": "Deutsch", "fluency": "Native speaker"},
                         {"language": "Latin", "fluency": "Native speaker"},
                         {"language": "Français", "cefr": {"reading": "B2"}},
                         {"language": "Klingon", "cefr": {"reading": "A1"}}]}
    out = resumeconv.write(copy.deepcopy(doc), "europass-v3")
    root = etree.fromstring(out.data)
    described = [(d.findtext("{*}Code"), d.findtext("{*}Label")) for d in root.iter("{*}Description")
                 if d.find("{*}Label") is not None]
    # Latin is on the XSD's list of foreign languages only, Klingon on neither.
    assert described == [("de", "Deutsch"), (None, "Latin"), ("fr", "Français"), (None, "Klingon")]
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(shared / V3_XSD), parser))
    assert schema.validate(etree.fromstring(out.data, parser).getroottree()), schema.error_log
    back = resumeconv.read(out.data, "europass-v3")
    assert [x["language"] for x in back.document["languages"]] == ["Deutsch", "Latin", "Français", "Klingon"]
    assert back.losses == []


def test_v3_dates_keep_their_precision_as_attributes() -> None:
    doc = {"basics": {"name": "Grace Hopper"},
           "work": [{"name": "Navy", "position": "Programmer", "startDate": "1944-07", "endDate": "1946-08-31"}]}
    root = etree.fromstring(resumeconv.write(doc, "europass-v3", created="2020-01-01T00:00:00Z").data)
    ns = "{http://europass.cedefop.europa.eu/Europass}"
    period = root.find(f".//{ns}WorkExperience/{ns}Period")
    assert dict(period.find(f"{ns}From").attrib) == {"year": "1944", "month": "--07"}
    assert dict(period.find(f"{ns}To").attrib) == {"year": "1946", "month": "--08", "day": "---31"}
    assert period.findtext(f"{ns}Current") == "false"


# ---------------------------------------------------------------- real exports

def test_candidate_reads_real_exports_with_dates(shared: Path) -> None:
    full = resumeconv.read(shared / REAL_CANDIDATES[0], format="europass").document
    assert full["basics"]["name"] == "Giulia Rossi"
    assert [(w["name"], w["position"], w.get("startDate"), w.get("endDate")) for w in full["work"]] == [
        ("Meccanica Padana Srl", "Impiegata amministrativo-contabile", "2019-09", None),
        ("Studio Bianchi & Associati", "Addetta alla contabilità", "2015-03", "2019-08")]
    assert [(e["institution"], e["studyType"], e.get("startDate"), e.get("endDate")) for e in full["education"]] == [
        ("Università di Bologna", "Laurea triennale in Economia aziendale", "2010", "2014"),
        ("ITC Rosa Luxemburg", "Diploma di ragioneria", None, "2010")]
    assert full["education"][0]["score"] == "105/110"
    assert full["languages"][1] == {"language": "English", "cefr": {"listening": "B2", "reading": "B2",
                                                                "spokenInteraction": "B1", "spokenProduction": "B1",
                                                                "writing": "B2"}}
    macel = resumeconv.read(shared / REAL_CANDIDATES[2], format="europass").document
    assert macel["basics"]["name"] == "Francesco Belacca"
    assert macel["basics"]["phone"] == "+39 3927192565"
    assert [(w["name"], w.get("startDate"), w.get("endDate")) for w in macel["work"]] == [
        ("Vetrya", "2021-06-06", None), ("Credemtel", "2019-09-01", "2021-06-03"),
        ("Amaris", "2018-09-02", "2019-08-31"), ("Ericsoft", "2016-05-08", "2018-08-29")]
    assert (macel["education"][0]["institution"], macel["education"][0]["startDate"],
            macel["education"][0]["endDate"], macel["education"][0]["thesis"]) == \
        ("Università Carlo Bo", "2013-09-12", "2020-06-25", "Il framework Blazor")


@pytest.mark.parametrize("name", REAL_CANDIDATES)
def test_every_real_candidate_export_reads_with_a_name_and_its_leftovers_reported(shared: Path, name: str) -> None:
    result = resumeconv.read(shared / name, format="europass")
    assert result.document["basics"]["name"]
    assert result.document["work"] and result.document["education"]
    honest = ("has no place in JSON Resume", "the reader does not know which JSON Resume section it is",
              "JSON Resume education entries have no description")
    assert all(any(words in x.reason for words in honest) for x in result.losses)


def test_fatelarico_export_reads_its_seminar_and_scholar_profile(shared: Path) -> None:
    result = resumeconv.read(shared / REAL_CANDIDATES[3], format="europass")
    doc = result.document
    assert doc["basics"]["name"] == "Fabio Ashtar Telarico"
    assert doc["work"][0]["startDate"] == "2021-10" and "endDate" not in doc["work"][0]
    assert {"network": "Google Scholar", "url": "https://scholar.google.com/citations?user=CWuXof4AAAAJ"} in \
        doc["basics"]["profiles"]
    assert doc["projects"][0]["startDate"] == "2022-10-26"
    assert any(x.pointer == "/basics" and "hr:BirthDate '1998'" in x.reason for x in result.losses)


@pytest.mark.parametrize("name", V3_FILES)
def test_v3_reads_official_examples_and_corpus_files(shared: Path, name: str) -> None:
    doc = resumeconv.read(shared / name, format="europass-v3").document
    assert doc["basics"]["name"]
    assert doc["work"]


def test_v3_reads_an_official_example_that_fails_its_own_xsd(shared: Path) -> None:
    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(shared / V3_XSD), parser))
    path = shared / "reference/europass/v3/examples/europass-cv-example-v3.4.0.xml"
    assert not schema.validate(etree.parse(str(path), parser))
    doc = resumeconv.read(path, format="europass-v3").document
    assert doc["basics"]["name"] == "Betty Smith"
    assert (doc["work"][1]["position"], doc["work"][1]["startDate"], doc["work"][1]["endDate"]) == \
        ("Internship", "2002-03", "2002-07")
    assert (doc["education"][1]["institution"], doc["education"][1]["startDate"]) == ("Brunel University", "1993")


# ---------------------------------------------------------------- structure

def _layout(root: etree._Element) -> tuple[list[str], list[str]]:
    profile = root.find(f"{{{CANDIDATE_NS}}}CandidateProfile")
    return [etree.QName(c).text for c in root], [etree.QName(c).text for c in profile]


def test_candidate_output_has_the_layout_namespaces_and_order_of_real_exports(shared: Path) -> None:
    ours = etree.fromstring(resumeconv.write(_sample(), "europass").data)
    real = etree.parse(str(shared / REAL_CANDIDATES[2])).getroot()
    (our_top, our_profile), (real_top, real_profile) = _layout(ours), _layout(real)
    assert our_top == real_top
    assert {k: v for k, v in ours.nsmap.items()} == {k: v for k, v in real.nsmap.items()}
    known = [name for name in dict.fromkeys(real_profile)]
    positions = [known.index(n) for n in our_profile if n in known]
    assert positions == sorted(positions)
    assert {n for n in our_profile if n not in known} <= {f"{{{CANDIDATE_NS}}}hr:ExecutiveSummary",
                                                          "{http://www.hr-xml.org/3}ExecutiveSummary"}
    assert ours.find("{http://www.hr-xml.org/3}DocumentID").get("schemeVersionID") == "4.0"
    sections = [s.findtext(f"{{{CANDIDATE_NS}}}Title") for s in ours.iter(f"{{{CANDIDATE_NS}}}Section")]
    assert sections[:6] == ["work-experience", "education-training", "publication", "membership",
                            "conference-seminar", "volunteering"]
    assert {"Honours and awards", "Mentees", "Metrics", "Research highlights"} <= set(sections)


def test_candidate_output_starts_like_the_editor_exports() -> None:
    data = resumeconv.write({"basics": {"name": "Ada Lovelace"}}, "europass").data
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Candidate ")
    root = etree.fromstring(data)
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == f"{CANDIDATE_NS} Candidate.xsd"


def test_one_others_element_per_entry() -> None:
    doc = {"basics": {"name": "A B"}, "awards": [{"title": "One", "date": "2020"}, {"title": "Two"}]}
    root = etree.fromstring(resumeconv.write(doc, "europass").data)
    others = root.findall(f".//{{{CANDIDATE_NS}}}Others")
    assert [o.findtext(f"{{{CANDIDATE_NS}}}Title") for o in others] == ["Honours and awards"] * 2
    assert [len(o.findall(f"{{{CANDIDATE_NS}}}Other")) for o in others] == [1, 1]


# ---------------------------------------------------------------- our own fixtures (no ../shared needed)

def test_candidate_fixture_reads_every_section() -> None:
    result = resumeconv.read(FIXTURES / "candidate-small.xml")
    doc = result.document
    assert doc["basics"] == {"name": "Ada Maria Lovelace", "email": "ada@example.org", "phone": "+44 7700900123",
                             "profiles": [{"network": "Google Scholar", "url": "https://scholar.example.org/ada"}]}
    assert doc["work"] == [{"name": "Analytical Engines Ltd", "position": "Research Engineer", "location": "London",
                            "startDate": "2019-03", "endDate": "2021-11-30", "summary": "Built the difference engine.",
                            "highlights": ["Wrote the first program."]}]
    assert doc["publications"][0]["authors"] == [{"name": "C. Babbage", "equalContribution": True},
                                                 {"name": "A. Lovelace", "equalContribution": True, "self": True}]
    assert doc["volunteer"] == [{"position": "Reviewer", "startDate": "2020", "organization": "Royal Society",
                                 "type": "reviewing"}]
    assert doc["awards"] == [{"title": "Gold Medal", "date": "2021", "awarder": "Royal Society", "amount": "£100"}]
    assert doc["projects"][0]["type"] == "conference"
    assert [str(x) for x in result.losses] == [
        "/basics: CandidatePerson/GenderCode 'female' has no place in JSON Resume",
        "/education/0: CandidateProfile/EducationHistory/EducationOrganizationAttendance/EducationLevelCode '6' "
        "has no place in JSON Resume"]
    assert doc["interests"] == [{"name": "Poetry"}]  # an 'Others' section titled 'Hobbies'


def test_v3_fixture_reads_people_dates_and_achievements() -> None:
    result = resumeconv.read(FIXTURES / "skillspassport-small.xml")
    doc = result.document
    assert doc["basics"] == {"name": "Grace Hopper", "email": "grace@example.org", "label": "Computer scientist",
                             "location": {"city": "Athens", "countryCode": "GR"}}
    assert doc["work"][0]["startDate"] == "1944-07" and doc["work"][0]["endDate"] == "1946-08-31"
    assert doc["publications"] == [{"name": "A Manual of Operation", "releaseDate": "1946",
                                    "authors": [{"name": "G. Hopper"}, {"name": "H. Aiken"}]}]
    reasons = [str(x) for x in result.losses]
    assert "/: LearnerInfo/AchievementList/Achievement/Title/Label 'Theatre' has no place in JSON Resume" in reasons
    assert "/: LearnerInfo/AchievementList/Achievement/Description 'Played Hamlet.' has no place in JSON Resume" \
        in reasons


def test_readers_point_to_the_other_europass_format() -> None:
    candidate = (FIXTURES / "candidate-small.xml").read_bytes()
    v3 = (FIXTURES / "skillspassport-small.xml").read_bytes()
    with pytest.raises(InputError, match="read it with -f europass-v3"):
        resumeconv.read(v3, format="europass")
    with pytest.raises(InputError, match=r"read it with -f europass$"):
        resumeconv.read(candidate, format="europass-v3")
    assert detect(None, candidate).name == "europass"
    assert detect(None, v3).name == "europass-v3"


# ---------------------------------------------------------------- PDF

def _pdf(name: str, payload: bytes) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment(name, payload)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_europass_pdf_with_embedded_attachment_xml_is_read() -> None:
    pdf = _pdf("attachment.xml", (FIXTURES / "candidate-small.xml").read_bytes())
    assert detect("cv.pdf", pdf).name == "europass"
    doc = resumeconv.read(pdf).document
    assert doc["basics"]["name"] == "Ada Maria Lovelace"
    assert doc["work"][0]["startDate"] == "2019-03"


def test_legacy_pdf_attachment_name_holds_v3() -> None:
    pdf = _pdf("Europass-XML-Attachment", (FIXTURES / "skillspassport-small.xml").read_bytes())
    assert resumeconv.read(pdf, format="europass-v3").document["basics"]["name"] == "Grace Hopper"


def test_pdfs_are_told_apart_without_f() -> None:
    """Europass, legacy Europass and LinkedIn PDFs are detected by what they carry; another PDF is not LinkedIn's
    (issue 16): the Europass reader then says what it lacks."""
    legacy = _pdf("Europass-XML-Attachment", (FIXTURES / "skillspassport-small.xml").read_bytes())
    assert detect("cv.pdf", legacy).name == "europass-v3"
    assert resumeconv.read(legacy).document["basics"]["name"] == "Grace Hopper"
    assert detect("Profile.pdf", _pdf("notes.txt", b"hello")).name == "europass"


def test_pdf_without_europass_xml_is_refused_with_what_it_has() -> None:
    with pytest.raises(InputError, match=r"no embedded Europass XML \(attachment.xml\); embedded files: notes.txt"):
        resumeconv.read(_pdf("notes.txt", b"hello"), format="europass")
    with pytest.raises(InputError, match="cannot read the PDF"):
        resumeconv.read(b"%PDF-1.7\nnot really a pdf", format="europass")


# ---------------------------------------------------------------- safety

@pytest.mark.parametrize("fmt", ["europass", "europass-v3"])
@pytest.mark.parametrize("attack", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_entity_attacks_are_refused(fmt: str, attack: bytes) -> None:
    with pytest.raises(UnsafeInputError) as err:
        resumeconv.read(attack, format=fmt)
    assert str(err.value) == ("<input>:2: XML with a DOCTYPE or entity declaration is refused (DTDs and entities "
                              "are not allowed in untrusted input)")


def test_cli_refuses_an_xxe_file_with_exit_2_and_one_line(tmp_path: Path) -> None:
    evil = tmp_path / "evil.europass.xml"
    evil.write_bytes(XXE)
    result = CliRunner().invoke(main, ["convert", str(evil), "-f", "europass", "-t", "json"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "DOCTYPE or entity declaration is refused" in result.output
    assert "Traceback" not in result.output


def test_cli_fail_on_loss_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "cv.europass.xml"
    result = CliRunner().invoke(main, ["convert", str(SAMPLE_JSON), "-o", str(out), "--fail-on-loss"])
    assert result.exit_code == 1
    assert "could not be carried to europass" in result.output
    assert "/meta/source: Europass (Candidate) has no place for document metadata" in result.output
    assert not out.exists()


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(InputError, match=r"^<input>:2:\d+: invalid XML"):
        resumeconv.read(b"<Candidate xmlns='http://www.europass.eu/1.0'>\n<a></b></Candidate>", format="europass")


# ---------------------------------------------------------------- helpers

@pytest.mark.parametrize(("text", "parsed"), [
    ("(+1) 5179803880", ("1", "5179803880", "US")),
    ("+39 333 000 0000", ("39", "3330000000", "IT")),
    ("0044 20 7946 0958", ("44", "2079460958", "GB")),
    ("517-980-3880", None),
])
def test_split_phone(text: str, parsed: tuple[str, str, str] | None) -> None:
    phone = phones.parse(text)
    assert ((phone.dial, phone.national, phone.region) if phone.e164 else None) == parsed


def test_name_split_and_labels() -> None:
    assert names.split_name("Fabio Ashtar Telarico") == ("Fabio Ashtar", "Telarico")
    assert names.split_name("Plato") == ("", "Plato")
    assert fields.label_for("employmentType") == "Employment type"
    assert fields.label_for("venue", "short") == "Venue short"


def test_unknown_fields_are_carried_as_text_and_read_back_exactly() -> None:
    doc = {"basics": {"name": "A B"}, "work": [{"name": "X", "position": "Y", "workplaceType": "remote",
                                               "employmentType": ["part-time", "internship"], "mystery": {"a": [1]}}]}
    out = resumeconv.write(copy.deepcopy(doc), "europass")
    losses = {x.pointer: (x.kind, x.reason) for x in out.losses}
    assert losses["/work/0/workplaceType"] == (
        "normalization",
        "Europass (Candidate) has no field for it: written into the description as 'Workplace type: ...'")
    assert losses["/work/0/mystery"] == (
        "normalization", "not a field Europass (Candidate) has: written into the description as 'mystery: <JSON>'")
    assert b"&lt;p&gt;&lt;code&gt;mystery&lt;/code&gt;: {\"a\": [1]}&lt;/p&gt;" in out.data
    back = resumeconv.read(out.data, format="europass").document["work"][0]
    assert back == doc["work"][0]


def test_pdf_attachment_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _pdf("attachment.xml", (FIXTURES / "candidate-small.xml").read_bytes())
    monkeypatch.setenv("RESUMECONV_MAX_INPUT_BYTES", "1000")
    with pytest.raises(UnsafeInputError, match="embedded in this PDF is larger than the limit of 1000 bytes"):
        resumeconv.read(pdf, format="europass")


def test_a_nul_byte_gives_a_one_line_message() -> None:
    with pytest.raises(InputError) as err:
        resumeconv.read(b"<Candidate xmlns='http://www.europass.eu/1.0'>\x00</Candidate>", format="europass")
    assert str(err.value) == "<input>:1:47: invalid XML: Invalid character: Char 0x0 out of allowed range"


# ---------------------------------------------------------------- any valid document

def _valid_documents():
    from hypothesis import strategies as st

    from resumeconv.schemas import load_schema
    from strategies import from_schema

    return from_schema(load_schema("academic")).filter(lambda d: isinstance(d, dict)) | st.just(_sample())


def test_any_schema_valid_document_writes_and_v3_output_validates(shared: Path) -> None:
    from hypothesis import HealthCheck, given, settings

    parser = etree.XMLParser(no_network=True)
    schema = etree.XMLSchema(etree.parse(str(shared / V3_XSD), parser))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])
    @given(doc=_valid_documents())
    def check(doc: dict[str, Any]) -> None:
        candidate = resumeconv.write(doc, "europass")
        assert isinstance(resumeconv.read(candidate.data, format="europass").document, dict)
        v3 = resumeconv.write(doc, "europass-v3", created="2020-01-01T00:00:00Z")
        assert schema.validate(etree.fromstring(v3.data)), schema.error_log.last_error
        resumeconv.read(v3.data, format="europass-v3")

    check()


def test_impossible_dates_and_control_characters_are_reported_not_written() -> None:
    doc = {"basics": {"name": "Ada\x07 Lovelace"}, "work": [{"name": "X", "startDate": "2019-02-30",
                                                              "endDate": "2019-13"}]}
    for fmt in ("europass", "europass-v3"):
        out = resumeconv.write(doc, fmt, **_created(fmt, "2020-01-01T00:00:00Z"))
        losses = {x.pointer: (x.kind, x.reason) for x in out.losses}
        # What can be read of an impossible date is kept (never turned into "no date", i.e. "ongoing").
        assert losses["/work/0/startDate"] == ("normalization", "'2019-02-30' is not a date on the calendar: read "
                                                                "as 2019-02, what can be read of it")
        assert losses["/work/0/endDate"] == ("normalization", "'2019-13' is not a date on the calendar: read as "
                                                              "2019, what can be read of it")
        assert losses["/basics/name"][0] == "normalization"
        back = resumeconv.read(out.data, format=fmt).document
        assert back["basics"]["name"] == "Ada Lovelace"
        assert (back["work"][0]["startDate"], back["work"][0]["endDate"]) == ("2019-02", "2019")


def test_a_document_of_the_wrong_shape_is_one_error_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"basics": {"name": "A B"}, "work": ["not an object"]}', encoding="utf-8")
    for fmt in ("europass", "europass-v3"):
        result = CliRunner().invoke(main, ["convert", str(bad), "-t", fmt])
        assert result.exit_code == 1
        assert result.output.startswith(f"resumeconv: {bad}: cannot write Europass")
        assert "Traceback" not in result.output


def test_writer_options_are_checked() -> None:
    from resumeconv.core.errors import UsageError

    with pytest.raises(UsageError, match="not a two-letter code"):
        resumeconv.write({"basics": {"name": "A"}}, "europass", language="EN-gb")
    root = etree.fromstring(resumeconv.write({"basics": {"name": "A"}}, "europass", language="fr").data)
    assert root.find(f"{{{CANDIDATE_NS}}}CandidateProfile").get("languageCode") == "fr"

    with pytest.raises(UsageError, match="not a v3 locale"):
        resumeconv.write({"basics": {"name": "A"}}, "europass-v3", language="english")
    with pytest.raises(UsageError, match="not an ISO date-time"):
        resumeconv.write({"basics": {"name": "A"}}, "europass-v3", created="yesterday")


def test_a_second_email_is_reported_not_dropped() -> None:
    data = (b"<Candidate xmlns='http://www.europass.eu/1.0' xmlns:oa='http://www.openapplications.org/oagis/9'>"
            b"<CandidatePerson><Communication><ChannelCode>Email</ChannelCode><oa:URI>a@x.org</oa:URI></Communication>"
            b"<Communication><ChannelCode>Email</ChannelCode><oa:URI>b@x.org</oa:URI></Communication>"
            b"</CandidatePerson></Candidate>")
    result = resumeconv.read(data, format="europass")
    assert result.document["basics"] == {"email": "a@x.org"}
    assert [str(x) for x in result.losses] == [
        "/basics: CandidatePerson/Communication/ChannelCode 'Email' has no place in JSON Resume",
        "/basics: CandidatePerson/Communication/oa:URI 'b@x.org' has no place in JSON Resume"]


def test_cli_converts_a_europass_pdf_to_json(tmp_path: Path) -> None:
    pdf = tmp_path / "Europass-CV.pdf"
    pdf.write_bytes(_pdf("attachment.xml", (FIXTURES / "candidate-small.xml").read_bytes()))
    out = tmp_path / "cv.resume.json"
    result = CliRunner().invoke(main, ["convert", str(pdf), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "GenderCode 'female' has no place in JSON Resume" in result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["basics"]["name"] == "Ada Maria Lovelace"
    assert doc["education"][0] == {"institution": "University of London", "startDate": "2015", "endDate": "2019",
                                   "studyType": "BSc Mathematics", "score": "First"}


def test_a_pdf_output_name_is_not_taken_for_europass_xml(tmp_path: Path) -> None:
    """A .pdf name means the PDF writer (typst-pdf), never Europass XML in a file named .pdf."""
    pytest.importorskip("typst", reason="the typst package (pip install 'resumeconv[pdf]') is not installed")
    out = tmp_path / "cv.europass.pdf"
    result = CliRunner().invoke(main, ["convert", str(SAMPLE_JSON), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert f"wrote {out} (typst-pdf" in result.output


def _created(fmt: str, when: str = "2025-11-03T00:00:00Z") -> dict[str, str]:
    """The fixed timestamp option, for the format that has one (v3; Candidate has no such option)."""
    return {"created": when} if fmt == "europass-v3" else {}


# ---------------------------------------------------------------- the 2025 editor's custom sections

FATELARICO = "corpus/europass/FATelarico__EuropassXML_to_ReactiveResumeJSON__candidate-sample.xml"


def test_editor_publications_courses_and_about_me_are_read_into_their_sections(shared: Path) -> None:
    """FATelarico's sample: 6 'Pubblications' blocks (38 list items), 2 'Course' blocks, 1 'About me' block."""
    result = resumeconv.read(shared / FATELARICO)
    doc = result.document
    pubs = doc["publications"]
    assert len(pubs) == 38
    assert pubs[4] == {
        "name": "Revealing dynamic co-authorship structure in the social sciences through blockmodeling: the "
                "Slovenian case (1991–2020)",
        "venue": {"name": "Scientometrics"}, "releaseDate": "2024", "doi": "10.1007/s11192-024-05130-z",
        "url": "https://rdcu.be/dYG1X", "group": "Journals", "summary": pubs[4]["summary"]}
    assert pubs[4]["summary"].startswith("with Franc Mali and Aleš Žiberna, 'Revealing dynamic")
    assert (pubs[0]["group"], pubs[1]["group"]) == ("Monographic works: Books", "Monographic works: Reports")
    assert pubs[0]["name"].startswith("Bulgarians’ fight against inflation")
    assert next(p["name"] for p in pubs if p["group"] == "Software") == \
        "FinNet: Quickly Build and Manipulate Financial Networks"
    courses = [e for e in doc["education"] if "courses" in e]
    assert courses[0] == {"courses": ["Tableau for Teaching (TFT)"], "startDate": "2021-11-02",
                          "endDate": "2021-11-29"}
    assert len(courses) == 2
    assert "Scholarships and awards\n\n" in doc["basics"]["summary"]
    assert "2017 | Honourable mention at the Certame Vichiano" in doc["basics"]["summary"]
    reasons = [str(x) for x in result.losses]
    assert not [r for r in reasons if "Others" in r]
    assert "/education/2: course description 'Participation in the Tableau for Teaching program, which pro' not " \
        "read: JSON Resume education entries have no description (the course title is kept in education.courses)" \
        in reasons


def _candidate(others: str) -> bytes:
    return (f"<Candidate xmlns='{CANDIDATE_NS}' xmlns:hr='http://www.hr-xml.org/3'><CandidatePerson/>"
            f"<CandidateProfile>{others}</CandidateProfile></Candidate>").encode()


@pytest.mark.parametrize(("title", "section"), [("Pubblicazioni", "publications"), ("PUBLICATIONS", "publications"),
                                                ("Veröffentlichungen", "publications"), ("Corsi", "education"),
                                                ("Über mich", "basics"), ("Centres d'intérêt", "interests")])
def test_editor_custom_sections_are_matched_in_any_interface_language(title: str, section: str) -> None:
    other = ("<Other><Title>Block</Title><Description>&lt;ol&gt;&lt;li&gt;2020. 'A long enough title'. "
             "&lt;em&gt;Some Journal&lt;/em&gt;&lt;/li&gt;&lt;/ol&gt;</Description></Other>")
    result = resumeconv.read(_candidate(f"<Others><Title>{title}</Title>{other}</Others>"), "europass")
    assert section in result.document
    if section == "publications":
        assert result.document["publications"] == [{"name": "A long enough title", "venue": {"name": "Some Journal"},
                                                     "releaseDate": "2020", "group": "Block",
                                                     "summary": "2020. 'A long enough title'. Some Journal"}]


def test_an_unknown_custom_section_says_why_it_is_not_read() -> None:
    xml = _candidate("<Others><Title>Driving licences</Title><Other><Title>B</Title></Other></Others>")
    result = resumeconv.read(xml, "europass")
    assert [str(x) for x in result.losses] == [
        "/: custom section 'Driving licences' (CandidateProfile/Others): the reader does not know which JSON Resume "
        "section it is, so its entry 'B' is not read"]
