"""orcid-bibtex through ORCID's own "Import BibTeX" code (the oracle): what ORCID really makes of our files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import resumeconv
from conftest import ROOT, SAMPLES
from orcid_oracle import imported_works, orcid_import
from resumeconv.core.names import parse

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
        # Each contributor is the CV's author: as typed, or in BibTeX's order ("Y, Chen" arrives as "Chen, Y").
        assert [parse(c["name"]) for c in work["contributors"]] == [parse(a["name"]) for a in pub["authors"]]
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


def test_url_arrives_raw_not_escaped(tmp_path: Path) -> None:
    url = "https://example.org/a_b?x=50%25&y=1#frag"
    work = _one({"name": "T", "type": "other", "url": url}, tmp_path)
    assert work["url"] == url
    assert work["externalIds"] == [{"type": "uri", "value": url, "relationship": "self"}]


def test_circumflex_and_tex_math_arrive_as_typed(tmp_path: Path) -> None:
    title = "$O(n^2)$ bounds ~ a_b \\alpha {x} 100% #1 & more"
    written = resumeconv.write({"publications": [{"name": title, "type": "other"}]}, "orcid-bibtex")
    assert "O(n^2)" in written.text and "textasciicircum" not in written.text
    assert imported_works(written.data, tmp_path)[0]["title"] == title
    assert written.losses == []


def test_organisation_with_and_is_one_contributor(tmp_path: Path) -> None:
    """ORCID splits ``author`` on every " and ", braces or not; the writer braces the word itself."""
    names = ["Bill and Melinda Gates Foundation", "Y, Chen", "Research AND Development", "A. Smith"]
    pub = {"name": "T", "type": "other", "authors": [{"name": n} for n in names]}
    text = resumeconv.write({"publications": [pub]}, "orcid-bibtex").text
    assert "author = {{Bill {and} Melinda Gates Foundation} and Chen, Y and {Research {AND} Development} and " \
           "A. Smith}" in text
    assert [c["name"] for c in _one(pub, tmp_path)["contributors"]] == [names[0], "Chen, Y", *names[2:]]
    back = resumeconv.read(text.encode(), format="bibtex").document["publications"][0]
    assert [a["name"] for a in back["authors"]] == [names[0], "Y Chen", *names[2:]]


def test_citation_key_never_has_a_space(tmp_path: Path) -> None:
    """A human date such as "Aug 2018" used to give the key 'smithAug ...', which no BibTeX parser reads."""
    pub = {"name": "Deep Results", "type": "journal-article", "releaseDate": "Aug 2018",
           "authors": [{"name": "A. Smith"}]}
    written = resumeconv.write({"publications": [pub]}, "orcid-bibtex")
    assert written.text.startswith("@article{smith2018deep,\n")
    assert _one(pub, tmp_path)["title"] == "Deep Results"
    # The human date is read as migrate reads it (2018-08) before any writer: a normalization, not a loss.
    assert ("/publications/0/releaseDate", "normalization") in [(x.pointer, x.kind) for x in written.losses]
    cite = resumeconv.write({"publications": [pub]}, "orcid-json").data.decode()
    assert "@article{smith2018deep," in cite


def test_loss_report_says_what_orcid_does(tmp_path: Path) -> None:
    pub = {"name": "  Spaced\ttitle ", "type": "poster", "releaseDate": "2024-05-17", "pages": "1--2",
           "authors": [{"name": " A. Smith "}], "doi": "https://doi.org/10.1234/X"}
    written = resumeconv.write({"publications": [pub]}, "orcid-bibtex")
    work = _one(pub, tmp_path)
    losses = {x.pointer: (x.kind, x.reason) for x in written.losses}
    assert work["title"] == pub["name"] and "/publications/0/name" not in losses   # ORCID keeps it raw
    assert work["contributors"][0]["name"] == "A. Smith"
    assert losses["/publications/0/authors/0/name"] == ("normalization", "ORCID's importer trims a contributor's name")
    assert work["type"] == "other" and losses["/publications/0/type"][1].endswith("which ORCID files as 'other'")
    assert work["publicationDate"] == {"year": "2024", "month": "05"}
    assert losses["/publications/0/releaseDate"][0] == "loss"
    assert losses["/publications/0/pages"][1].startswith("ORCID's importer has no field for it")
    assert work["externalIds"][0]["value"] == "10.1234/X"
    assert losses["/publications/0/doi"] == ("normalization", "ORCID gets the bare doi id '10.1234/X'")
