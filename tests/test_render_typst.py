"""``render --engine typst``: the sample's PDF read back as a reader would, with pypdf.

Needs the ``typst`` package (the ``pdf`` extra, in the test extras); page images need ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SAMPLE_JSON

pytest.importorskip("typst", reason="the typst package (pip install 'resumeconv[pdf]') is not installed")
pypdf = pytest.importorskip("pypdf")

from resumeconv.formats.typst import TypstRenderError, build_view, render_pdf, themes  # noqa: E402

PAGES = ROOT / "build" / "pdf-pages"


def pdf_text(pdf: bytes) -> str:
    """All pages' text, whitespace folded to single spaces (line breaks fall anywhere in a title)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return fold(" ".join(page.extract_text() for page in reader.pages))


def fold(text: str) -> str:
    """Whitespace as one space; none after a hyphen, where a line may break ("Bi-" / "Level")."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def link_targets(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["academic", "compact"])
def rendered(request: pytest.FixtureRequest, sample: dict[str, Any]) -> tuple[str, bytes, str]:
    pdf, _ = render_pdf(sample, request.param)
    return request.param, pdf, pdf_text(pdf)


def test_bundled_themes_are_template_files() -> None:
    assert themes() == ["academic", "compact"]


def test_every_title_with_its_authors_in_order(rendered: tuple[str, bytes, str], sample: dict[str, Any]) -> None:
    theme, _, text = rendered
    pubs = sample["publications"]
    assert len(pubs) == 34
    separator = {"academic": ". ", "compact": ": "}[theme]
    for number, pub in enumerate(pubs, 1):
        names = [a["name"] + ("*" if a.get("equalContribution") else "") for a in pub["authors"]]
        line = fold(", ".join(names) + separator + pub["name"])
        assert line in text, line
        if theme == "academic":
            assert f"[{number}] {line}" in text


def test_positions_degrees_honours_talks_service_mentees(rendered: tuple[str, bytes, str],
                                                         sample: dict[str, Any]) -> None:
    _, _, text = rendered
    for work in sample["work"]:
        assert work["position"] in text and work["name"] in text
    for edu in sample["education"]:
        assert f"{edu['studyType']}, {edu['area']}" in text and edu["institution"] in text
    assert "Dr. Sijia Liu" in text and "Dr. Anil K. Jain" in text
    for award in sample["awards"]:
        assert award["title"] in text
    assert "CVPR Outstanding Reviewer Award" in text and "2023, 2024" in text
    for talk in sample["projects"]:
        assert fold(talk["name"]) in text and talk["venue"]["short"] in text
    for service in sample["volunteer"]:
        assert service["position"] in text
    assert "JMLR, IEEE TPAMI, IEEE T-IFS, TMLR" in text
    for mentee in sample["meta"]["mentees"]:
        assert mentee["name"] in text


def test_header_highlights_and_notes(rendered: tuple[str, bytes, str], sample: dict[str, Any]) -> None:
    _, pdf, text = rendered
    assert text.startswith("Yihua Zhang")
    assert "zhan1908@msu.edu" in text and "(+1) 5179803880" in text
    assert "Citations: 1805 (Google Scholar, Nov 3, 2025)" in text
    for highlight in sample["basics"]["researchHighlights"]:
        assert fold(highlight["title"]) in text
    assert "Spotlight (3.2% of 21575 submissions)" in text
    assert "* equal contribution" in text
    assert "First-authored" in text and "Co-authored" in text
    assert text.index("First-authored") < text.index(fold(sample["publications"][0]["name"])) < text.index(
        "Co-authored") < text.index(fold(sample["publications"][16]["name"]))
    assert "mailto:zhan1908@msu.edu" in link_targets(pdf)


def test_dates_at_their_real_precision(rendered: tuple[str, bytes, str]) -> None:
    _, _, text = rendered
    assert "Sep 2025 – present" in text  # an ongoing position: a month, no day
    assert "2015 – 2019" in text  # a degree known to the year only
    assert "May 2024 – Aug 2024" in text  # a mentee's months
    assert not re.search(r"Jan(uary)? 2015|1, 2015", text)


def test_the_self_author_is_bold_and_no_one_else(sample: dict[str, Any]) -> None:
    pdf, _ = render_pdf(sample, "academic")
    bold: list[str] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if font and "Bold" in str(font.get("/BaseFont")) and text.strip():
            bold.append(text.strip())

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    selves = sum(1 for p in sample["publications"] for a in p["authors"] if a.get("self"))
    assert sum(1 for b in bold if b == "Y. Zhang") == selves
    assert "C. Wang" not in bold and "S. Liu" not in bold


def test_equal_contribution_marks(sample: dict[str, Any]) -> None:
    doc = {"basics": {"name": "A"}, "publications": [{"name": "Paper One", "authors": [
        {"name": "B. Bee", "equalContribution": True}, {"name": "C. Sea", "equalContribution": True},
        {"name": "D. Dee", "corresponding": True}]}]}
    text = pdf_text(render_pdf(doc)[0])
    assert "B. Bee*, C. Sea*, D. Dee†. Paper One." in text
    assert "* equal contribution; † corresponding author" in text


def test_doi_arxiv_links_and_precise_release_dates() -> None:
    doc = {"basics": {"name": "A"}, "publications": [
        {"name": "Paper One", "authors": [{"name": "A", "self": True}], "doi": "10.1000/xyz-1",
         "arxiv": "2401.00001", "releaseDate": "2024-03", "venue": {"name": "Journal of Things"},
         "volume": "3", "pages": "1-9"},
        {"name": "Paper Two", "releaseDate": "2023-11-07", "url": "https://example.org/p2", "status": "submitted"}]}
    pdf, report = render_pdf(doc)
    text = pdf_text(pdf)
    assert "Journal of Things, vol. 3, pp. 1-9, Mar 2024." in text
    assert "Nov 7, 2023" in text and "(submitted)" in text
    assert "doi:10.1000/xyz-1" in text and "arXiv:2401.00001" in text
    targets = link_targets(pdf)
    assert {"https://doi.org/10.1000/xyz-1", "https://arxiv.org/abs/2401.00001", "https://example.org/p2"} <= set(
        targets)
    assert list(report) == []


def test_skills_languages_orcid_profiles() -> None:
    doc = {"basics": {"name": "A", "orcid": "0000-0002-1825-0097", "url": "https://a.example",
                      "profiles": [{"network": "GitHub", "username": "aa", "url": "https://github.com/aa"}]},
           "skills": [{"name": "Optimization", "level": "Expert", "keywords": ["bi-level", "zeroth-order"]}],
           "languages": [{"language": "Mandarin", "fluency": "Native speaker"},
                         {"language": "German", "cefr": {"reading": "B2"}}]}
    pdf, report = render_pdf(doc)
    text = pdf_text(pdf)
    assert "ORCID 0000-0002-1825-0097" in text and "GitHub: aa" in text
    assert "Optimization Expert · bi-level, zeroth-order" in text
    assert "Mandarin Native speaker" in text and "German reading B2" in text
    assert {"https://orcid.org/0000-0002-1825-0097", "https://github.com/aa"} <= set(link_targets(pdf))
    assert list(report) == []


def test_what_the_pdf_leaves_out_is_reported(sample: dict[str, Any]) -> None:
    doc = copy.deepcopy(sample)
    doc["references"] = [{"name": "R", "reference": "Great"}]
    _, report = build_view(doc)
    assert sorted(x.pointer for x in report) == ["/meta/source", "/references"]


def test_the_two_themes_differ_only_in_layout(sample: dict[str, Any]) -> None:
    academic, compact = render_pdf(sample, "academic")[0], render_pdf(sample, "compact")[0]
    sizes = {round(pypdf.PdfReader(io.BytesIO(p)).pages[0].mediabox.width) for p in (academic, compact)}
    assert sizes == {595, 612}  # A4 and US letter
    assert len(pypdf.PdfReader(io.BytesIO(compact)).pages) < len(pypdf.PdfReader(io.BytesIO(academic)).pages)


def test_an_unknown_theme_is_one_line() -> None:
    with pytest.raises(TypstRenderError, match=r"^unknown Typst theme 'nope'; bundled themes: academic, compact"):
        render_pdf({}, "nope")


def test_a_broken_user_template_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.typ"
    bad.write_text("#let x = (\n", encoding="utf-8")
    with pytest.raises(TypstRenderError, match=r"^Typst could not lay out theme '.*bad\.typ': "):
        render_pdf({}, str(bad))


# --- escaping: text prints as written ---------------------------------------------------------------------------

SPECIALS = "#$*_@<>\\`[]{}~'\"/=%&|^!-+:;.,?()"
TEXT = st.text(alphabet=st.sampled_from(SPECIALS + "abcXYZ019 "), min_size=1, max_size=40).filter(
    lambda s: s.strip() != "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, name=TEXT)
def test_markup_characters_print_as_written(title: str, name: str) -> None:
    doc = {"basics": {"name": name}, "publications": [{"name": title, "authors": [{"name": name, "self": True}]}]}
    text = pdf_text(render_pdf(doc)[0])
    assert fold(title) in text
    assert text.startswith(fold(name))


@pytest.mark.parametrize("title", ["#set page(width: 1cm)", "$x^2$ and *bold* and _it_", "@ref <label> `code`",
                                   "\\ backslash \\\\ two", "#{panic()}", "]) #panic() //"])
def test_code_in_a_title_is_text(title: str) -> None:
    doc = {"publications": [{"name": title}]}
    assert fold(title) in pdf_text(render_pdf(doc)[0])


# --- the CLI ----------------------------------------------------------------------------------------------------


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv.cli", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_cli_writes_the_pdf_and_a_page_image(tmp_path: Path) -> None:
    out = tmp_path / "cv.pdf"
    proc = cli("render", str(SAMPLE_JSON), "--pdf", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == [
        f"resumeconv: {SAMPLE_JSON}: 1 item(s) could not be carried to the PDF (Typst theme academic):",
        "  /meta/source: the Typst PDF does not show it",
        f"resumeconv: {SAMPLE_JSON}: 1 value(s) normalized for the PDF (Typst theme academic) (-v lists them)"]
    verbose = cli("render", str(SAMPLE_JSON), "--pdf", str(out), "-v")
    assert verbose.stderr.splitlines()[2:] == [
        f"resumeconv: {SAMPLE_JSON}: 1 value(s) normalized for the PDF (Typst theme academic):",
        "  /$schema: which schema the file follows, not CV content: not written"]
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 3
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: no page images")
    PAGES.mkdir(parents=True, exist_ok=True)
    for theme in themes():
        pdf = out if theme == "academic" else tmp_path / f"{theme}.pdf"
        if theme != "academic":
            assert cli("render", str(SAMPLE_JSON), "-t", theme, "-q", "-o", str(pdf)).returncode == 0
        subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), str(PAGES / theme)],
                       check=True, timeout=60)
        assert (PAGES / f"{theme}-1.png").stat().st_size > 10_000


def test_cli_pdf_to_stdout() -> None:
    proc = subprocess.run([sys.executable, "-m", "resumeconv.cli", "render", str(SAMPLE_JSON), "-q", "-o", "-"],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith(b"%PDF-") and proc.stderr == b""


@pytest.mark.parametrize(("args", "line"), [
    ([], "resumeconv: the typst engine writes a PDF: give --pdf FILE (or -o FILE, '-o -' for stdout)"),
    (["-t", "nope.typ", "--pdf", "x.pdf"], "resumeconv: nope.typ: No such file or directory"),
    (["--engine", "typst", "-t", "even", "--pdf", "x.pdf"],
     "resumeconv: unknown Typst theme 'even'; bundled themes: academic, compact (or give the path of a .typ template)"),
])
def test_cli_usage_errors_are_one_line(tmp_path: Path, args: list[str], line: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "resumeconv.cli", "render", str(SAMPLE_JSON), *args],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert (proc.returncode, proc.stderr.splitlines()) == (2, [line])
    assert not (tmp_path / "x.pdf").exists()


def test_cli_without_the_extra_names_it(tmp_path: Path) -> None:
    (tmp_path / "typst.py").write_text("raise ImportError('no typst here')\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    proc = cli("render", str(SAMPLE_JSON), "--pdf", str(tmp_path / "cv.pdf"), env=env)
    assert (proc.returncode, proc.stderr.splitlines()) == (
        2, ["resumeconv: the Typst engine needs the 'pdf' extra: pip install 'resumeconv[pdf]'"])
    assert not (tmp_path / "cv.pdf").exists()


# --- scripts the bundled fonts do not cover ----------------------------------------------------------------------

CJK = {"basics": {"name": "张伟", "label": "研究员", "summary": "Works on 한국어 and 日本語 corpora."}}


def _cjk_font_dir() -> str:
    """A folder holding Noto CJK (Debian's fonts-noto-cjk), or a skip saying how to get one."""
    found = sorted(Path("/usr/share/fonts").glob("**/Noto*CJK*.tt[cf]")) if Path("/usr/share/fonts").is_dir() else []
    if not found:
        pytest.skip("no Noto CJK font installed (apt-get install fonts-noto-cjk; .ci/run does, best effort)")
    return str(found[0].parent)


def _text(pdf: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(pdf))


def test_characters_no_font_has_are_reported_with_the_characters() -> None:
    """CJK names printed as blank .notdef boxes, exit 0, no word; now each value names what no font has."""
    pdf, report = render_pdf(CJK, system_fonts=False)
    assert "(cid:0)" in _text(pdf)
    lost = {x.pointer: x.reason for x in report.items}
    assert lost["/basics/name"] == ("no font has 伟 张: they print as blank boxes (install fonts that cover them, e.g. "
                                    "Debian's fonts-noto-cjk, or give --font-path DIR or RESUMECONV_FONT_PATH)")
    assert lost["/basics/summary"].startswith("no font has 日 本 語 국 어 한: they print as blank boxes")
    assert lost["/basics/label"].startswith("no font has 员 研 究: ")


def test_a_font_path_with_cjk_fonts_prints_the_names() -> None:
    pdf, report = render_pdf(CJK, font_paths=[_cjk_font_dir()], system_fonts=False)
    text = _text(pdf)
    assert "张伟" in text and "研究员" in text and "한국어" in text and "(cid:0)" not in text
    assert not [x for x in report.items if "no font has" in x.reason]


def test_cli_font_path_and_a_missing_folder(tmp_path: Path) -> None:
    cv = tmp_path / "cv.json"
    cv.write_text(json.dumps(CJK, ensure_ascii=False), encoding="utf-8")
    bad = cli("render", str(cv), "--pdf", str(tmp_path / "a.pdf"), "--font-path", str(tmp_path / "nope"))
    assert bad.returncode == 2
    assert bad.stderr == f"resumeconv: {tmp_path / 'nope'}: no such font folder (--font-path, RESUMECONV_FONT_PATH)\n"
    ok = cli("render", str(cv), "--pdf", str(tmp_path / "cv.pdf"), "--font-path", _cjk_font_dir())
    assert ok.returncode == 0, ok.stderr
    assert "no font has" not in ok.stderr
    assert "张伟" in _text((tmp_path / "cv.pdf").read_bytes())
