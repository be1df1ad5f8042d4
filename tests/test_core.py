"""The library core: load/dump, the registry, atomic writes, safe YAML, dates, identifiers and losses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import resumeconv
from conftest import SAMPLE_JSON, SAMPLES
from resumeconv import formats as registry
from resumeconv.core import dates, ids
from resumeconv.core.errors import InputError, UnsafeInputError, UsageError
from resumeconv.core.fileio import decode_text, read_bytes, write_atomic
from resumeconv.core.losses import Loss, pointer


def test_load_path_text_and_bytes_agree() -> None:
    from_path = resumeconv.load(SAMPLE_JSON)
    assert from_path == resumeconv.load(str(SAMPLES / "yihua-zhang.resume.yaml"))
    assert from_path == resumeconv.load(SAMPLE_JSON.read_text(encoding="utf-8"))
    assert from_path == resumeconv.load(SAMPLE_JSON.read_bytes())
    assert from_path["basics"]["name"] == "Yihua Zhang"


def test_dump_yaml_then_load_is_identity() -> None:
    doc = resumeconv.load(SAMPLE_JSON)
    assert resumeconv.load(resumeconv.dump(doc, "yaml"), format="yaml") == doc
    assert resumeconv.dump(doc, "json") == SAMPLE_JSON.read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["\x85", "a\u2028b", "x\u2029", " lead", "tab\there", "\ufeffbom", "a\r\nb", "\x00"])
def test_yaml_round_trips_awkward_strings(text: str) -> None:
    doc = {"basics": {"name": text}}
    assert resumeconv.load(resumeconv.dump(doc, "yaml"), format="yaml") == doc


def test_dump_refuses_other_formats() -> None:
    with pytest.raises(UsageError, match="use convert"):
        resumeconv.dump({}, "europass")


def test_convert_api_returns_output_and_losses() -> None:
    result = resumeconv.convert(SAMPLE_JSON, to="yaml")
    assert result.data == (SAMPLES / "yihua-zhang.resume.yaml").read_bytes()
    assert result.losses == []


def test_yaml_dates_stay_strings_and_yes_no_stay_text() -> None:
    doc = resumeconv.load("basics:\n  name: A\nawards:\n  - date: 2019-05-04\n    title: on\n", format="yaml")
    assert doc["awards"][0]["date"] == "2019-05-04"
    assert doc["awards"][0]["title"] == "on"  # YAML 1.2 core schema: only true/false are booleans


def test_yaml_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(UnsafeInputError, match="alias bomb refused"):
        resumeconv.load("\n".join(lines) + "\n", format="yaml")


def test_small_yaml_aliases_are_fine() -> None:
    doc = resumeconv.load("basics: &b {name: A}\nmeta: {copy: *b}\n", format="yaml")
    assert doc["meta"]["copy"] == {"name": "A"}


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(UnsafeInputError, match="nested deeper"):
        resumeconv.load('{"a":' + "[" * 5000 + "]" * 5000 + "}", format="json")


def test_sniff_and_extension_detection() -> None:
    assert registry.detect("cv.txt", b'  {"basics": {}}').name == "json"
    assert registry.detect("cv.yml", b"basics:\n  name: A\n").name == "yaml"
    assert registry.detect(None, b"basics:\n  name: A\n").name == "yaml"
    assert registry.by_extension("out.resume.yaml", reading=False).name == "yaml"
    assert registry.by_extension("out.docx", reading=False) is None
    with pytest.raises(UsageError, match="cannot tell the format"):
        registry.detect("cv.bin", b"\x00\x01")


def test_read_bytes_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setenv("RESUMECONV_MAX_INPUT_BYTES", "1024")
    with pytest.raises(UnsafeInputError, match="larger than the limit of 1024 bytes"):
        read_bytes(big)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("héllo".encode("utf-16"), "héllo"),
        (b"\xef\xbb\xbfh\xc3\xa9", "hé"),
        ("hé".encode("utf-32"), "hé"),
    ],
)
def test_decode_text_handles_boms(data: bytes, text: str) -> None:
    assert decode_text(data) == text


def test_decode_text_points_at_the_bad_character() -> None:
    with pytest.raises(InputError) as info:
        decode_text("ab\nçd".encode() + b"\xff", "f.json")
    assert (info.value.line, info.value.column) == (2, 3)


def test_write_atomic_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "cv.json"
    target.write_text("old")
    os.chmod(target, 0o600)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == ["cv.json"]


def test_write_atomic_failure_keeps_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cv.json"
    target.write_text("original")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "x" * 10_000)
    assert target.read_text() == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["cv.json"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [("Jan 2019", "2019-01"), ("Sep. 2025", "2025-09"), ("07/2025", "2025-07"), ("2023-9-28", "2023-09-28"),
     ("Nov 12, 2023", "2023-11-12"), ("September 2025", "2025-09"), ("2019", "2019"), ("2023-02-30", None),
     ("Present", None), ("03/04/2020", None), ("Smarch 2020", None)],
)
def test_parse_human_dates_keep_precision(text: str, iso: str | None) -> None:
    assert dates.parse_human(text) == iso


def test_iso_dates_must_exist() -> None:
    assert dates.is_iso("2020-02-29") and not dates.is_iso("2019-02-29")
    assert dates.is_iso("2019-07") and not dates.is_iso("2019-13") and not dates.is_iso("Jan 2019")
    assert dates.sort_key("2019", end=True) > dates.sort_key("2019-06-30")


def test_orcid_checksum_and_normalization() -> None:
    assert ids.is_orcid("0000-0002-1825-0097")
    assert ids.is_orcid("https://orcid.org/0000-0001-5109-3700")
    assert ids.is_orcid("0000-0002-1694-233X")
    assert not ids.is_orcid("0000-0002-1825-0098")
    assert ids.normalize_orcid("https://orcid.org/0000-0002-1694-233x/") == "0000-0002-1694-233X"


def test_doi_and_arxiv_keys() -> None:
    assert ids.doi_key("https://doi.org/10.1109/MSP.2023.3303459") == "10.1109/msp.2023.3303459"
    assert ids.is_doi("doi:10.1145/3292500.3330701") and not ids.is_doi("10.12/x")
    assert ids.find_doi("see https://doi.org/10.1000/xyz123.") == "10.1000/xyz123"
    assert ids.arxiv_key("arXiv:2310.01234v3") == ids.arxiv_key("https://arxiv.org/abs/2310.01234") == "2310.01234"
    assert ids.is_arxiv("hep-th/9901001v2") and not ids.is_arxiv("2310.1")
    assert ids.title_key("Fast-BAT: Revisiting  Adversarial Training!") == "fast bat revisiting adversarial training"


def test_loss_pointer_escaping_and_text() -> None:
    assert pointer("basics", "profiles", 0, "a/b~c") == "/basics/profiles/0/a~1b~0c"
    assert str(Loss("/publications/0/doi", "no DOI field")) == "/publications/0/doi: no DOI field"
    assert str(Loss("", "x", "normalization")) == "/: x (normalized)"


@pytest.mark.parametrize("profile", ["academic", "jsonresume", "jsonresume-1.0"])
def test_sample_is_valid_under_every_profile_with_formats_enforced(profile: str) -> None:
    assert resumeconv.validate(SAMPLE_JSON, profile=profile) == []


def test_format_checks_really_run() -> None:
    doc = {"basics": {"email": "not-an-email", "url": "www.example.com"}, "certificates": [{"date": "2019-02-30"}]}
    found = {(d.pointer, d.rule) for d in resumeconv.validate(doc, profile="jsonresume-1.0")}
    assert found == {("/basics/email", "schema.email"), ("/basics/url", "schema.uri"),
                     ("/certificates/0/date", "schema.date")}


def test_summarize_folds_array_indices_per_reason() -> None:
    from resumeconv.core.losses import summarize

    items = [Loss(f"/publications/{i}/doi", "no DOI field") for i in (0, 1, 2, 5, 7, 8)]
    items += [Loss("/basics/orcid", "no ORCID field"), Loss("/publications/3/doi", "other reason")]
    assert summarize(items) == [
        "/publications/*/doi: no DOI field (6 items: 0-2, 5, 7-8)",
        "/basics/orcid: no ORCID field",
        "/publications/3/doi: other reason",
    ]


def test_days_in_month_matches_the_calendar() -> None:
    import calendar

    for year in (1900, 2000, 2023, 2024, 2100):
        for month in range(1, 13):
            assert dates.days_in_month(year, month) == calendar.monthrange(year, month)[1]
