"""The bibtex reader and the orcid-bibtex writer: ORCID-ready entries that parse back to the same publications."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import resumeconv
from conftest import ROOT
from resumeconv.core.errors import InputError
from resumeconv.core.names import parse

FIXTURES = ROOT / "tests" / "fixtures" / "orcid"


def _ids(pub: dict) -> tuple:
    return pub.get("doi"), pub.get("arxiv"), pub.get("url")


def _roundtrip(doc: dict) -> list[dict]:
    data = resumeconv.write(doc, "orcid-bibtex").data
    return resumeconv.read(data, format="bibtex").document["publications"]


def test_sample_roundtrips_titles_authors_years_ids(sample_doc: dict) -> None:
    back = _roundtrip(sample_doc)
    assert len(back) == len(sample_doc["publications"]) == 34
    for mine, theirs in zip(sample_doc["publications"], back, strict=True):
        assert theirs["name"] == mine["name"]
        # The same person's name, reordered or not: "Y, Chen" is written "Chen, Y" and read as "Y Chen".
        assert [parse(a["name"]) for a in theirs["authors"]] == [parse(a["name"]) for a in mine["authors"]]
        assert theirs["releaseDate"][:4] == mine["releaseDate"][:4]
        assert _ids(theirs) == _ids(mine)
    assert [a["name"] for a in back[0]["authors"]] == ["Y. Zhang", "C. Wang", "Y Chen", "C. Fan", "J Jia", "S. Liu"]


def test_fixture_roundtrips_ids_and_special_characters() -> None:
    doc = json.loads((FIXTURES / "cv-with-ids.json").read_text(encoding="utf-8"))
    back = _roundtrip(doc)
    assert back[0]["name"] == "Sharp Minima & the 100% Rule: {Braces} in_Titles"
    assert [a["name"] for a in back[0]["authors"]] == ["A. Example", "Y Chen", "Jérôme Müller"]
    assert back[0]["releaseDate"] == "2024-03-05"
    assert (back[0]["doi"], back[0]["volume"], back[0]["issue"], back[0]["pages"]) == (
        "10.1234/JEX.2024.001", "12", "3", "100--120")
    assert back[1]["arxiv"] == "2310.01234v2" and back[1]["releaseDate"] == "2023-11"
    assert back[2]["url"] == "https://example.org/notes/1"


def test_writer_follows_orcid_importer_rules() -> None:
    doc = json.loads((FIXTURES / "cv-with-ids.json").read_text(encoding="utf-8"))
    text = resumeconv.write(doc, "orcid-bibtex").text
    assert text.startswith("@article{example2024sharp,\n  author = {A. Example and Chen, Y and Jérôme Müller},\n")
    assert "  title = {{Sharp Minima \\& the 100\\% Rule: \\{Braces\\} in\\_Titles}},\n" in text
    assert "  year = {2024},\n  month = {3},\n" in text
    assert "  doi = {10.1234/JEX.2024.001},\n" in text
    assert "  eprint = {2310.01234v2},\n  eprinttype = {arxiv},\n" in text
    assert "archivePrefix" not in text and "@string" not in text
    assert "@inproceedings{example2022workshop," in text


def test_writer_reports_what_bibtex_cannot_hold() -> None:
    doc = json.loads((FIXTURES / "cv-with-ids.json").read_text(encoding="utf-8"))
    losses = {(x.pointer, x.kind): x.reason for x in resumeconv.write(doc, "orcid-bibtex").losses}
    assert losses[("/publications/0/authors/0/self", "loss")] == "BibTeX has no mark for the CV's owner"
    assert losses[("/publications/1/venue/short", "loss")].endswith("the short label is left out")
    assert losses[("/basics", "loss")] == "BibTeX carries publications only"
    assert losses[("/publications/0/releaseDate", "loss")].startswith("ORCID's BibTeX import reads the year and")


def test_sample_keys_are_unique_and_stable(sample_doc: dict) -> None:
    text = resumeconv.write(sample_doc, "orcid-bibtex").text
    keys = [line.split("{", 1)[1].rstrip(",") for line in text.splitlines() if line.startswith("@")]
    assert len(keys) == len(set(keys)) == 34
    assert keys[0] == "zhang2025fragile"
    assert text == resumeconv.write(sample_doc, "orcid-bibtex").text


def test_reader_handles_strings_comments_accents_and_name_forms() -> None:
    result = resumeconv.read(FIXTURES / "sample.bib")
    first, scholar, preprint = result.document["publications"]
    assert first["name"] == "BERT and the Øresund Effect: 100% & More"
    assert [a["name"] for a in first["authors"]] == ["Jérôme Müller", "Y, Chen", "Anna van der Berg", "John Doe Jr."]
    assert first["venue"] == {"name": "Advances in Neural Information Processing Systems 36"}
    assert (first["type"], first["releaseDate"], first["pages"]) == ("conference-paper", "2023-12", "1--12")
    assert (first["doi"], first["arxiv"]) == ("10.5555/ABC.123", "2310.01234v2")
    assert scholar["name"] == "Naïve Sharpness" and scholar["arxiv"] == "2402.05678" and "venue" not in scholar
    assert (preprint["type"], preprint["arxiv"]) == ("preprint", "2501.00042")
    assert [str(x) for x in result.losses] == [
        "/publications/0: BibTeX field 'primaryclass' of entry 'muller2023' has no place in the CV",
        "/publications/2: BibTeX field 'keywords' of entry 'pre2025' has no place in the CV"]


@pytest.mark.parametrize(("text", "message", "line", "column"), [
    ("@article{a,\n  title = {Open {brace}\n", "unbalanced braces: '{' is never closed", 2, 11),
    ("@article{a,\n  journal = undefinedmacro,\n}", "undefined @string macro 'undefinedmacro'", 2, 13),
    ("@article{a,\n  title = \"never closed,\n}", "unterminated quoted value", 2, 11),
])
def test_reader_errors_name_line_and_column(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(InputError) as info:
        resumeconv.read(text.encode(), format="bibtex")
    assert info.value.message == f"invalid BibTeX: {message}"
    assert (info.value.line, info.value.column) == (line, column)


def test_deep_braces_are_refused() -> None:
    with pytest.raises(resumeconv.UnsafeInputError) as info:
        resumeconv.read(b"@misc{k,\n title={" + b"{" * 5000 + b"}" * 5001 + b"}", format="bibtex")
    assert (info.value.message, info.value.line, info.value.column) == (
        "invalid BibTeX: braces nested deeper than 64 levels", 2, 72)


def test_read_documents_are_valid() -> None:
    assert resumeconv.validate(resumeconv.read(FIXTURES / "sample.bib").document) == []


def test_bib_files_are_detected_by_content() -> None:
    from resumeconv.formats import detect

    assert detect(None, b"\n@Article{x, title={T}}").name == "bibtex"
    assert detect("cv.orcid.bib", b"").name == "bibtex"


def test_special_characters_read_back_exactly() -> None:
    """``^`` is written bare and ``~`` escaped, both decoded back as themselves; TeX ligatures are broken in
    text."""
    name = "x^2 ~ y -- z --- ``q'' ?` !` \\path & 50% $5 #1 a_b {c}"
    doc = {"publications": [{"name": name, "publisher": "A--B", "pages": "1--10", "volume": "a^b"}]}
    written = resumeconv.write(doc, "bibtex")
    assert "x^2 \\textasciitilde{} y -{}- z -{}-{}- `{}`q'{}' ?{}` !{}`" in written.text
    assert "  pages = {1--10},\n" in written.text
    assert resumeconv.read(written.data, format="bibtex").document["publications"][0] == {
        "name": name, "publisher": "A--B", "pages": "1--10", "volume": "a^b", "type": "other"}
    assert [x.pointer for x in written.losses] == ["/publications/0/type"]


def test_doi_and_url_are_written_verbatim_or_left_out_with_a_loss() -> None:
    doc = {"publications": [{"name": "T", "type": "other", "doi": "10.1234/a&b_c%d#e"},
                            {"name": "T", "type": "other", "doi": "10.1234/a}b", "url": "https://x.org/{"}]}
    written = resumeconv.write(doc, "orcid-bibtex")
    assert "  doi = {10.1234/a&b_c%d#e}\n}" in written.text
    back = resumeconv.read(written.data, format="bibtex").document["publications"]
    assert back[0]["doi"] == "10.1234/a&b_c%d#e" and "doi" not in back[1] and "url" not in back[1]
    assert [(x.pointer, x.kind) for x in written.losses] == [("/publications/1/doi", "loss"),
                                                            ("/publications/1/url", "loss")]


def test_what_bibtex_folds_is_reported_as_a_normalization_at_its_place() -> None:
    """Whitespace and control characters BibTeX folds: the writer reads its entry back and names each change."""
    doc = {"publications": [{"name": "  two  spaces\tand tab ", "type": "other", "summary": "ok",
                             "authors": [{"name": "A\x1fB"}]}]}
    written = resumeconv.write(doc, "bibtex")
    assert [(x.pointer, x.kind) for x in written.losses] == [
        ("/publications/0/name", "normalization"), ("/publications/0/authors/0/name", "normalization")]
    assert written.losses[0].reason == 'BibTeX does not keep it as it is: reads back as "two spaces and tab"'


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=40).filter(lambda t: t.strip()))
def test_any_title_reads_back_with_only_whitespace_folded(text: str) -> None:
    """Escaping is exact: the only change BibTeX makes to text is folding whitespace, and then it is reported."""
    written = resumeconv.write({"publications": [{"name": text, "type": "other"}]}, "bibtex")
    back = resumeconv.read(written.data, format="bibtex").document["publications"][0]
    assert back["name"] == " ".join(text.split())
    assert [x.pointer for x in written.losses] == ([] if back["name"] == text else ["/publications/0/name"])


_LATEX_PIECES = ["{", "}", "&", "#", "^", "_", "'", '"', "`", "-", "?", "!", "a", " ", "\t", "é", "\\&", "\\%", "\\$",
                 "\\#", "\\_", "\\{", "\\}", "\\", "%", "$", "~", "\xa0", "\\textbackslash{}", "\\'e"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_LATEX_PIECES), max_size=15).map("".join) | st.text(max_size=20))
def test_fast_latex_decoding_agrees_with_pylatexenc(text: str) -> None:
    """The reader skips pylatexenc for text that is only characters, braces and ``\\&``-like escapes."""
    from resumeconv.formats.bibtex.reader import _latex, _latex_decoder

    decoded = _latex_decoder().latex_to_text(text.replace("\\^{}", "\\textasciicircum{}"))  # ^ as the writer meant
    assert _latex(text) == " ".join(decoded.replace("\xa0", " ").split())


def test_plain_writer_round_trips_every_type_with_biblatex_fields() -> None:
    from resumeconv.formats._bibtex_entry import PLAIN_TYPES, orcid_work_types

    types = sorted(orcid_work_types())
    assert set(types) == set(PLAIN_TYPES)
    pubs = [{"name": f"Work {t}", "type": t, "releaseDate": "2024-03", "venue": {"name": f"Venue {t}"},
             "authors": [{"name": "Bill and Melinda Gates Foundation"}, {"name": "Zhang, Yihua"}]} for t in types]
    written = resumeconv.write({"publications": pubs}, "bibtex")
    # "Zhang, Yihua" is written "Zhang, Yihua" (family Zhang for every BibTeX reader) and reads back as
    # "Yihua Zhang": a normalization, nothing else.
    assert {(x.pointer, x.kind) for x in written.losses} == {
        (f"/publications/{i}/authors/1/name", "normalization") for i in range(len(pubs))}
    for pub in pubs:
        pub["authors"][1]["name"] = "Yihua Zhang"
    assert resumeconv.read(written.data, format="bibtex").document["publications"] == pubs
    text = written.text
    # Classic entry types and fields, which BibTeX styles and biblatex both read; venues braced like titles.
    assert "@phdthesis{" in text and "  school = {{Venue dissertation}},\n" in text
    assert "@techreport{" in text and "  institution = {{Venue report}},\n" in text
    assert "@article{" in text and "  entrysubtype = {magazine},\n" in text and "  journal = {{Venue " in text
    assert "  year = {2024},\n  month = mar\n" in text and "date = " not in text and "journaltitle" not in text
    assert "@thesis{" not in text and "@collection{" not in text and "@dataset{" not in text
    assert "author = {{Bill {and} Melinda Gates Foundation} and Zhang, Yihua}" in text


def test_plain_writer_is_chosen_for_dot_bib(tmp_path) -> None:
    import subprocess
    import sys

    out = tmp_path / "cv.bib"
    proc = subprocess.run([sys.executable, "-m", "resumeconv", "convert", str(ROOT / "samples" /
                           "yihua-zhang.resume.json"), "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("@inproceedings{zhang2025fragile,\n") and "  year = {2025}" in text
    back = resumeconv.read(out).document["publications"]
    assert len(back) == 34
