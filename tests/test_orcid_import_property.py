"""Property: generated publications go through ORCID's own "Import BibTeX" code with no difference that the
orcid-bibtex writer did not report, and exactly as the writer's model of ORCID's importer predicts.

Each example is one document of many publications, written to one .bib and imported by one oracle call. Size:
RESUMECONV_ORACLE_EXAMPLES documents (CI: 25) of up to 20 publications each, so about 250 entries per run.
"""

from __future__ import annotations

import os
import string
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resumeconv
from orcid_oracle import imported_works
from resumeconv.core import dates
from resumeconv.core.losses import covered, pointer
from resumeconv.formats._bibtex_entry import orcid_work_types

EXAMPLES = int(os.environ.get("RESUMECONV_ORACLE_EXAMPLES", "25"))
_PIECES = [*string.punctuation, " ", "  ", "a", "Z", "0", "é", "Ü", "ñ", "ø", "ß", "Å", "中文", "論文", "😀", "🧪",
           "$O(n^2)$", "$\\alpha$", "\\emph{x}", "``q''", "'s", '"quoted"', "--", "---", "?`", "!`", "~", "^", "\\",
           "{}", "\\&", "\t", " and ", " AND ", "and", "\u00a0", "x", "Deep Learning"]
_text = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join)
_word = st.sampled_from(["Zhang", "Müller", "O'Neil", "van der Berg", "李", "Núñez", "Smith-Jones", "Ng"])
_person = st.one_of(
    st.builds(lambda a, b: f"{a[0]}. {b}", _word, _word),
    st.builds(lambda a, b: f"{a}, {b}", _word, _word),  # "Last, First"
    st.sampled_from(["Bill and Melinda Gates Foundation", "Research and Development Team", "AND Corp",
                     "Ministry of Health and Welfare", "and"]),
    _text,
)
_types = st.sampled_from(sorted(orcid_work_types()))
_date = st.one_of(st.none(), st.integers(1900, 2100).map(str),
                  st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1900, 2100), st.integers(1, 12)),
                  st.sampled_from(["2024-02-29", "1999-12-31"]))
_doi = st.one_of(st.none(), st.sampled_from(["10.1234/abc.def", "10.1000/a&b_c%d#e", "10.5555/(SICI)1:2<3>"]))
_url = st.one_of(st.none(), st.sampled_from(["https://example.org/a?b=1&c=2#frag", "https://x.org/%7Euser/a_b"]))


@st.composite
def _publication(draw: st.DrawFn) -> dict[str, Any]:
    pub: dict[str, Any] = {"name": draw(_text), "type": draw(_types)}
    pub["authors"] = [{"name": n} for n in draw(st.lists(_person, max_size=4))]
    if draw(st.booleans()):
        pub["venue"] = {"name": draw(_text)}
    for key, strategy in (("releaseDate", _date), ("doi", _doi), ("url", _url),
                          ("arxiv", st.one_of(st.none(), st.just("2310.01234v2")))):
        value = draw(strategy)
        if value is not None:
            pub[key] = value
    return pub


def _expected(pub: dict[str, Any]) -> dict[tuple[str | int, ...], Any]:
    """What the CV says, at the place a difference is reported."""
    out: dict[tuple[str | int, ...], Any] = {("name",): pub["name"], ("type",): orcid_work_types()[pub["type"]]}
    named = [(j, a["name"]) for j, a in enumerate(pub["authors"]) if a["name"].strip()]  # blank ones: reported
    out[("authors",)] = len(named)
    for j, name in named:
        out[("authors", j, "name")] = name
    out[("venue",)] = (pub.get("venue") or {}).get("name")
    if "releaseDate" in pub:
        year, month, _ = dates.parts(pub["releaseDate"])
        out[("releaseDate",)] = {"year": str(year), **({"month": f"{month:02d}"} if month else {})}
    ids = {k: pub[k] for k in ("doi", "arxiv") if k in pub}
    out[("doi",)], out[("arxiv",)] = ids.get("doi"), ids.get("arxiv")
    out[("url",)] = pub.get("url")
    return out


def _got(work: dict[str, Any], pub: dict[str, Any]) -> dict[tuple[str | int, ...], Any]:
    """What ORCID's dialog would send, at the same places (contributors against the CV's named authors)."""
    names = [c["name"] for c in work["contributors"]]
    out: dict[tuple[str | int, ...], Any] = {("name",): work["title"], ("type",): work["type"]}
    out[("authors",)] = len(names)
    named = [j for j, a in enumerate(pub["authors"]) if a["name"].strip()]
    for j, name in zip(named, names, strict=False):
        out[("authors", j, "name")] = name
    out[("venue",)] = work["journalTitle"]
    if work["publicationDate"]:
        out[("releaseDate",)] = work["publicationDate"]
    ids = {e["type"]: e["value"] for e in work["externalIds"]}
    out[("doi",)], out[("arxiv",)] = ids.get("doi"), ids.get("arxiv")
    out[("url",)] = work["url"]
    return out


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(pubs=st.lists(_publication(), min_size=1, max_size=20))
def test_orcid_imports_generated_works_with_only_reported_differences(pubs: list[dict[str, Any]]) -> None:
    from resumeconv.formats._bibtex_entry import Entry
    from resumeconv.formats.bibtex.reader import Parser
    from resumeconv.formats.bibtex.writer import orcid_view

    written = resumeconv.write({"publications": pubs}, "orcid-bibtex")
    with tempfile.TemporaryDirectory() as tmp:
        works = imported_works(written.data, Path(tmp))
    assert len(works) == len(pubs)
    entries = Parser(written.text, None).entries()
    for i, (pub, work, (kind, key, fields, _)) in enumerate(zip(pubs, works, entries, strict=True)):
        model = orcid_view(Entry(kind, key, [(k, "{" + v + "}") for k, v in fields.items()]))
        real = {k: work[k] for k in model} | {"contributors": [c["name"] for c in work["contributors"]]}
        assert model == real, f"model of ORCID's importer differs on entry {i}"
        want, got = _expected(pub), _got(work, pub)
        for place in want.keys() | got.keys():
            if want.get(place) != got.get(place):
                at = pointer("publications", i, *place)
                assert covered(at, written.losses) or any(x.pointer.startswith(at + "/") for x in written.losses), (
                    f"{at}: ORCID gets {got.get(place)!r}, the CV has {want.get(place)!r}; no loss says so")
