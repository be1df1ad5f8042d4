"""Issue 14 through the command line: each item of what the Candidate writer and reader must do, one subprocess each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from europass_structure import check

NS = {"e": "http://www.europass.eu/1.0", "hr": "http://www.hr-xml.org/3", "oa": "http://www.openapplications.org/oagis/9"}
#: Exit codes the CLI documents for input it cannot take (README: 0 ok, 1 invalid or losses, 2 unreadable input).
DOCUMENTED = (0, 1, 2)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv", *args], capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def to_europass(tmp_path: Path, doc: dict[str, Any], *options: str) -> tuple[Any, str]:
    """Convert ``doc`` with the CLI; the output's root element (checked against the structure table) and stderr."""
    src, out = tmp_path / "cv.resume.json", tmp_path / "cv.europass.xml"
    src.write_text(json.dumps(doc), encoding="utf-8")
    proc = run("convert", str(src), "-o", str(out), "-v", *options)
    assert proc.returncode == 0, proc.stderr
    root = etree.fromstring(out.read_bytes())
    assert check(root) == []
    return root, proc.stderr


def to_json(tmp_path: Path, xml: bytes) -> tuple[dict[str, Any], str]:
    src, out = tmp_path / "in.xml", tmp_path / "out.json"
    src.write_bytes(xml)
    proc = run("convert", str(src), "-f", "europass", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text(encoding="utf-8")), proc.stderr


def candidate(profile: str, person: str = "") -> bytes:
    return (f'<Candidate xmlns="{NS["e"]}" xmlns:hr="{NS["hr"]}" xmlns:oa="{NS["oa"]}"><CandidatePerson><PersonName>'
            f'<oa:GivenName>Ada</oa:GivenName><hr:FamilyName>Lovelace</hr:FamilyName></PersonName>{person}'
            f'</CandidatePerson><CandidateProfile>{profile}</CandidateProfile></Candidate>').encode()


def test_a_membership_is_an_activity_with_its_location_beside_it(tmp_path: Path) -> None:
    doc = {"volunteer": [{"position": "Program committee", "organization": "ICML", "type": "committee",
                          "startDate": "2024", "location": "Vienna"}]}
    root, _ = to_europass(tmp_path, doc)
    member = root.find(".//e:NetworksAndMemberships/e:NetworkAndMembership", NS)
    assert [etree.QName(c).localname for c in member] == ["Activity", "Location"]
    assert [etree.QName(c).localname for c in member[0]] == ["Title", "Date", "Description"]
    assert member.findtext("e:Activity/e:Title", namespaces=NS) == "Program committee"
    assert member.findtext("e:Location", namespaces=NS) == "Vienna"
    back, _ = to_json(tmp_path, etree.tostring(root))
    assert back["volunteer"][0]["position"] == "Program committee"
    assert back["volunteer"][0]["location"] == "Vienna"


def test_a_doi_is_a_doi_link_after_the_link_and_reads_back(tmp_path: Path) -> None:
    doc = {"publications": [{"name": "Paper", "releaseDate": "2024", "url": "https://e.org/p", "doi": "10.48550/x.1"}]}
    root, _ = to_europass(tmp_path, doc)
    pub = root.find(".//e:Publication", NS)
    assert [etree.QName(c).localname for c in pub] == ["Title", "Year", "Link", "DOI"]
    assert pub.findtext("e:DOI/e:Link", namespaces=NS) == "https://doi.org/10.48550/x.1"
    back, _ = to_json(tmp_path, etree.tostring(root))
    assert back["publications"] == doc["publications"]


@pytest.mark.parametrize("shape", ["<DOI><Value>10.5/a</Value></DOI>", "<DOI><Link>https://doi.org/10.5/a</Link></DOI>"])
def test_the_reader_takes_real_shape_dois(tmp_path: Path, shape: str) -> None:
    back, stderr = to_json(tmp_path, candidate(f"<PublicationHistory><Publication><Title>T</Title><Year>2021</Year>"
                                               f"<Reference/>{shape}</Publication></PublicationHistory>"))
    assert back["publications"] == [{"name": "T", "releaseDate": "2021", "doi": "10.5/a"}]
    assert "has no place" not in stderr


def test_the_reader_takes_every_activity_shape_of_the_documentation(tmp_path: Path) -> None:
    """SocialAndNetworkingActivityType wraps an Activity; ActivityType and EventType hold their fields directly."""
    profile = ("<NetworksAndMemberships><NetworkAndMembership><Activity><Title>IEEE member</Title><Date><StartDate>"
               "<hr:FormattedDateTime>2019</hr:FormattedDateTime></StartDate><Ongoing>true</Ongoing></Date>"
               "</Activity><Location>Padova</Location></NetworkAndMembership></NetworksAndMemberships>"
               "<SocialAndPoliticalActivities><SocialAndPoliticalActivity><Activity><Title>Town council</Title>"
               "</Activity></SocialAndPoliticalActivity></SocialAndPoliticalActivities>"
               "<HobbiesAndInterests><HobbyOrInterest><Title>Climbing</Title></HobbyOrInterest></HobbiesAndInterests>"
               "<CreativeWorks><CreativeWork><Title>A film</Title></CreativeWork></CreativeWorks>")
    back, stderr = to_json(tmp_path, candidate(profile))
    assert back["volunteer"] == [
        {"position": "IEEE member", "startDate": "2019", "location": "Padova", "type": "other"},
        {"position": "Town council", "type": "other"}]
    assert back["interests"] == [{"name": "Climbing"}]
    assert back["projects"] == [{"name": "A film"}]
    assert "has no place" not in stderr


def test_authors_and_venue_are_lines_of_the_description_not_elements_or_labels(tmp_path: Path) -> None:
    doc = {"publications": [{"name": "Saliency", "releaseDate": "2025", "type": "conference-paper",
                             "group": "first-authored", "notes": ["Spotlight"],
                             "venue": {"name": "Neural Information Processing Systems", "short": "NeurIPS'25"},
                             "authors": [{"name": "Y. Zhang", "self": True, "equalContribution": True},
                                         {"name": "M. Zhang", "equalContribution": True}, {"name": "S. Liu"}]}]}
    root, stderr = to_europass(tmp_path, doc)
    pub = root.find(".//e:Publication", NS)
    assert pub.find("e:Authors", NS) is None and pub.find("e:Journal", NS) is None
    text = pub.findtext("hr:FormattedPublicationDescription", namespaces=NS)
    assert text == ("<p><strong>Y. Zhang*</strong>, M. Zhang*, S. Liu</p><p><em>Neural Information Processing "
                    "Systems</em> (NeurIPS'25), conference paper</p><ul><li>Spotlight</li></ul>")
    for noise in ("Type:", "Group:", "Venue short:"):
        assert noise not in text
    assert "/publications/0/group: Europass (Candidate) lists publications without the CV's headings" in stderr
    back, _ = to_json(tmp_path, etree.tostring(root))
    assert back["publications"][0]["authors"] == doc["publications"][0]["authors"]
    assert back["publications"][0]["venue"] == doc["publications"][0]["venue"]


def test_a_degree_without_dates_has_no_attendance_period(tmp_path: Path) -> None:
    doc = {"education": [{"institution": "MSU", "studyType": "PhD", "status": "in-progress"},
                         {"institution": "USTC", "studyType": "BSc", "startDate": "2016", "endDate": "2020"}]}
    root, _ = to_europass(tmp_path, doc)
    first, second = root.findall(".//e:EducationOrganizationAttendance", NS)
    assert first.find("e:AttendancePeriod", NS) is None
    period = second.find("e:AttendancePeriod", NS)
    assert [etree.QName(c).localname for c in period] == ["StartDate", "EndDate", "Ongoing"]
    assert period.findtext("e:Ongoing", namespaces=NS) == "false"


def test_a_cefr_fluency_is_kept_as_levels(tmp_path: Path) -> None:
    root, stderr = to_europass(tmp_path, {"languages": [{"language": "English", "fluency": "C2"}]})
    scores = [s.text for s in root.iterfind(".//e:PersonQualifications//hr:ScoreText", NS)]
    assert scores == ["C2"] * 5
    assert "keeps language levels only as CEFR levels" not in stderr


@pytest.mark.parametrize("fluency", ["Langue maternelle", "Muttersprache", "母语", "lengua materna", "native",
                                     "Madrelingua", "Native or bilingual proficiency"])
def test_mother_tongues_are_recognised_in_common_languages(tmp_path: Path, fluency: str) -> None:
    root, _ = to_europass(tmp_path, {"languages": [{"language": "Deutsch", "fluency": fluency}]})
    primary = root.find(".//e:CandidatePerson/e:PrimaryLanguageCode", NS)
    assert (primary.get("name"), primary.text) == ("NORMAL", "ger")
    assert root.find(".//e:PersonQualifications/e:PersonCompetency", NS) is None


def test_known_languages_are_written_with_the_editors_codes_and_the_rest_as_free_text(tmp_path: Path) -> None:
    doc = {"languages": [{"language": "Italiano", "fluency": "Native speaker"},
                         {"language": "Neapolitan", "fluency": "Native speaker"},
                         {"language": "English", "cefr": {"reading": "C2"}},
                         {"language": "Français", "cefr": {"reading": "B2"}},
                         {"language": "español", "cefr": {"reading": "A2"}},
                         {"language": "Klingon", "cefr": {"reading": "A1"}}]}
    root, stderr = to_europass(tmp_path, doc)
    assert [(e.get("name"), e.text) for e in root.iterfind(".//e:CandidatePerson/e:PrimaryLanguageCode", NS)] == [
        ("NORMAL", "ita"), ("FREE_TEXT", "Neapolitan")]
    assert [(e.get("schemeName"), e.text) for e in root.iterfind(".//e:PersonCompetency/e:CompetencyID", NS)] == [
        ("NORMAL", "eng"), ("NORMAL", "fre"), ("NORMAL", "spa"), ("FREE_TEXT", "Klingon")]
    assert "/languages/3/language: written as the ISO 639 code fre; reads back as 'French'" in stderr
    back, _ = to_json(tmp_path, etree.tostring(root))
    assert [x["language"] for x in back["languages"]] == ["Italian", "Neapolitan", "English", "French", "Spanish",
                                                         "Klingon"]


def test_a_non_native_speaker_is_not_a_mother_tongue(tmp_path: Path) -> None:
    root, _ = to_europass(tmp_path, {"languages": [{"language": "English", "fluency": "Non-native, fluent"}]})
    assert root.find(".//e:PrimaryLanguageCode", NS) is None


def test_the_cv_language_comes_from_meta_or_the_text_and_is_never_invented(tmp_path: Path) -> None:
    root, _ = to_europass(tmp_path, {"basics": {"name": "A B"}, "meta": {"language": "de"}})
    assert root.find("e:CandidateProfile", NS).get("languageCode") == "de"
    french = {"basics": {"name": "A B", "summary": "Ingénieure logiciel depuis dix ans, je travaille sur les "
                         "compilateurs et les outils pour la recherche. Je suis passionnée par la qualité du code "
                         "et par la transmission des connaissances dans une équipe, avec une attention pour les "
                         "tests et pour la documentation des projets que je mène au quotidien."}}
    root, _ = to_europass(tmp_path, french)
    assert root.find("e:CandidateProfile", NS).get("languageCode") == "fr"
    root, stderr = to_europass(tmp_path, {"basics": {"name": "A B"}})
    assert root.find("e:CandidateProfile", NS).get("languageCode") is None
    assert "no CandidateProfile languageCode" in stderr
    root, _ = to_europass(tmp_path, {"basics": {"name": "A B"}}, "-O", "language=it")
    assert root.find("e:CandidateProfile", NS).get("languageCode") == "it"


def test_the_v3_locale_comes_from_the_document_too(tmp_path: Path) -> None:
    src, out = tmp_path / "cv.resume.json", tmp_path / "cv.europass-v3.xml"
    src.write_text(json.dumps({"basics": {"name": "A B"}, "meta": {"language": "fr"}}), encoding="utf-8")
    proc = run("convert", str(src), "-o", str(out), "-O", "created=2025-01-01T00:00:00Z", "-v")
    assert proc.returncode == 0, proc.stderr
    assert etree.fromstring(out.read_bytes()).get("locale") == "fr"


def test_a_phone_without_a_code_takes_the_dialling_code_of_the_country(tmp_path: Path) -> None:
    root, stderr = to_europass(tmp_path, {"basics": {"phone": "(912) 555-4321", "location": {"countryCode": "US"}}})
    phone = next(c for c in root.iterfind(".//e:CandidatePerson/e:Communication", NS)
                 if c.findtext("e:ChannelCode", namespaces=NS) == "Telephone")
    assert phone.findtext("e:CountryDialing", namespaces=NS) == "1"
    assert phone.findtext("oa:DialNumber", namespaces=NS) == "9125554321"
    assert "/basics/phone: written as +1 9125554321 (dialling code of US)" in stderr
    root, stderr = to_europass(tmp_path, {"basics": {"phone": "555 0100"}})
    assert root.find(".//e:CountryDialing", NS) is None
    assert "no location.countryCode to take it from" in stderr


def test_a_city_with_its_country_is_split_into_city_and_iso_code(tmp_path: Path) -> None:
    doc = {"basics": {"location": {"city": "San Jose, USA"}},
           "work": [{"name": "Amazon", "position": "Intern", "location": "San Jose, USA", "startDate": "2024"},
                    {"name": "Acme", "position": "Dev", "location": "Atlanta, Georgia", "startDate": "2020"}]}
    root, _ = to_europass(tmp_path, doc)
    home = root.find(".//e:CandidatePerson/e:Communication/e:Address", NS)
    assert (home.findtext("oa:CityName", namespaces=NS), home.findtext("e:CountryCode", namespaces=NS)) == \
        ("San Jose", "us")
    first, second = root.findall(".//e:PositionHistory", NS)
    assert (first.findtext("e:City", namespaces=NS), first.findtext("e:Country", namespaces=NS)) == ("San Jose", "us")
    assert (second.findtext("e:City", namespaces=NS), second.find("e:Country", NS)) == ("Atlanta, Georgia", None)
    back, _ = to_json(tmp_path, etree.tostring(root))
    assert back["basics"]["location"] == {"city": "San Jose", "countryCode": "US"}
    assert back["work"][0]["location"] == "San Jose, United States"


def test_a_closing_statement_is_reported_not_dropped(tmp_path: Path) -> None:
    xml = candidate("").replace(b"</Candidate>", b"<RenderingInformation><ClosingStatement><Statement>I consent"
                                                 b"</Statement><Place>Padova</Place></ClosingStatement>"
                                                 b"</RenderingInformation></Candidate>")
    _, stderr = to_json(tmp_path, xml)
    assert "RenderingInformation/ClosingStatement/Statement 'I consent' has no place in JSON Resume" in stderr


def _shared_europass_files(shared: Path) -> list[Path]:
    return sorted(p for d in ("corpus/europass", "reference/europass") for p in (shared / d).rglob("*") if p.is_file())


def test_every_europass_file_in_shared_converts_with_a_documented_exit_code(shared: Path, tmp_path: Path) -> None:
    """Real exports (with photo and signature attachments), XSDs, notes: exit 0, or one line and 1 or 2, never 3."""
    files = _shared_europass_files(shared)
    assert len(files) >= 40
    read = []
    for path in files:
        proc = run("convert", str(path), "-t", "json", "-o", str(tmp_path / "out.json"))
        assert proc.returncode in DOCUMENTED, (path, proc.stderr[-500:])
        assert "Traceback" not in proc.stderr
        if proc.returncode == 0:
            read.append(path.name)
    assert {"benfante-cv.xml", "j0ker98-full.xml", "macel94__MACEL94__candidate-attachment.xml",
            "macel94__MACEL94__skillspassport-v3.4.xml", "Europass_CV_V3.4.0_Example.xml"} <= set(read)
