"""The one date codec (core/dates): one reader for ISO, English and LinkedIn's UI languages, abbreviations included,
"Present" only where the text says so, and "unreadable" as a value (issue 24)."""

from __future__ import annotations

import pytest

from resumeconv.core import dates
from resumeconv.core._months import MONTH_WORDS
from resumeconv.core.dates import DateRead, PartialDate, read_date, read_text
from resumeconv.schemas import load_schema


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Jan 2019", "2019-01"), ("Sept. 2020", "2020-09"), ("Januar 2019", "2019-01"), ("janv. 2019", "2019-01"),
     ("ene. 2019", "2019-01"), ("enero de 2023", "2023-01"), ("März 2018", "2018-03"), ("févr. 2021", "2021-02"),
     ("2019年1月", "2019-01"), ("2019年1月2日", "2019-01-02"), ("2019년 1월", "2019-01"),
     ("tháng 1 năm 2019", "2019-01"),
     ("lipiec 2018", "2018-07"), ("września 2015", "2015-09"), ("syyskuuta 2015", "2015-09"),
     ("Σεπτεμβρίου 2015", "2015-09"), ("1 ноября 2019 г.", "2019-11-01"), ("листопад 2020", "2020-11"),
     ("mayıs 2017", "2017-05"), ("ott 2016", "2016-10"), ("mrt. 2014", "2014-03"), ("ม.ค. 2019", "2019-01"),
     ("Nov 12, 2023", "2023-11-12"), ("12 November 2023", "2023-11-12"), ("28.09.2023", "2023-09-28"),
     ("07/2025", "2025-07"), ("2023-9-28", "2023-09-28"), ("2019", "2019"), ("2019-07", "2019-07")],
)
def test_one_reader_keeps_the_precision_written(text: str, iso: str) -> None:
    assert read_text(text) == DateRead("date", iso)


@pytest.mark.parametrize("text", ["Present", "present", "heute", "aujourd'hui", "actualidad", "obecnie", "至今",
                                  "현재", "настоящее время", "(Present)"])
def test_present_in_any_language_is_ongoing(text: str) -> None:
    assert read_text(text) == DateRead("ongoing", text=text)


@pytest.mark.parametrize("text", ["Smarch 2020", "kvietnio 2021", "2019 2020", "03/04/2020", "Feb 30, 2020",
                                  "2019-02-30", "someday", "May", "Jan 2019 or so"])
def test_what_is_not_a_date_is_unreadable_never_ongoing_or_guessed(text: str) -> None:
    assert read_text(text) == DateRead("unreadable", text=text)
    assert dates.parse_human(text) is None


def test_every_language_has_twelve_months_and_no_word_names_two() -> None:
    seen: dict[str, int] = {}
    for language, months in MONTH_WORDS.items():
        assert len(months) == 12, language
        for number, spellings in enumerate(months, start=1):
            for word in spellings.split(" "):
                assert seen.setdefault(word, number) == number, (language, word)
    assert len(MONTH_WORDS) == 29
    assert {dates.month_number(w) for w in ("Jan", "janv.", "ene", "Januar", "stycznia", "января", "ocak")} == {1}


def test_writers_read_fields_through_read_date() -> None:
    assert read_date("2019-03") == DateRead("date", "2019-03")
    assert read_date("2019-03").date == PartialDate(2019, 3)
    assert read_date(2019).date == PartialDate(2019)
    assert read_date("Present") == DateRead("ongoing", text="Present")
    assert read_date("2019-13") == DateRead("unreadable", text="2019-13")
    assert read_date("") == DateRead("absent") and read_date(None).date is None
    assert PartialDate(2019, 3, 4).iso == "2019-03-04" and PartialDate(2019).precision == "year"


def test_the_date_field_list_comes_from_the_schema() -> None:
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if isinstance(prop, dict) and (prop.get("$ref") == "#/definitions/iso8601"
                                               or prop.get("format") == "date"):
                    found.add(name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema("academic"))
    assert dates.date_fields() == frozenset(found) >= {"startDate", "endDate", "releaseDate", "date"}
