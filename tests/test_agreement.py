"""One CV, every writer that holds authors: each person's family name, particle and suffix, each citation key and
each date's precision must read the same from every output, read by the consumers' own parsers.

Documents are generated (hypothesis) from awkward names ("Martin Luther King Jr.", "Zhang, Yihua", "de la Cruz,
María José", "Bill & Melinda Gates Foundation", CJK...) and partial dates. The reference is ``core/names.parse`` of
the CV's text and ``core/keys`` / ``core/dates`` of the publication; the outputs are read by pybtex (``bibtex``,
``orcid-bibtex`` and the BibTeX citation inside ``orcid-json``/``orcid-xml``), citeproc-py (``csl-json``), RenderCV's
own model (``rendercv``), the Europass XML's own name elements (``europass``) and our readers where the format is
plain text (``markdown``, the ORCID works' credit names).
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resumeconv
from resumeconv.core import dates, keys, names
from resumeconv.core.names import Person

pybtex_database = pytest.importorskip("pybtex.database", reason="pybtex is in the test extra")
pytest.importorskip("latexcodec", reason="pybtex's LaTeX codec (registers 'ulatex')")

AWKWARD = ("Martin Luther King Jr.", "Sammy Davis III", "Zhang, Yihua", "de la Cruz, María José",
           "Bill & Melinda Gates Foundation", "Ludwig van Beethoven", "Y. Zhang", "Zhang Y", "王小明",
           "ATLAS Collaboration", "Smith, Jr., John", "Jean-Claude Van Damme", "Müller und Söhne Partner",
           "김민수", "María José de la Cruz", "P.-Y. Chen")
TITLES = ("Deep Results in Learning", "A Note on Bi-level Optimization", "The Fragile Truth of Saliency",
          "On $O(n^2)$ Bounds & 100% Recall")
DATES = ("2021", "2019-03", "2024-02-29", "2020-12-31")
TYPES = ("conference-paper", "journal-article", "preprint", "book-chapter")


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    pubs = []
    for _ in range(draw(st.integers(1, 4))):
        authors = draw(st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=3))
        pubs.append({"name": draw(st.sampled_from(TITLES)), "type": draw(st.sampled_from(TYPES)),
                     "releaseDate": draw(st.sampled_from(DATES)), "authors": [{"name": n} for n in authors],
                     "venue": {"name": "Journal of Examples"}})
    return {"basics": {"name": draw(st.sampled_from(AWKWARD[:4] + AWKWARD[5:7]))}, "publications": pubs}


def _parts(person: Person) -> tuple[str, str, str]:
    """What every consumer must agree on: family name (or the organisation whole), particle, suffix."""
    return (person.literal or person.family, person.particle, person.suffix)


def _latex(text: str) -> str:
    return codecs.decode(text, "ulatex").replace("{", "").replace("}", "")


def _bibtex_people(text: str) -> tuple[list[str], list[list[tuple[str, str, str]]], list[tuple[int, ...]]]:
    """Keys, each entry's authors as pybtex splits them, and (year, month) as written, read by pybtex."""
    entries = pybtex_database.parse_string(text, "bibtex").entries
    people = [[(_latex(" ".join(p.last_names)), _latex(" ".join(p.prelast_names)), _latex(" ".join(p.lineage_names)))
               for p in entry.persons.get("author", [])] for entry in entries.values()]
    months = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                          "nov", "dec"), start=1)}
    when = []
    for entry in entries.values():
        month = entry.fields.get("month", "")
        number = int(month) if month.isdigit() else months.get(month.lower()[:3])  # pybtex: "March"
        when.append((int(entry.fields["year"]), *([number] if number else [])))
    return list(entries.keys()), people, when


def _expected(doc: dict[str, Any]) -> tuple[list[str], list[list[tuple[str, str, str]]]]:
    pubs = doc["publications"]
    return keys.all_keys(pubs), [[_parts(names.parse(a["name"])) for a in p["authors"]] for p in pubs]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(doc=documents())
def test_every_writer_agrees_on_names_keys_and_dates(doc: dict[str, Any]) -> None:
    want_keys, want_people = _expected(doc)
    precision = [dates.date_of(p["releaseDate"]) for p in doc["publications"]]
    year_month = [tuple(x for x in (d.year, d.month) if x is not None) for d in precision if d is not None]

    # BibTeX, both writers, and the citation ORCID's works carry: pybtex reads the same people, keys and dates.
    for target in ("bibtex", "orcid-bibtex"):
        written = resumeconv.write(doc, target)
        got_keys, got_people, when = _bibtex_people(written.text)
        assert (got_keys, got_people, when) == (want_keys, want_people, year_month), target
        # BibTeX's year and month hold no day: a day is reported lost, never silently dropped.
        lost = {x.pointer for x in written.losses if x.kind == "loss"}
        assert {f"/publications/{i}/releaseDate" for i, d in enumerate(precision) if d and d.day} <= lost
    works = json.loads(resumeconv.write(doc, "orcid-json").data)["bulk"]
    citations = "\n".join(w["work"]["citation"]["citation-value"] for w in works)
    assert _bibtex_people(citations)[:2] == (want_keys, want_people)
    for work, pub, date in zip(works, doc["publications"], precision, strict=True):
        credit = [c["credit-name"]["value"] for c in work["work"]["contributors"]["contributor"]]
        assert [_parts(names.parse(c)) for c in credit] == [_parts(names.parse(a["name"])) for a in pub["authors"]]
        published = work["work"]["publication-date"]
        assert date is not None
        assert [int(published[k]["value"]) for k in ("year", "month", "day") if k in published] == \
            [x for x in date if x is not None]
    xml = resumeconv.write(doc, "orcid-xml").text
    assert re.findall(r"@\w+\{([^,]+),", xml) == want_keys

    # CSL-JSON through citeproc-py: ids are the same keys, names the same parts, issued at the same precision.
    from citeproc.source.json import CiteProcJSON

    items = json.loads(resumeconv.write(doc, "csl-json").data)
    source = CiteProcJSON(items)
    assert [item["id"] for item in items] == want_keys
    for key, want, date in zip(want_keys, want_people, precision, strict=True):
        reference = source[key]
        got = [(n.get("literal") or n.get("family"), n.get("non-dropping-particle", ""), n.get("suffix", ""))
               for n in reference.author]
        assert got == want
        assert date is not None
        assert [reference.issued.get(k) for k in ("year", "month", "day") if reference.issued.get(k)] == \
            [x for x in date if x is not None]

    _rendercv_agrees(doc, want_people, precision)
    _europass_agrees(doc)
    markdown = resumeconv.write(doc, "markdown").text
    for pub in doc["publications"]:
        assert ", ".join(a["name"] for a in pub["authors"]) in markdown


def _rendercv_agrees(doc: dict[str, Any], want_people: list[list[tuple[str, str, str]]],
                     precision: list[Any]) -> None:
    """RenderCV's own model holds every author (its marks aside) and each date at its precision."""
    reader = pytest.importorskip("rendercv.data.reader", reason="rendercv is in the test extra")
    from resumeconv.formats.rendercv.fields import parse_author

    text = resumeconv.write(doc, "rendercv").text
    model = reader.validate_input_dictionary_and_return_the_data_model(reader.read_a_yaml_file(text))
    entries = [e for s in model.cv.sections if s.entry_type == "PublicationEntry" for e in s.entries]
    got = [[_parts(names.parse(parse_author(a)[0])) for a in e.authors] for e in entries]
    assert got == want_people
    for entry, date in zip(entries, precision, strict=True):
        assert str(entry.date) == dates.format_iso(*date)
    assert _parts(names.parse(model.cv.name)) == _parts(names.parse(doc["basics"]["name"]))


def _europass_agrees(doc: dict[str, Any]) -> None:
    """Europass keeps given and family names apart: the family name with its particle and suffix."""
    xml = resumeconv.write(doc, "europass").text
    family = re.search(r"<hr:FamilyName>([^<]*)</hr:FamilyName>", xml)
    assert family is not None
    assert family.group(1) == names.to_europass(names.parse(doc["basics"]["name"]))[1]


def test_the_twelve_awkward_authors_agree_in_csl_and_bibtex() -> None:
    """The issue's measure: CSL-JSON (citeproc-py) and BibTeX (pybtex) agreed on 5 of these 12 family names."""
    twelve = ("Martin Luther King Jr.", "Sammy Davis III", "Zhang, Yihua", "de la Cruz, María José",
              "Bill & Melinda Gates Foundation", "Ludwig van Beethoven", "Y. Zhang", "Zhang Y", "Vincent van Gogh",
              "王小明", "ATLAS Collaboration", "Smith, Jr., John")
    families = ["King", "Davis", "Zhang", "Cruz", "Bill & Melinda Gates Foundation", "Beethoven", "Zhang", "Zhang",
                "Gogh", "王", "ATLAS Collaboration", "Smith"]
    doc = {"publications": [{"name": f"Paper number {i}", "type": "journal-article", "releaseDate": "2021",
                             "authors": [{"name": n}]} for i, n in enumerate(twelve)]}
    csl = [item["author"][0] for item in json.loads(resumeconv.write(doc, "csl-json").data)]
    bib_keys, bib_people, _ = _bibtex_people(resumeconv.write(doc, "bibtex").text)
    assert [n.get("family") or n.get("literal") for n in csl] == [p[0][0] for p in bib_people] == families
    assert bib_keys == [item["id"] for item in json.loads(resumeconv.write(doc, "csl-json").data)]
    assert bib_keys[:4] == ["king2021paper", "davis2021paper", "zhang2021paper", "cruz2021paper"]
