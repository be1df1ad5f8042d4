"""The Markdown writer: numbered publications, the owner in bold, '*' for equal contribution, venues and notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import resumeconv

FIXTURE = Path(__file__).parent / "fixtures" / "themes" / "academic.json"


@pytest.fixture
def md() -> str:
    return resumeconv.write(json.loads(FIXTURE.read_text(encoding="utf-8")), "markdown").text


def _section(text: str, title: str) -> list[str]:
    """The lines of one '## ' section, without its heading."""
    lines = text.splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return lines[start:end]


def test_publications_numbered_with_owner_bold_marks_venues_and_notes(md: str) -> None:
    assert _section(md, "Publications") == [
        "", "Ten papers.",
        "", "\\* equal contribution · † corresponding author",
        "", "### First-authored",
        "", "1. **Sharp Minima\\_Revisited**\\",
        "   **A. Researcher**\\*, B. Other\\*, C. Senior†\\",
        "   *International Conference on Machine Learning (ICML'24)*, 2024. Oral (1.5%)\\",
        "   DOI: [10.1234/icml.2024.5](https://doi.org/10.1234/icml.2024.5) · "
        "arXiv: [2401.01234](https://arxiv.org/abs/2401.01234)",
        "", "### Co-authored",
        "", "2. [**A Journal Paper**](https://journal.example.org/p/1)\\",
        "   D. First, **A. Researcher**\\",
        "   *JMLR*, MIT Press, vol. 24, no. 3, pp. 1--30, May 2, 2023. In press\\",
        "   DOI: [10.5555/jmlr.1](https://doi.org/10.5555/jmlr.1)",
        "",
    ]


def test_header_and_sections(md: str) -> None:
    lines = md.splitlines()
    assert lines[:7] == [
        "# Ada Q. Researcher", "", "*PhD candidate*", "", "![Ada Q. Researcher](https://ada.example.org/ada.png)", "",
        "ada@example.org · [https://ada.example.org](https://ada.example.org) · "
        "ORCID [0000-0002-1825-0097](https://orcid.org/0000-0002-1825-0097) · "
        "[https://github.com/ada](https://github.com/ada) · nobody",
    ]
    assert "I study \\*robust\\* optimization." in lines
    assert "Citations: 120 (Google Scholar, Nov 3, 2025)" in lines
    assert _section(md, "Education")[1:] == [
        "- **Ph.D., Computer Science** (candidate), State University, College of Engineering, Springfield, USA "
        "(Sep 2020)",
        "  - Thesis: Robust Things", "  - Advisors: Dr. B. Advisor", "  - Committee: Dr. C. One, Dr. D. Two",
        "  - Research areas: Optimization", "  - Score: 3.9/4.0", ""]
    assert "### Research Intern, [Lab Corp](https://lab.example.com) (May 2024 – Aug 2024)" in lines
    assert "*Vision Team · full-time, internship · remote*" in lines
    assert "### Engineer, Old Corp (2019 – 2021)" in lines
    assert _section(md, "Honors and awards")[1:3] == [
        "- **Rising Star**, Stanford University (2024, 2025): $1,000; 15 recipients",
        "- **Best Paper**, NeurIPS, NeurIPS Foundation (Dec 1, 2023)"]
    assert _section(md, "Talks and tutorials")[1] == (
        "- **Tutorial on Robustness**, AAAI'24, Vancouver, Canada, Feb 2024 (Speaker; with A. Researcher, C. Senior)")
    assert _section(md, "Service")[1:3] == ["- **Reviewer** (reviewing): JMLR, TMLR",
                                            "- **Organizer, ICML** (organizing): ICML'23, Jul 2023"]
    assert _section(md, "Mentoring")[1] == "- **E. Student** (Undergraduate @ USTC), May 2024 – Aug 2024: ICCV'25"
    assert _section(md, "Languages")[1] == "- **German**, Professional, listening C1, reading C2"


def test_losses_name_what_markdown_does_not_show() -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    doc["work"][0]["unknownField"] = {"a": 1}
    losses = {x.pointer for x in resumeconv.write(doc, "markdown").losses if x.kind == "loss"}
    assert losses == {"/publications/0/type", "/publications/1/type", "/meta/version", "/meta/source",
                      "/work/0/unknownField"}


def test_sample_markdown_numbers_all_publications(sample_doc: dict) -> None:
    text = resumeconv.write(sample_doc, "markdown").text
    numbers = [line.split(".", 1)[0] for line in text.splitlines() if line[:1].isdigit() and ". **" in line[:6]]
    assert numbers == [str(i) for i in range(1, 35)]
    assert text.count("**Y. Zhang**") == sum(any(a.get("self") for a in p["authors"])
                                              for p in sample_doc["publications"])


def test_empty_document() -> None:
    result = resumeconv.write({}, "markdown")
    assert result.text == "# Curriculum Vitae\n"
    assert result.losses == []


def test_every_corpus_document_writes(shared: Path) -> None:
    """Writers take any document, even one our schema rejects (an i18n resume with objects for strings)."""
    written = 0
    for path in sorted((shared / "corpus").glob("*/*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if isinstance(doc, dict):
            assert resumeconv.write(doc, "markdown").text.startswith("# "), path.name
            assert resumeconv.write(doc, "theme").data.startswith(b"{"), path.name
            written += 1
    assert written >= 30
