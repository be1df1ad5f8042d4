"""The value codecs in core/: languages (ISO 639 via pycountry), phones (phonenumbers), the shared text helpers."""

from __future__ import annotations

import pytest

from resumeconv.core import languages, phones
from resumeconv.core.text import closest, xml_text
from resumeconv.schemas import vocab


@pytest.mark.parametrize(("text", "alpha_3", "alpha_2", "name"), [
    ("English", "eng", "en", "English"),
    ("Français", "fra", "fr", "French"),
    ("Deutsch", "deu", "de", "German"),
    ("español", "spa", "es", "Spanish"),
    ("中文", "zho", "zh", "Chinese"),
    ("Mandarin", "cmn", None, "Mandarin"),
    ("Englisch", "eng", "en", "English"),
    ("Greek", "ell", "el", "Greek"),
    ("Swahili", "swa", "sw", "Swahili"),
    ("en", "eng", "en", "English"),
    ("fre", "fra", "fr", "French"),
    ("DEU", "deu", "de", "German"),
    ("Neapolitan", "nap", None, "Neapolitan"),
])
def test_language_names_and_codes(text: str, alpha_3: str, alpha_2: str | None, name: str) -> None:
    found = languages.lookup(text)
    assert found is not None
    assert (found.alpha_3, found.alpha_2, found.name) == (alpha_3, alpha_2, name)


def test_bibliographic_codes_where_iso_639_2_has_them() -> None:
    assert [languages.lookup(n).bibliographic for n in ("French", "German", "Dutch", "English")] == [  # type: ignore[union-attr]
        "fre", "ger", "dut", None]


@pytest.mark.parametrize("text", ["Elvish", "Brazilian Portuguese", "", "  ", "xx"])
def test_names_no_table_has_stay_text(text: str) -> None:
    assert languages.lookup(text) is None


def test_cefr_constants_are_the_schemas() -> None:
    assert languages.CEFR_LEVELS is vocab.CEFR_LEVELS
    assert languages.CEFR_DIMENSIONS is vocab.CEFR_DIMENSIONS


@pytest.mark.parametrize(("text", "hint", "e164", "extension"), [
    ("0049 30 1234567", None, "+49301234567", None),
    ("+49 30 1234567", None, "+49301234567", None),
    ("(030) 1234567", "DE", "+49301234567", None),
    ("(030) 1234567", None, None, None),
    ("+1 (555) 010-0199 ext. 7", None, "+15550100199", "7"),
    ("(+1) 5179803880", None, "+15179803880", None),
    ("12345", "DE", None, None),
    ("12345", None, None, None),
])
def test_phones(text: str, hint: str | None, e164: str | None, extension: str | None) -> None:
    phone = phones.parse(text, hint)
    assert (phone.e164, phone.extension, phone.text) == (e164, extension, text)


def test_the_country_hint_comes_from_the_location() -> None:
    assert phones.country_hint({"basics": {"location": {"countryCode": "Germany"}}}) == "DE"
    assert phones.country_hint({"basics": {"location": {"countryCode": "UK"}}}) == "GB"
    assert phones.country_hint({"basics": {}}) is None


def test_xml_text_and_closest() -> None:
    assert xml_text("a\x00b\x0bc\td\ufffe") == "abc\td"
    assert closest("Pubblications", ["Publications", "Courses"], 0.8) == "Publications"
    assert closest("ABOUT ME", ["About me"]) == "About me"
    assert closest("zzz", ["About me"]) is None
