"""The theme writer: upstream-valid JSON Resume with academic fields folded into what stock themes display."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import resumeconv
from resumeconv.cli import main
from resumeconv.formats.theme import UPSTREAM_SCHEMA_URL, theme_document, theme_name
from resumeconv.validation import validate

FIXTURE = Path(__file__).parent / "fixtures" / "themes" / "academic.json"


@pytest.fixture
def academic() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _losses(doc: dict, theme: str | None = None) -> dict[str, str]:
    return {x.pointer: x.reason for x in theme_document(doc, theme=theme)[1]}


@pytest.mark.parametrize("profile", ["jsonresume-1.0", "jsonresume"])
@pytest.mark.parametrize("theme", [None, "even", "elegant"])
def test_output_validates_upstream(academic: dict, profile: str, theme: str | None) -> None:
    out, _ = theme_document(academic, theme=theme)
    assert validate(out, profile=profile, lint=False) == []
    assert out["$schema"] == UPSTREAM_SCHEMA_URL


@pytest.mark.parametrize("profile", ["jsonresume-1.0", "jsonresume"])
def test_sample_output_validates_upstream(sample_doc: dict, profile: str) -> None:
    out = json.loads(resumeconv.write(sample_doc, "theme").data)
    assert validate(out, profile=profile, lint=False) == []


def test_only_upstream_fields_and_legacy_aliases_remain(academic: dict) -> None:
    out, _ = theme_document(academic)
    assert set(out["publications"][0]) == {"name", "publisher", "releaseDate", "url", "summary", "website"}
    assert "mentees" not in out["meta"] and "source" not in out["meta"]
    assert out["basics"]["picture"] == "https://ada.example.org/ada.png"
    assert out["basics"]["website"] == "https://ada.example.org"
    assert out["work"][0]["company"] == "Lab Corp"
    assert out["education"][0]["gpa"] == "3.9/4.0"


def test_publication_authors_venue_and_identifiers_in_markdown(academic: dict) -> None:
    """elegant renders publication summaries with markdown-it: marks escaped, the owner in bold, DOI links."""
    first, second = theme_document(academic, theme="elegant")[0]["publications"]
    assert first["summary"].split("\n\n") == [
        "**A. Researcher**\\*, B. Other\\*, C. Senior† (\\* equal contribution; † corresponding author)",
        "Oral (1.5%)",
        "arXiv: [2401.01234](https://arxiv.org/abs/2401.01234)",
    ]
    assert first["publisher"] == "International Conference on Machine Learning (ICML'24)"
    assert first["url"] == "https://doi.org/10.1234/icml.2024.5"
    assert first["releaseDate"] == "2024"
    assert second["publisher"] == "JMLR, MIT Press, vol. 24, no. 3, pp. 1--30"
    assert second["url"] == "https://journal.example.org/p/1"
    assert second["summary"] == ("D. First, **A. Researcher**\n\nIn press\n\n"
                                 "DOI: [10.5555/jmlr.1](https://doi.org/10.5555/jmlr.1)")


def test_publication_authors_in_plain_text(academic: dict) -> None:
    """Without a known theme the summary reads right printed as is: plain marks, a note, no Markdown."""
    first, second = theme_document(academic)[0]["publications"]
    assert first["summary"] == ("A. Researcher*, B. Other*, C. Senior† (* equal contribution; † corresponding "
                                "author). Oral (1.5%). arXiv: 2401.01234")
    assert first["url"] == "https://doi.org/10.1234/icml.2024.5"
    assert second["summary"] == "D. First, A. Researcher. In press. DOI: 10.5555/jmlr.1"
    assert second["url"] == "https://journal.example.org/p/1"


def test_publication_authors_for_stackoverflow(academic: dict) -> None:
    """stackoverflow's formatter has no escapes: one author a line, so no two marks meet on a line."""
    first, _ = theme_document(academic, theme="stackoverflow")[0]["publications"]
    assert first["summary"].split("\n\n") == [
        "**A. Researcher***,\nB. Other*,\nC. Senior†\n(* equal contribution; † corresponding author)",
        "Oral (1.5%)", "arXiv: [2401.01234](https://arxiv.org/abs/2401.01234)"]


def test_publication_authors_as_html_for_spartan(academic: dict) -> None:
    first, _ = theme_document(academic, theme="spartan")[0]["publications"]
    assert first["summary"] == (
        "<strong>A. Researcher</strong>*, B. Other*, C. Senior† (* equal contribution; † corresponding author)<br>"
        'Oral (1.5%)<br>arXiv: <a href="https://arxiv.org/abs/2401.01234">2401.01234</a>')


def test_plain_text_sections(academic: dict) -> None:
    out, _ = theme_document(academic)
    assert out["basics"]["summary"] == ("I study *robust* optimization. Citations: 120 (Google Scholar, Nov 3, "
                                         "2025). Robust Training. Methods that hold up [ICML'24]. Ten papers.")
    assert out["volunteer"][2]["highlights"] == ["E. Student (Undergraduate, USTC), May 2024 – Aug 2024: ICCV'25"]


def test_other_sections_fold(academic: dict) -> None:
    out, _ = theme_document(academic, theme="elegant")
    basics = out["basics"]
    assert basics["summary"].split("\n\n") == [
        "I study *robust* optimization.", "Citations: 120 (Google Scholar, Nov 3, 2025)",
        "**Robust Training.** Methods that hold up \\[ICML'24\\].", "Ten papers."]
    assert basics["profiles"][-1] == {"network": "ORCID", "username": "0000-0002-1825-0097",
                                      "url": "https://orcid.org/0000-0002-1825-0097"}
    assert out["work"][0]["summary"] == ("Department: Vision Team\n\nProject: Sparse Models\n\n"
                                         "Employment: full-time, internship; remote")
    assert out["volunteer"][0] == {"position": "Reviewer", "organization": "JMLR, TMLR"}
    assert out["volunteer"][1]["summary"] == "Venues: ICML'23"
    assert out["volunteer"][2] == {
        "position": "Mentoring", "startDate": "2024-05", "endDate": "2024-08",
        "highlights": ["**E. Student** (Undergraduate, USTC), May 2024 – Aug 2024: ICCV'25"]}
    education = out["education"][0]
    assert education["studyType"] == "Ph.D. (candidate)"
    assert education["institution"] == "State University, College of Engineering, Springfield, USA"
    assert education["area"] == ("Computer Science (thesis: Robust Things; advisor: Dr. B. Advisor; "
                                 "committee: Dr. C. One, Dr. D. Two; research areas: Optimization)")
    assert out["awards"][0]["awarder"] == "Stanford University"
    assert out["awards"][0]["summary"] == "$1,000 · 15 recipients · Received 2024, 2025"
    assert out["awards"][1]["summary"] == "Hosted by NeurIPS Foundation"
    project = out["projects"][0]
    assert (project["entity"], project["endDate"]) == ("AAAI'24, Vancouver, Canada", "2024-02")
    assert project["description"] == "Presenters: A. Researcher, C. Senior"
    assert out["languages"][0]["fluency"] == "Professional (CEFR: listening C1, reading C2)"


def test_safe_defaults_for_elegant() -> None:
    out, report = theme_document({"basics": {"name": "X", "profiles": [{"url": "https://www.github.com/x"},
                                                                      {"username": "x"}]}})
    assert out["basics"]["location"] == {}
    assert out["basics"]["profiles"] == [{"url": "https://www.github.com/x", "network": "github.com"}]
    assert {x.pointer: x.kind for x in report} == {"/basics/profiles/0/network": "normalization",
                                                    "/basics/profiles/1": "loss"}
    assert theme_document({})[0]["basics"] == {"name": "", "location": {}, "profiles": []}


def test_country_name_becomes_its_code_or_moves_out_of_country_code() -> None:
    out, report = theme_document({"basics": {"location": {"city": "Caracas", "countryCode": "Venezuela"}}})
    assert out["basics"]["location"] == {"city": "Caracas", "countryCode": "VE"}
    assert [(x.pointer, x.kind) for x in report] == [("/basics/location/countryCode", "normalization")]
    out, report = theme_document({"basics": {"location": {"city": "Atlantis", "countryCode": "Atlantis"}}})
    assert out["basics"]["location"] == {"city": "Atlantis", "region": "Atlantis"}
    assert [x.pointer for x in report] == ["/basics/location/countryCode"]
    assert theme_document({"basics": {"location": {"countryCode": "VE"}}})[0]["basics"]["location"] == {
        "countryCode": "VE"}


def test_odd_mentees_and_published_status() -> None:
    doc = {"meta": {"mentees": ["E. Student"]}, "publications": [{"name": "P", "status": "published"}]}
    out, report = theme_document(doc)
    assert "volunteer" not in out and out["publications"] == [{"name": "P"}]
    assert [(x.pointer, x.reason, x.kind) for x in report] == [
        ("/publications/0/status", "published work needs no status line", "normalization"),
        ("/meta/mentees/0", "not a mentee object; themes cannot show it", "loss")]


def test_loss_report_names_what_no_theme_shows(academic: dict) -> None:
    losses = _losses(academic)
    assert losses["/publications/0/type"] == "not a JSON Resume field; no stock theme shows it"
    assert losses["/publications/0/group"] == "not a JSON Resume field; no stock theme shows it"
    assert losses["/meta/source"] == "not a JSON Resume field; no stock theme shows it"
    assert losses["/publications/0/authors"] == "shown in publication summary"
    assert losses["/skills/0/keywords"].startswith("not valid JSON Resume ('numpy' is not of type 'array')")
    assert "/publications/0/releaseDate" not in losses


def test_even_moves_year_only_dates_into_the_headline(academic: dict) -> None:
    out, report = theme_document(academic, theme="jsonresume-theme-even")
    assert out["work"][1]["position"] == "Engineer (2019 – 2021)"
    assert "startDate" not in out["work"][1] and "endDate" not in out["work"][1]
    assert out["awards"][0]["title"] == "Rising Star (2025)"
    assert out["publications"][0]["publisher"] == "International Conference on Machine Learning (ICML'24), 2024"
    assert out["publications"][1]["releaseDate"] == "2023-05-02"
    assert out["work"][0]["startDate"] == "2024-05"
    reasons = {x.pointer: x.reason for x in report}
    assert reasons["/work/1/startDate"] == "even would print a month this date does not have; shown in position"


def test_elegant_keeps_dates_and_says_how_it_prints_them(academic: dict) -> None:
    out, report = theme_document(academic, theme="elegant")
    assert out["publications"][0]["releaseDate"] == "2024"
    assert out["work"][1]["startDate"] == "2019"
    assert out["awards"][0]["title"] == "Rising Star (2025)" and "date" not in out["awards"][0]
    reasons = {x.pointer: x.reason for x in report}
    assert reasons["/publications/0/releaseDate"] == (
        "elegant prints this year-precision date with a made-up month or day")
    assert "/publications/1/releaseDate" not in reasons
    assert reasons["/work/1/startDate"] == "elegant prints this year-precision date with a made-up month or day"
    assert "/work/0/startDate" not in reasons


def test_theme_name() -> None:
    assert [theme_name(x) for x in ("even", "jsonresume-theme-Even", "@me/jsonresume-theme-x", None)] == [
        "even", "even", "x", None]


def test_input_is_not_modified(academic: dict) -> None:
    before = json.dumps(academic, sort_keys=True)
    theme_document(academic, theme="even")
    assert json.dumps(academic, sort_keys=True) == before


def test_cli_convert_by_extension(tmp_path: Path) -> None:
    out = tmp_path / "cv.theme.json"
    result = CliRunner().invoke(main, ["convert", str(FIXTURE), "-o", str(out), "-O", "theme=even"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["work"][1]["position"] == "Engineer (2019 – 2021)"
    assert f"resumeconv: wrote {out} (theme, " in result.stderr
    assert "item(s) could not be carried" in result.stderr
    assert "Traceback" not in result.stderr


def test_corpus_theme_output_is_upstream_valid(shared: Path) -> None:
    files = sorted((shared / "corpus" / "jsonresume").glob("*.json"))
    checked = 0
    for path in files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(doc, dict):
            out, _ = theme_document(doc, theme="elegant")
            assert validate(out, profile="jsonresume-1.0", lint=False) == [], path.name
            assert validate(out, profile="jsonresume", lint=False) == [], path.name
            checked += 1
    assert checked >= 30


def test_ci_installs_every_profiled_theme_at_its_version() -> None:
    """.ci/run installs exactly the versions the profiles were read from (and the install hint names)."""
    from resumeconv.formats.theme.profiles import THEMES
    from resumeconv.render import install_command

    script = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    pinned = dict(re.findall(r"\b(jsonresume-theme-[a-z-]+)@([0-9.]+)", script))
    assert pinned == {f"jsonresume-theme-{p.name}": p.version for p in THEMES}
    assert install_command("jsonresume-theme-kendall").endswith(" jsonresume-theme-kendall@0.2.0")


def test_sections_a_theme_lacks_are_reported(academic: dict) -> None:
    reasons = _losses(academic, "class")
    assert reasons["/publications"] == "class has no publications section; the page will not show it"
    assert reasons["/awards"] == "class has no awards section; the page will not show it"
    assert "/work" not in reasons and "/publications" not in _losses(academic, "flat")
    assert reasons.get("/projects") == "class has no projects section; the page will not show it"


def test_class_reads_qualification(academic: dict) -> None:
    out, _ = theme_document(academic, theme="class")
    assert out["education"][0]["qualification"].startswith("Ph.D. (candidate), Computer Science (thesis:")


def test_talk_venue_where_the_theme_shows_it(academic: dict) -> None:
    """stackoverflow and kendall print no project entity: the venue goes into the description; macchiato prints
    neither and reads a project's summary."""
    for theme in ("stackoverflow", "kendall"):
        project = theme_document(academic, theme=theme)[0]["projects"][0]
        assert "entity" not in project and project["description"].startswith("AAAI'24, Vancouver, Canada"), theme
    project = theme_document(academic, theme="macchiato")[0]["projects"][0]
    assert project["summary"] == project["description"]


def test_dates_a_theme_cannot_print_move_into_the_headline(academic: dict) -> None:
    out, report = theme_document(academic, theme="macchiato")
    assert out["awards"][0]["title"] == "Rising Star (2025)" and "date" not in out["awards"][0]
    reasons = {x.pointer: x.reason for x in report}
    assert reasons["/awards/0/date"] == "macchiato does not show this date; shown in title"
    out, report = theme_document(academic, theme="spartan")
    reasons = {x.pointer: x.reason for x in report}
    assert reasons["/work/1/startDate"] == "spartan would print a month this date does not have; shown in position"
    assert out["education"][0].get("startDate") == academic["education"][0].get("startDate")


def test_cli_option_selects_the_profile(tmp_path: Path) -> None:
    out = tmp_path / "cv.theme.json"
    result = CliRunner().invoke(main, ["convert", str(FIXTURE), "-o", str(out), "-O", "theme=stackoverflow"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["publications"][0]["summary"].startswith("**A. Researcher***,\nB. Other*")
    result = CliRunner().invoke(main, ["convert", str(FIXTURE), "-o", str(out)])
    assert json.loads(out.read_text())["publications"][0]["summary"].startswith("A. Researcher*, B. Other*")


def test_theme_quirks_are_reported() -> None:
    doc = {"education": [{"area": "Physics"}, {"institution": "MIT"}],
           "publications": [{"name": "P"}], "volunteer": [{"organization": "ACL"}]}
    assert _losses(doc, "kendall")["/education"] == "kendall shows no education when the first has no institution"
    reasons = _losses(doc, "elegant")
    assert reasons["/publications/0"] == "elegant prints 'undefined' for the missing releaseDate"
    assert reasons["/volunteer/0"] == "elegant prints 'undefined' for the missing position"
    assert "/education" not in _losses(doc, "even")


def test_non_calendar_dates_removed_for_themes_that_parse_dates() -> None:
    doc = {"work": [{"name": "X", "startDate": "2023-18"}]}
    out, report = theme_document(doc, theme="even")
    assert "startDate" not in out["work"][0]
    assert [(x.pointer, x.reason) for x in report] == [
        ("/work/0/startDate", "not a calendar date; even would print 'Invalid Date'")]
    assert theme_document(doc, theme="flat")[0]["work"][0]["startDate"] == "2023-18"


def test_even_gets_plain_fields_html_escaped() -> None:
    """even's html`` template tag inserts values as they are: a title with '<' would start a tag."""
    doc = {"publications": [{"name": "A <b> & C", "authors": [{"name": "X<Y", "self": True}]}]}
    pub = theme_document(doc, theme="even")[0]["publications"][0]
    assert pub["name"] == "A &lt;b&gt; &amp; C"
    assert pub["summary"] == "**X\\<Y**"
    assert theme_document(doc, theme="elegant")[0]["publications"][0]["name"] == "A <b> & C"


def test_a_link_no_browser_should_follow_is_left_out_and_reported() -> None:
    doc = {"basics": {"name": "A", "url": "javascript:alert(1)",
                      "profiles": [{"network": "X", "url": "file:///etc/passwd"}, {"network": "Y",
                                                                                    "url": "https://y.example"}]},
           "projects": [{"name": "P", "url": "data:text/html,<b>x</b>"}]}
    result = resumeconv.write(doc, "theme")
    out = json.loads(result.data)
    assert "url" not in out["basics"] and "website" not in out["basics"]
    assert [p.get("url") for p in out["basics"]["profiles"]] == [None, "https://y.example"]
    assert "url" not in out["projects"][0]
    reason = "not an http, https or mailto address: left out, so no theme makes a live link of it"
    assert [(x.pointer, x.reason) for x in result.losses if x.reason == reason] == [
        ("/basics/url", reason), ("/basics/profiles/0/url", reason), ("/projects/0/url", reason)]
