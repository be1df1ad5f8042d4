"""One CV, every writer: awkward phones and languages read the same from each output, or the output says it lost them.

Each document goes through every writer that can hold a phone or a language; each output is read back with the
format's own reader (the theme's output is upstream JSON Resume, read as JSON). A phone must come back as the same
number (E.164, as the one phone codec reads it) or be reported lost at /basics/phone; a language must name the same
ISO 639 language (text no table names: the same text) or be reported lost at its pointer. Europass and RenderCV,
which both write numbers in international form, must write the same number when both write one.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resumeconv
from resumeconv.core import languages, phones

#: Formats whose outputs hold phones and languages and can be read back.
FORMATS = ("europass", "europass-v3", "rendercv", "linkedin", "theme")

PHONES = ("0049 30 1234567", "+49 30 1234567", "(030) 1234567", "+1 (555) 010-0199 ext. 7", "12345",
          "(+1) 5179803880", "+44 20 7946 0958", "555 0100")
LANGUAGES = ("Français", "Deutsch", "Klingon", "English", "español", "中文", "Mandarin", "Neapolitan", "Italiano")
LEVELS: tuple[dict[str, Any], ...] = ({"fluency": "Native speaker"}, {"cefr": {"reading": "B2", "writing": "B1"}},
                                      {"fluency": "C1"})


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    basics: dict[str, Any] = {"name": "Ada Lovelace", "phone": draw(st.sampled_from(PHONES))}
    country = draw(st.sampled_from((None, "DE", "Germany", "US")))
    if country:
        basics["location"] = {"city": "Berlin", "countryCode": country}
    names = draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))
    spoken = [{"language": name, **draw(st.sampled_from(LEVELS))} for name in names]
    return {"basics": basics, "languages": spoken}


def _read_back(fmt: str, data: bytes) -> dict[str, Any]:
    if fmt == "theme":
        back: dict[str, Any] = json.loads(data)
        return back
    return resumeconv.read(data, fmt).document


def _lost(losses: list[Any], ptr: str) -> bool:
    return any(x.kind == "loss" and (x.pointer == ptr or x.pointer.startswith(ptr + "/")) for x in losses)


def _language_key(text: Any) -> str:
    found = languages.lookup(text)
    return found.alpha_3 if found else str(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_phones_and_languages_read_the_same_from_every_writer_or_are_reported(doc: dict[str, Any]) -> None:
    hint = phones.country_hint(doc)
    expected = phones.parse(doc["basics"]["phone"], hint)
    written: dict[str, str] = {}
    for fmt in FORMATS:
        result = resumeconv.write(json.loads(json.dumps(doc)), fmt)
        back = _read_back(fmt, result.data)
        phone = back.get("basics", {}).get("phone")
        if _lost(result.losses, "/basics/phone"):
            pass
        elif expected.e164 is None:
            assert phone == doc["basics"]["phone"], fmt
        else:
            again = phones.parse(phone, hint)
            assert (again.e164, fmt) == (expected.e164, fmt)
            written[fmt] = str(again.e164)
        want = sorted(_language_key(x["language"]) for i, x in enumerate(doc["languages"])
                      if not _lost(result.losses, f"/languages/{i}/language"))
        got = sorted(_language_key(x.get("language")) for x in back.get("languages", []))
        assert (fmt, got) == (fmt, want)
    # The international writers ask the same question: a valid number is written by both, any other by neither.
    assert ("europass" in written) == ("rendercv" in written) == (expected.valid and not expected.extension)
    if "europass" in written and "rendercv" in written:
        assert written["europass"] == written["rendercv"]


def test_europass_and_rendercv_agree_on_a_number_written_with_00() -> None:
    """The issue's case: Europass took '0049 30 1234567' and RenderCV reported it lost; both write it now."""
    doc = {"basics": {"name": "Ada Lovelace", "phone": "0049 30 1234567"}}
    europass = resumeconv.write(json.loads(json.dumps(doc)), "europass")
    rendercv = resumeconv.write(json.loads(json.dumps(doc)), "rendercv")
    assert not _lost(europass.losses, "/basics/phone") and not _lost(rendercv.losses, "/basics/phone")
    assert resumeconv.read(europass.data, "europass").document["basics"]["phone"] == "+49 301234567"
    assert resumeconv.read(rendercv.data, "rendercv").document["basics"]["phone"] == "+49 30 1234567"


def test_rendercvs_own_model_accepts_the_number_we_write() -> None:
    from rendercv.data.models.curriculum_vitae import CurriculumVitae

    from resumeconv.core.document import parse_document

    out = resumeconv.write({"basics": {"name": "Ada Lovelace", "phone": "(030) 1234567",
                                       "location": {"countryCode": "DE"}}}, "rendercv")
    cv = parse_document(out.data.decode(), "cv.yaml", "yaml")["cv"]
    assert CurriculumVitae(name=cv["name"], phone=cv["phone"]).phone == "tel:+49-30-1234567"


def test_a_number_outside_the_assigned_ranges_is_written_by_neither() -> None:
    doc = {"basics": {"name": "Ada Lovelace", "phone": "+44 7700900123"}}
    for fmt in ("europass", "rendercv"):
        losses = {x.pointer: x.reason for x in resumeconv.write(json.loads(json.dumps(doc)), fmt).losses}
        assert losses["/basics/phone"].startswith("+44 7700 900123 is not a number in an assigned range"), fmt


def test_an_extension_is_reported_where_a_format_has_no_place_for_it() -> None:
    doc = {"basics": {"name": "Ada Lovelace", "phone": "+1 212-555-0199 ext. 7"}}
    for fmt in ("europass", "rendercv"):
        losses = {x.pointer: x.reason for x in resumeconv.write(json.loads(json.dumps(doc)), fmt).losses
                  if x.kind == "loss"}
        assert "extension 7" in losses["/basics/phone"], fmt


def test_a_country_name_is_written_as_the_same_iso_code_by_every_writer_that_wants_a_code() -> None:
    doc = {"basics": {"name": "Ada Lovelace", "location": {"city": "London", "countryCode": "UK"}}}
    europass = resumeconv.write(json.loads(json.dumps(doc)), "europass")
    v3 = resumeconv.write(json.loads(json.dumps(doc)), "europass-v3")
    theme = resumeconv.write(json.loads(json.dumps(doc)), "theme")
    assert resumeconv.read(europass.data, "europass").document["basics"]["location"]["countryCode"] == "GB"
    assert resumeconv.read(v3.data, "europass-v3").document["basics"]["location"]["countryCode"] == "GB"
    assert json.loads(theme.data)["basics"]["location"]["countryCode"] == "GB"
    for result in (europass, v3, theme):
        assert any(x.pointer == "/basics/location/countryCode" and x.kind == "normalization"
                   and "written as the ISO code GB" in x.reason for x in result.losses)
