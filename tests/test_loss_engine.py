"""The loss engine (core/losses.py) and the registry's contract around every reader and writer: losses, options,
the crash guard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import resumeconv
from conftest import ROOT, SAMPLE_JSON
from resumeconv import formats as registry
from resumeconv.core.errors import InternalError, InvalidDocumentError, UsageError
from resumeconv.core.losses import Coverage, Loss, LossReport, account, differences, report_differences, summarize

REPEATED = ROOT / "tests" / "fixtures" / "losses" / "repeated-items.europass-v3.xml"
MACEL = "corpus/europass/macel94__MACEL94__skillspassport-v3.4.xml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv.cli", *args], capture_output=True, text=True,
                          timeout=120, check=False)


# --- summarize never crashes -----------------------------------------------------------------------------------

_parts = st.one_of(st.integers(0, 30).map(str), st.sampled_from(["work", "a", "0x", "²", "", "~1", "07"]),
                   st.text(max_size=4))
_pointers = st.lists(_parts, max_size=5).map(lambda ps: "".join("/" + p for p in ps))
_losses = st.builds(Loss, _pointers, st.sampled_from(["r1", "r2", ""]) | st.text(max_size=6),
                    st.sampled_from(["loss", "normalization"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_losses, max_size=40))
def test_any_list_of_losses_summarizes(items: list[Loss]) -> None:
    lines = summarize(items)
    assert all(isinstance(line, str) for line in lines)
    assert len(lines) <= len(items)
    assert all(any(x.reason in line for line in lines) for x in items)


def test_repeated_items_summarize_with_a_count() -> None:
    items = [Loss("/basics", "no place"), Loss("/basics", "no place"), Loss("/work/1/x", "r"), Loss("/work/1/x", "r"),
             Loss("/work/3/x", "r"), Loss("/a/0/b/1", "s"), Loss("/a/0/b/2", "s"), Loss("/a/1/b/1", "t"),
             Loss("/a/2/b/2", "t")]
    assert summarize(items) == [
        "/basics: no place (2 times)",
        "/work/*/x: r (3 items: 1, 3)",
        "/a/0/b/*: s (2 items: 1-2)",
        "/a/*/b/*: t (2 items: 1-2)",
    ]


def test_convert_summary_of_repeated_reader_items_exits_0() -> None:
    """A v3 file whose reader reports the same item twice (the crash of issue 12) converts; the count shows."""
    proc = cli("convert", "-t", "json", str(REPEATED))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["basics"]["name"] == "Ada Example"
    assert ("  /basics: LearnerInfo/Identification/ContactInfo/WebsiteList/Website/Use/Code 'personal' has no place "
            "in JSON Resume (2 times)") in proc.stderr.splitlines()


def test_convert_of_the_corpus_file_with_repeated_items_exits_0(shared: Path) -> None:
    proc = cli("convert", "-t", "json", str(shared / MACEL))
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr
    assert "(2 times)" in proc.stderr


# --- read-back difference names source places ---------------------------------------------------------------


def test_a_dropped_list_item_is_named_at_its_own_index() -> None:
    before = {"profiles": [{"n": "a"}, {"n": "b"}, {"n": "c"}, {"n": "d"}]}
    after = {"profiles": [{"n": "a"}, {"n": "c"}, {"n": "d"}]}
    assert list(differences(before, after)) == [("/profiles/1", True)]
    report = LossReport()
    report_differences(before, after, report, "X")
    assert [str(x) for x in report] == ["/profiles/1: X does not keep this value"]


def test_a_changed_item_after_a_dropped_one_names_the_source_index() -> None:
    before = {"p": [{"n": "a"}, {"n": "b"}, {"n": "c", "v": 1}]}
    after = {"p": [{"n": "a"}, {"n": "c", "v": 2}]}
    report = LossReport()
    report_differences(before, after, report, "X")
    assert [str(x) for x in report] == ["/p/1: X does not keep this value",
                                        "/p/2/v: X does not keep it as it is: reads back as 2 (normalized)"]


def test_an_added_item_is_named_at_the_list() -> None:
    assert list(differences({"p": [1]}, {"p": [1, 2]})) == [("/p", False)]


# --- coverage ----------------------------------------------------------------------------------------------


def test_coverage_reports_each_largest_unused_part_once_with_its_reason() -> None:
    doc = {"basics": {"name": "A", "email": "a@b.c"}, "work": [{"name": "X", "url": "u"}], "meta": {"k": 1}}
    cover = Coverage("not shown", {"work/*/url": "no links"})
    cover.use("basics", "name")
    cover.use("work", 0, "name")
    losses = account(doc, [Loss("/meta", "said already")], target="t", coverage=cover)
    assert [str(x) for x in losses] == ["/meta: said already", "/basics/email: not shown", "/work/0/url: no links"]


# --- options -------------------------------------------------------------------------------------------------


def test_option_values_are_converted_and_checked() -> None:
    spec = registry.get("orcid-json")
    assert spec.check_options({"chunk-size": "40"}, "write") == {"chunk_size": 40}
    with pytest.raises(UsageError, match="option chunk_size: 'abc' is not a whole number"):
        spec.check_options({"chunk_size": "abc"}, "write")
    with pytest.raises(UsageError, match=r"unknown option 'owner' for writing orcid-json \(valid options: chunk_size"):
        spec.check_options({"owner": "x"}, "write")
    assert registry.get("orcid-xml").check_options({"owner": "0000-0002-1825-0097"}, "read") == {
        "owner": "0000-0002-1825-0097"}


def test_every_format_declares_its_options() -> None:
    for spec in registry.all_formats():
        module = spec.load()
        assert isinstance(module.OPTIONS, tuple), spec.name
        for option in module.OPTIONS:
            assert option.type in (str, int, float, bool), (spec.name, option)
            assert option.help and option.direction in ("read", "write")


def test_bad_option_value_exits_2_not_3() -> None:
    proc = cli("convert", "-t", "orcid-json", "-O", "chunk_size=abc", str(SAMPLE_JSON))
    assert proc.returncode == 2
    assert proc.stderr.strip() == "resumeconv: option chunk_size: 'abc' is not a whole number"
    assert proc.stdout == ""


def test_misspelled_option_exits_2_with_a_suggestion() -> None:
    proc = cli("convert", "-t", "europass", "-O", "langauge=fr", str(SAMPLE_JSON))
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("resumeconv: unknown option 'langauge' for writing europass; did you mean "
                                   "'language'? (valid options: language; see 'resumeconv formats europass')")


def test_formats_name_shows_description_and_options() -> None:
    proc = cli("formats", "europass-v3")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0] == "europass-v3: Europass CV XML v3 (legacy SkillsPassport, XSD v3.4)"
    assert ("    -O language (str, default none): the CV's locale: two letters, e.g. en, or sr-lat; by default "
            "meta.language, else the language the CV's text is in, else en") in lines
    assert "  reader options (resumeconv.read(..., KEY=VALUE)): none" in lines
    assert cli("formats", "nope").returncode == 2


# --- the crash guard -----------------------------------------------------------------------------------------


def _boom(doc: dict, **_: object) -> None:
    raise KeyError("boom")


def test_a_writer_crash_on_a_valid_document_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.get("markdown").load(), "write", _boom)
    monkeypatch.delenv("RESUMECONV_DEBUG", raising=False)
    with pytest.raises(InternalError, match=r"internal error in the markdown writer \(KeyError: 'boom'\)") as err:
        resumeconv.write({"basics": {"name": "A"}}, "markdown")
    assert err.value.exit_code == 3


def test_a_writer_crash_on_an_invalid_document_asks_to_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.get("markdown").load(), "write", _boom)
    monkeypatch.delenv("RESUMECONV_DEBUG", raising=False)
    with pytest.raises(InvalidDocumentError, match="run 'resumeconv validate' first") as err:
        resumeconv.write({"basics": "not an object"}, "markdown")
    assert err.value.exit_code == 1


def test_a_reader_crash_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.get("bibtex").load(), "read", _boom)
    monkeypatch.delenv("RESUMECONV_DEBUG", raising=False)
    with pytest.raises(InternalError, match="internal error in the bibtex reader"):
        resumeconv.read(b"@article{x, title={T}}", format="bibtex")


@pytest.mark.parametrize(("doc", "code", "message"), [
    ({"basics": {"name": "A"}}, 3, "internal error in the Europass (Candidate) writer (KeyError: 'boom')"),
    ({"basics": {"name": "A"}, "work": ["not an object"]}, 1, "run 'resumeconv validate' first"),
])
def test_the_cli_maps_writer_crashes_to_exit_codes(tmp_path: Path, doc: dict, code: int, message: str) -> None:
    """The same guard for every writer, Europass included (its own copy is gone)."""
    path = tmp_path / "cv.json"
    path.write_text(json.dumps(doc))
    script = ("import sys, resumeconv.formats.europass.writer as e\n"
              "def boom(*a, **k): raise KeyError('boom')\n"
              "e._Writer.build = boom\n"
              "from resumeconv.cli import main\nmain(['convert', '-t', 'europass', sys.argv[1]])")
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120,
                          check=False, env={**os.environ, "RESUMECONV_DEBUG": ""})
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_every_shared_corpus_and_reference_file_converts_to_json_without_a_bug(shared: Path, tmp_path: Path) -> None:
    """Issue 12's bar: no file under ../shared/corpus or ../shared/reference makes `convert -t json` exit 3
    (unreadable or undetectable files may exit 2; that is the documented answer for them)."""
    files = sorted(str(p) for base in ("corpus", "reference") for p in (shared / base).rglob("*") if p.is_file())
    assert len(files) > 100
    proc = subprocess.run([sys.executable, "-m", "resumeconv.cli", "convert", "-t", "json", "-q", "-j", "2",
                           "--output-dir", str(tmp_path), *files], capture_output=True, text=True, timeout=900,
                          check=False)
    assert proc.returncode in (0, 2), proc.stderr[-2000:]
    assert [line for line in proc.stderr.splitlines() if "internal error" in line] == []


@pytest.mark.parametrize("fmt", ["europass", "europass-v3"])
def test_a_dropped_profile_does_not_blame_the_profiles_after_it(fmt: str) -> None:
    """Issue 12: after Europass dropped one profile, the read-back named the later ones, which it keeps."""
    profiles = [{"network": "GitHub", "url": "https://github.com/a"}, {"network": "Scholar", "username": "abc"},
                {"network": "Blog", "url": "https://blog.example.org"}, {"network": "Site", "url": "https://s.example.org"}]
    out = resumeconv.write({"basics": {"name": "A B", "profiles": profiles}}, fmt)
    named = {x.pointer.split("/")[3] for x in out.losses if x.pointer.startswith("/basics/profiles/")}
    assert named == {"1"}
    back = resumeconv.read(out.data, format=fmt).document["basics"]["profiles"]
    assert [p["url"] for p in back] == ["https://github.com/a", "https://blog.example.org", "https://s.example.org"]


def test_a_normalization_of_a_list_does_not_hide_a_value_gone_inside_it() -> None:
    """The v3 writer once dropped every language while a normalization at /languages hid it: a value that is gone
    is explained only by a loss around it, or by an item at its own place or its object's."""
    from resumeconv.core.losses import Loss, LossReport, report_differences

    before = {"languages": [{"language": "French", "fluency": "C1"}], "work": [{"location": "Remote"}]}
    after = {"languages": [], "work": [{"workplaceType": "remote"}]}
    report = LossReport([Loss("/languages", "written with ISO codes", "normalization"),
                         Loss("/work/0", "location 'Remote' read back as workplaceType", "normalization")])
    report_differences(before, after, report, "X")
    added = [(x.pointer, x.kind) for x in report.items[2:]]
    assert added == [("/languages/0", "loss")]
