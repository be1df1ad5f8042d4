"""orcid-bibtex through ORCID's own "Import BibTeX" code (the oracle): what ORCID really makes of our files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import resumeconv
from conftest import ROOT, SAMPLES
from orcid_oracle import imported_works, orcid_import

FIXTURES = ROOT / "tests" / "fixtures" / "orcid"


def _one(pub: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    works = imported_works(resumeconv.write({"publications": [pub]}, "orcid-bibtex").data, tmp_path)
    assert len(works) == 1
    return works[0]


def test_sample_imports_34_of_34_with_titles_contributors_years(sample_doc: dict, tmp_path: Path) -> None:
    works = imported_works((SAMPLES / "yihua-zhang.orcid.bib").read_bytes(), tmp_path)
    pubs = sample_doc["publications"]
    assert len(works) == len(pubs) == 34
    for pub, work in zip(pubs, works, strict=True):
        assert work["title"] == pub["name"]
        assert [c["name"] for c in work["contributors"]] == [a["name"] for a in pub["authors"]]
        assert {c["role"] for c in work["contributors"]} == {"author"}
        assert work["publicationDate"]["year"] == pub["releaseDate"][:4]
        assert work["journalTitle"] == pub["venue"]["name"]
    assert [w["type"] for w in works].count("conference-paper") == 32


def test_bare_year_ending_an_entry_is_never_written(tmp_path: Path) -> None:
    """ORCID's parser rejects the whole file when a bare number is followed by a line break (its known trap)."""
    pubs = [{"name": "Only a Year", "releaseDate": "2025"}, {"name": "Year and Month", "releaseDate": "2024-03"}]
    text = resumeconv.write({"publications": pubs}, "orcid-bibtex").text
    assert "  year = {2025}\n}" in text and "  month = {3}\n}" in text
    works = imported_works(text, tmp_path)
    assert [w["publicationDate"] for w in works] == [{"year": "2025"}, {"year": "2024", "month": "03"}]


def test_the_old_bare_form_is_what_orcid_rejects(tmp_path: Path) -> None:
    """The oracle itself still sees the trap the writer avoids (so the test above proves something)."""
    status, answer = orcid_import("@misc{k,\n  title = {T},\n  year = 2025\n}\n", tmp_path)
    assert status == 1 and answer["parseError"].startswith("Value expected: single_value2025")


def test_fixture_ids_arrive_as_orcid_maps_them(tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "cv-with-ids.json").read_text(encoding="utf-8"))
    works = imported_works(resumeconv.write(doc, "orcid-bibtex").data, tmp_path)
    assert works[0]["externalIds"] == [{"type": "doi", "value": "10.1234/JEX.2024.001", "relationship": "self"}]
    assert works[0]["title"] == "Sharp Minima & the 100% Rule: {Braces} in_Titles"
    assert works[0]["publicationDate"] == {"year": "2024", "month": "03"}
    assert works[1]["externalIds"] == [{"type": "arxiv", "value": "2310.01234v2", "relationship": "self"}]
    assert works[2]["url"] == "https://example.org/notes/1"
    assert works[2]["externalIds"] == [{"type": "uri", "value": "https://example.org/notes/1", "relationship": "self"}]
