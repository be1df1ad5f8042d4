"""``-t bibtex`` / ``-t orcid-bibtex`` read by the consumers' own code: pybtex (its name parser and its ``plain``
style), bibtexparser, pandoc's BibTeX reader and ORCID's importer (the oracle)."""

from __future__ import annotations

import codecs
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import resumeconv
from orcid_oracle import imported_works

pybtex_database = pytest.importorskip("pybtex.database", reason="pybtex is in the test extra")
pytest.importorskip("latexcodec", reason="pybtex's LaTeX codec (registers 'ulatex')")

SPECIALS = "x^2 ~ y \\path & 50% $5 #1 a_b {c}"


def _pybtex_text(value: str) -> str:
    """A field as pybtex's users decode it: latexcodec (pybtex's own dependency), then the group braces."""
    return codecs.decode(value, "ulatex").replace("{", "").replace("}", "")


def test_pybtex_plain_style_formats_every_sample_entry(sample_doc: dict) -> None:
    """Classic BibTeX styles need ``year`` and ``journal``/``booktitle``: pybtex's ``plain`` refuses an entry
    without them (it formatted 0 of 34 when the writer wrote biblatex's ``date``/``journaltitle`` only)."""
    from pybtex.plugin import find_plugin

    data = resumeconv.write(sample_doc, "bibtex").text
    entries = pybtex_database.parse_string(data, "bibtex").entries
    style = find_plugin("pybtex.style.formatting", "plain")()
    formatted = [style.format_entry(key, entry).text.render_as("text") for key, entry in entries.items()]
    pubs = sample_doc["publications"]
    assert len(formatted) == len(pubs) == 34
    for text, pub in zip(formatted, pubs, strict=True):
        assert pub["releaseDate"][:4] in text
        assert pub["venue"]["name"] in text.replace("{", "").replace("}", "")


def test_pybtex_and_bibtexparser_read_specials_back(tmp_path: Path) -> None:
    doc = {"publications": [{"name": SPECIALS, "type": "other", "authors": [{"name": "A. B"}]}]}
    for target in ("bibtex", "orcid-bibtex"):
        data = resumeconv.write(doc, target).text
        title = next(iter(pybtex_database.parse_string(data, "bibtex").entries.values())).fields["title"]
        # latexcodec has no entry for \$ \{ \} (LaTeX's own escapes, which LaTeX prints right): it keeps them.
        decoded = _pybtex_text(title)
        assert decoded.startswith("x^2 ~ y \\path & 50% ") and " #1 a_b " in decoded, decoded
        assert "\\$5" in title and "\\{c\\}" in title
        bibtexparser = pytest.importorskip("bibtexparser")
        if bibtexparser.__version__.startswith("1."):
            from bibtexparser.bparser import BibTexParser
            from bibtexparser.customization import convert_to_unicode

            got = bibtexparser.loads(data, parser=BibTexParser(customization=convert_to_unicode)).entries[0]["title"]
        else:
            from bibtexparser import middlewares

            library = bibtexparser.parse_string(data, append_middleware=[middlewares.LatexDecodingMiddleware()])
            got = library.entries[0].fields_dict["title"].value
        assert got == SPECIALS, (target, bibtexparser.__version__)
    assert imported_works(resumeconv.write(doc, "orcid-bibtex").data, tmp_path)[0]["title"] == SPECIALS


@pytest.mark.parametrize("name", ["Bill & Melinda Gates Foundation", "Bill and Melinda Gates Foundation",
                                  "Müller und Söhne Partner", "Smith & Jones"])
def test_organisation_is_one_braced_name_whatever_its_connector(name: str, tmp_path: Path) -> None:
    doc = {"publications": [{"name": "T", "type": "other", "authors": [{"name": name}, {"name": "A. Smith"}]}]}
    for target in ("bibtex", "orcid-bibtex"):
        data = resumeconv.write(doc, target).text
        persons = next(iter(pybtex_database.parse_string(data, "bibtex").entries.values())).persons["author"]
        assert len(persons) == 2, target
        assert persons[0].first_names == [] and len(persons[0].last_names) == 1
        assert _pybtex_text(persons[0].last_names[0]) == name
    works = imported_works(resumeconv.write(doc, "orcid-bibtex").data, tmp_path)
    assert [c["name"] for c in works[0]["contributors"]] == [name, "A. Smith"]


def test_pandoc_keeps_venue_capitals(sample_doc: dict, tmp_path: Path) -> None:
    """pandoc's BibTeX reader sentence-cases what is not braced (it kept 2 of 34 sample venues as written)."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed (.ci/run installs Debian's pandoc)")
    bib = tmp_path / "cv.bib"
    bib.write_bytes(resumeconv.write(sample_doc, "bibtex").data)
    proc = subprocess.run([pandoc, "-f", "bibtex", "-t", "csljson", str(bib)], capture_output=True, text=True,
                          timeout=120, check=True)
    items = json.loads(proc.stdout)
    pubs = sample_doc["publications"]
    assert [i.get("container-title") for i in items] == [p["venue"]["name"] for p in pubs]
    assert [i.get("title") for i in items] == [p["name"] for p in pubs]
