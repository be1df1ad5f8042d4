"""core/names and core/keys: one person-name codec and one citation key for every format."""

from __future__ import annotations

import pytest

from resumeconv.core import keys, names
from resumeconv.core.names import Person


def _tex(text: str) -> str:
    return text.replace("&", "\\&")


@pytest.mark.parametrize(("text", "person"), [
    ("Martin Luther King Jr.", Person(given="Martin Luther", family="King", suffix="Jr.")),
    ("Martin Luther King, Jr.", Person(given="Martin Luther", family="King", suffix="Jr.")),
    ("Sammy Davis III", Person(given="Sammy", family="Davis", suffix="III")),
    ("Zhang, Yihua", Person(given="Yihua", family="Zhang")),
    ("de la Cruz, María José", Person(given="María José", family="Cruz", particle="de la")),
    ("María José de la Cruz", Person(given="María José", family="Cruz", particle="de la")),
    ("van der Berg, Jr., Anna", Person(given="Anna", family="Berg", particle="van der", suffix="Jr.")),
    ("Ludwig van Beethoven", Person(given="Ludwig", family="Beethoven", particle="van")),
    ("Jean-Claude Van Damme", Person(given="Jean-Claude", family="Van Damme")),
    ("Y. Zhang", Person(given="Y.", family="Zhang")),
    ("Zhang Y", Person(given="Y", family="Zhang")),
    ("Zhang YH", Person(given="YH", family="Zhang")),
    ("Y, Chen", Person(given="Y", family="Chen")),
    ("P.-Y. Chen", Person(given="P.-Y.", family="Chen")),
    ("Plato", Person(family="Plato")),
    ("王小明", Person(given="小明", family="王")),
    ("欧阳修", Person(given="修", family="欧阳")),
    ("김민수", Person(given="민수", family="김")),
    ("山田 太郎", Person(given="太郎", family="山田")),
    ("やまだたろう", Person(literal="やまだたろう")),
    ("Bill & Melinda Gates Foundation", Person(literal="Bill & Melinda Gates Foundation")),
    ("Bill and Melinda Gates Foundation", Person(literal="Bill and Melinda Gates Foundation")),
    ("Müller und Söhne Partner", Person(literal="Müller und Söhne Partner")),
    ("Max Planck Institute for Informatics", Person(literal="Max Planck Institute for Informatics")),
    ("ATLAS Collaboration", Person(literal="ATLAS Collaboration")),
    ("The OPTML Group", Person(literal="The OPTML Group")),
])
def test_parse(text: str, person: Person) -> None:
    assert names.parse(text) == person


@pytest.mark.parametrize(("text", "bibtex", "csl", "shown"), [
    ("Martin Luther King Jr.", "King, Jr., Martin Luther",
     {"family": "King", "given": "Martin Luther", "suffix": "Jr."}, "Martin Luther King Jr."),
    ("de la Cruz, María José", "de la Cruz, María José",
     {"family": "Cruz", "given": "María José", "non-dropping-particle": "de la"}, "María José de la Cruz"),
    ("Ludwig van Beethoven", "Ludwig van Beethoven",
     {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}, "Ludwig van Beethoven"),
    ("Bill & Melinda Gates Foundation", "{Bill \\& Melinda Gates Foundation}",
     {"literal": "Bill & Melinda Gates Foundation"}, "Bill & Melinda Gates Foundation"),
    ("Research and Development Team", "{Research {and} Development Team}",
     {"literal": "Research and Development Team"}, "Research and Development Team"),
    ("王小明", "王, 小明", {"family": "王", "given": "小明"}, "王小明"),
    ("Jean-Claude Van Damme", "Van Damme, Jean-Claude", {"family": "Van Damme", "given": "Jean-Claude"},
     "Jean-Claude Van Damme"),
])
def test_renderings(text: str, bibtex: str, csl: dict, shown: str) -> None:
    person = names.parse(text)
    assert names.bibtex_name(text, _tex) == bibtex
    assert names.to_csl(person) == csl
    assert names.display(person) == shown
    assert names.from_csl(csl) == person
    assert names.from_bibtex(bibtex, lambda s: s.replace("\\&", "&").replace("{", "").replace("}", "")) == person


def test_pybtex_reads_the_family_name_we_meant() -> None:
    database = pytest.importorskip("pybtex.database")
    for text, last, von, lineage in [("Martin Luther King Jr.", ["King"], [], ["Jr."]),
                                     ("de la Cruz, María José", ["Cruz"], ["de", "la"], []),
                                     ("Sammy Davis III", ["Davis"], [], ["III"]),
                                     ("Bill & Melinda Gates Foundation", ["{Bill \\& Melinda Gates Foundation}"], [],
                                      []),
                                     ("Zhang Y", ["Zhang"], [], [])]:
        person = database.Person(names.bibtex_name(text, _tex))
        assert (person.last_names, person.prelast_names, person.lineage_names) == (last, von, lineage), text


def test_europass_keeps_particle_and_suffix_in_the_family_name() -> None:
    assert names.to_europass(names.parse("de la Cruz, María José")) == ("María José", "de la Cruz")
    assert names.to_europass(names.parse("Martin Luther King Jr.")) == ("Martin Luther", "King Jr.")
    assert names.to_europass(names.parse("ATLAS Collaboration")) == ("", "ATLAS Collaboration")


def test_keys_one_scheme_one_disambiguation() -> None:
    pub = {"name": "I Have a Dream", "releaseDate": "1963-08", "authors": [{"name": "Martin Luther King Jr."}]}
    assert keys.all_keys([pub, pub, pub, "x"]) == ["king1963have", "king1963havea", "king1963haveb"]
    assert keys.base_key({"name": "A Study", "releaseDate": "Aug gatsby", "authors": [{"name": "Zhang, Yihua"}]}) \
        == "zhangstudy"
    assert keys.base_key({"name": "On Müller's Theorem", "releaseDate": "Aug 2018"}) == "anon2018mullers"
    assert keys.base_key({"name": "论文", "authors": [{"name": "王小明"}]}) == "anon"
    assert keys.base_key({"authors": [{"name": "de la Cruz, María José"}], "releaseDate": 2020}) == "cruz2020"
    assert keys.suffix(27) == "aa"
    assert keys.is_derived("king1963haveb", pub) and not keys.is_derived("king1963have-2", pub)
