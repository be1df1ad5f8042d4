"""``resumeconv render``: the sample and generated documents through every profiled npm theme (Node.js), then
through headless Chromium (screenshots under build/screenshots/, PDFs read back with pypdf).

Needs ``node`` and the pinned packages (``.ci/run`` installs them into the cache folder) and Debian's ``chromium``;
each test says what is missing when it skips. Every theme renders each document once (module-scoped fixtures).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from conftest import ROOT, SAMPLE_JSON
from resumeconv.cli import main
from resumeconv.formats._academic import EVENT_TYPES
from resumeconv.formats.theme import theme_document
from resumeconv.formats.theme.profiles import THEMES as PROFILES
from resumeconv.formats.theme.profiles import ThemeProfile, profile
from resumeconv.render import (
    RenderError,
    dump_dom,
    find_chromium,
    find_node,
    find_theme,
    node_dir,
    render_html,
    screenshot,
)
from resumeconv.schemas import load_schema
from resumeconv.validation import validate
from strategies import from_schema

THEMES = tuple(p.name for p in PROFILES)
#: Where the screenshots and PDFs go for a person to look at (gitignored).
SCREENSHOTS = ROOT / "build" / "screenshots"
#: Tokens a reader must never see: raw Markdown and escaped HTML.
RAW_TOKENS = ("**", "\\*", "\\[", "](", "\\<em>", "\\<", "Invalid Date", "Invalid date")
#: Themes that print 'undefined' for a missing field, which no data can fix without inventing it.
PRINTS_UNDEFINED = {"elegant": "'Published on: ' + releaseDate, position + ', ' and title + ' ' in its templates"}
#: Themes whose print layout hides titles: (why, how many of the sample's 34 may be missing from the PDF text).
CLIPS_IN_PRINT = {
    "flat": ("headers are absolutely placed spans: a second title line sits under the next row", 2),
    "macchiato": ("after the first page break the right column (overflow: hidden beside a float) is cut", 34),
}
#: Generated documents rendered through every theme (RESUMECONV_THEME_EXAMPLES=30 for a longer run).
GENERATED = int(os.environ.get("RESUMECONV_THEME_EXAMPLES", "3"))
#: Text that stresses every formatter: Markdown and HTML syntax, backslashes, non-ASCII.
_TEXT = st.text(alphabet="abcxyzABÉü漢 *_[]()<>&#!'\"\\`~|-.,:", min_size=1, max_size=18).filter(
    lambda s: bool(s.strip()))


def _need_theme(theme: str) -> None:
    try:
        find_node()
        find_theme(theme)
    except RenderError as err:
        pytest.skip(str(err))


def _need_chromium() -> None:
    try:
        find_chromium()
    except RenderError as err:
        pytest.skip(str(err))


def _fold(text: str) -> str:
    return " ".join(text.split())


def _text(page: str) -> str:
    """The page's visible text with whitespace folded (no tags, entities decoded)."""
    tree = lxml_html.document_fromstring(page)
    for node in tree.xpath("//script|//style|//title"):
        node.drop_tree()
    return _fold(tree.text_content())


def _strong_texts(page: str) -> list[str]:
    tree = lxml_html.document_fromstring(page)
    return [_fold(n.text_content()) for n in tree.xpath("//strong|//b")]


def _author_text(authors: list[dict[str, Any]]) -> str:
    """The author list as it reads on the page: '*' after equal contributors, '†' after corresponding authors,
    then the legend note."""
    names = ", ".join(a["name"] + ("*" if a.get("equalContribution") else "") + ("†" if a.get("corresponding")
                                                                                   else "") for a in authors)
    notes = [n for k, n in (("equalContribution", "* equal contribution"),
                            ("corresponding", "† corresponding author")) if any(a.get(k) for a in authors)]
    return _fold(names + (f" ({'; '.join(notes)})" if notes else ""))


@st.composite
def _theme_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid academic document (tests/strategies.py) with hostile text, and every section a check looks at
    filled: publications with an owner and equal contributors, jobs, degrees, honours, talks and mentees."""
    schema = load_schema("academic")
    doc: dict[str, Any] = draw(from_schema(schema, max_items=2, text=_TEXT))

    def items(section: str, n: int) -> list[dict[str, Any]]:
        sub = {**schema["properties"][section]["items"], "definitions": schema.get("definitions", {})}
        return draw(st.lists(from_schema(sub, max_items=2, text=_TEXT), min_size=n, max_size=n))

    doc["publications"] = items("publications", 2)
    for pub in doc["publications"]:
        pub["name"] = draw(_TEXT)
        pub["authors"] = [{"name": draw(_TEXT), "self": True, "equalContribution": True},
                          {"name": draw(_TEXT), "equalContribution": True}, {"name": draw(_TEXT)}]
    for section, key in (("work", "position"), ("volunteer", "position"), ("education", "studyType"),
                         ("awards", "title"), ("projects", "name")):
        doc[section] = items(section, 2)
        for item in doc[section]:
            item[key] = draw(_TEXT)
    for item in doc["education"]:
        item["institution"] = draw(_TEXT)
    for item in doc["projects"]:
        item["type"] = draw(st.sampled_from(sorted(EVENT_TYPES)))
    doc.setdefault("meta", {})["mentees"] = [{"name": draw(_TEXT)}, {"name": draw(_TEXT)}]
    doc.setdefault("basics", {})["name"] = draw(_TEXT)
    return doc


def _generated() -> list[dict[str, Any]]:
    """A few generated documents, the same on every run (derandomized)."""
    found: list[dict[str, Any]] = []

    @seed(20261201)
    @settings(max_examples=GENERATED, database=None, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(_theme_documents())
    def collect(doc: dict[str, Any]) -> None:
        if len(found) < GENERATED:
            found.append(doc)

    collect()
    return found


@dataclass
class Rendered:
    """One theme's pages: the sample's and the generated documents'."""

    theme: ThemeProfile
    docs: list[dict[str, Any]]
    pages: list[str]


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    docs = [json.loads(SAMPLE_JSON.read_text(encoding="utf-8")), *_generated()]
    for doc in docs:
        assert validate(doc, profile="academic", lint=False) == []
    return docs


@pytest.fixture(scope="module", params=THEMES)
def rendered(request: pytest.FixtureRequest, documents: list[dict[str, Any]]) -> Rendered:
    """Every document rendered once through one theme."""
    _need_theme(request.param)
    pages = [render_html(theme_document(doc, theme=request.param)[0], request.param) for doc in documents]
    return Rendered(profile(request.param), documents, pages)


def _expected(doc: dict[str, Any], theme: ThemeProfile) -> list[tuple[str, str]]:
    """(what, text) the reader must find on the page, for the sections the theme shows."""
    want: list[tuple[str, str]] = []
    if theme.shows("publications"):
        for pub in doc.get("publications", []):
            want += [("title", pub["name"]), ("authors", _author_text(pub["authors"]))]
    for section, key in (("work", "position"), ("volunteer", "position"), ("education", "studyType"),
                         ("awards", "title")):
        if theme.shows(section):
            want += [(section, item[key]) for item in doc.get(section, []) if key in item]
    if theme.shows("projects"):
        for talk in doc.get("projects", []):
            want.append(("talk", talk["name"]))
            venue = (talk.get("venue") or {}).get("short")
            if venue:
                want.append(("venue", venue))
    want += [("mentee", m["name"]) for m in doc.get("meta", {}).get("mentees", [])]
    return [(what, _fold(text)) for what, text in want if _fold(text)]


def test_every_item_reads_as_written(rendered: Rendered) -> None:
    for i, (doc, page) in enumerate(zip(rendered.docs, rendered.pages, strict=True)):
        text = _text(page)
        # Author lines (and all of stackoverflow) compare without spaces: stackoverflow may need a line break
        # (a space) between two '*'.
        bare = re.sub(r"\s+", "", text)
        missing = [(what, want) for what, want in _expected(doc, rendered.theme)
                   if (re.sub(r"\s+", "", want) not in bare if what == "authors" or
                       rendered.theme.name == "stackoverflow" else want not in text)]
        assert missing == [], (rendered.theme.name, i)


def test_sample_has_every_publication_and_the_legend(rendered: Rendered) -> None:
    sample, page = rendered.docs[0], rendered.pages[0]
    if not rendered.theme.shows("publications"):
        assert "Yihua Zhang" in _text(page) and sample["publications"][0]["name"] not in page
        return
    assert len(sample["publications"]) == 34
    assert _text(page).count("(* equal contribution)") == sum(
        any(a.get("equalContribution") for a in p["authors"]) for p in sample["publications"])


def test_no_raw_markup_in_the_visible_text(rendered: Rendered) -> None:
    """Tokens the CV itself contains may show (they are its words); the writer must add none."""
    for i, (doc, page) in enumerate(zip(rendered.docs, rendered.pages, strict=True)):
        # An author 'a*' who contributed equally reads 'a**': the CV's words and a mark, not markup.
        source = json.dumps(doc, ensure_ascii=False).replace("\\\\", "\\") + " ".join(
            _author_text(p["authors"]) for p in doc["publications"])
        text = _text(page)
        shown = {t: text[max(text.find(t) - 60, 0):text.find(t) + 60] for t in RAW_TOKENS
                 if t not in source and t in text}
        assert shown == {}, (rendered.theme.name, i)
        if i == 0 or rendered.theme.name not in PRINTS_UNDEFINED:
            assert "undefined" not in text or "undefined" in source, (rendered.theme.name, i)


def test_owner_is_marked_where_the_theme_can_mark(rendered: Rendered) -> None:
    """Themes that format publication summaries show the owner in bold; plain-text themes cannot mark it."""
    if not rendered.theme.shows("publications"):
        pytest.skip(f"{rendered.theme.name} shows no publications")
    bold = rendered.theme.style_name("publications", "summary") != "text"
    for i, (doc, page) in enumerate(zip(rendered.docs, rendered.pages, strict=True)):
        owner = [_fold(a["name"]) for p in doc["publications"] for a in p["authors"] if a.get("self")]
        strong = _strong_texts(page)
        marked = sum(strong.count(name) for name in set(owner))
        assert marked >= len(owner) if bold else marked <= strong.count(owner[0]), (rendered.theme.name, i)
    sample = rendered.docs[0]
    owned = sum(any(a.get("self") for a in p["authors"]) for p in sample["publications"])
    assert (_strong_texts(rendered.pages[0]).count("Y. Zhang") == owned) is bold


def test_no_made_up_month_for_year_only_dates(rendered: Rendered) -> None:
    """'2023' never reads 'Jan 2023': the theme prints it as written, or the year moves into the headline."""
    if rendered.theme.precision and not rendered.theme.moves - {"awards"}:
        pytest.skip(f"{rendered.theme.name} keeps such dates, each reported (docs/themes.md)")
    text = _text(rendered.pages[0])
    if "volunteer" in rendered.theme.moves:
        assert "Conference Volunteer (2023 – present)" in text
    for made_up in ("Jan 2023", "January 2023", "01/2023", "Jan 2025", "January 2025", "01/2025"):
        assert made_up not in text, (rendered.theme.name, made_up)


def test_screenshot_of_each_theme(rendered: Rendered) -> None:
    """build/screenshots/<theme>.png (the sample's first screen) and <theme>-publications.png (its first eight
    papers alone, to see the author marks), for a person to look at."""
    _need_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sample = rendered.docs[0]
    papers = {"basics": {"name": sample["basics"]["name"]}, "publications": sample["publications"][:8]}
    shots = [(rendered.pages[0], SCREENSHOTS / f"{rendered.theme.name}.png")]
    if rendered.theme.shows("publications"):
        page = render_html(theme_document(papers, theme=rendered.theme.name)[0], rendered.theme.name)
        shots.append((page, SCREENSHOTS / f"{rendered.theme.name}-publications.png"))
    for page, target in shots:
        screenshot(page, target, width=1000, height=1400)
        data = target.read_bytes()
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (1000, 1400)
        assert len(data) > 20_000, "an empty page compresses to a few KiB"


def test_chromium_dom_keeps_the_titles(rendered: Rendered) -> None:
    _need_chromium()
    dom = dump_dom(rendered.pages[0])
    assert dom.lstrip().lower().startswith("<html") or "<body" in dom, dom[:200]
    text = _text(dom)
    for what, want in _expected(rendered.docs[0], rendered.theme):
        assert want in text, (rendered.theme.name, what, want)


def test_cli_pdf_through_each_theme(rendered: Rendered) -> None:
    """``render --theme X --pdf``: the profile is picked without -O, and pypdf reads the titles back."""
    _need_chromium()
    from pypdf import PdfReader

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"{rendered.theme.name}.pdf"
    out = SCREENSHOTS / f"{rendered.theme.name}.html"
    result = CliRunner().invoke(main, ["render", str(SAMPLE_JSON), "--theme", rendered.theme.name, "-q",
                                       "-o", str(out), "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == rendered.pages[0]
    # pypdf puts a space where a line wraps ('Bi- level'): compare without whitespace.
    text = re.sub(r"\s+", "", " ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "YihuaZhang" in text or "YIHUAZHANG" in text
    if rendered.theme.shows("publications"):
        missing = [p["name"] for p in rendered.docs[0]["publications"] if re.sub(r"\s+", "", p["name"]) not in text]
        allowed = CLIPS_IN_PRINT.get(rendered.theme.name, ("", 0))[1]
        assert len(missing) <= allowed, (rendered.theme.name, missing)
    assert "file://" not in text


def test_cli_render_picks_the_profile_from_the_theme_name() -> None:
    """A subprocess ``render --theme stackoverflow``: the author marks come out as stackoverflow needs them."""
    _need_theme("stackoverflow")
    proc = subprocess.run([sys.executable, "-m", "resumeconv.cli", "render", str(SAMPLE_JSON), "--theme",
                           "jsonresume-theme-stackoverflow"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "<strong>Y. Zhang</strong>*,\nM. Zhang*," in proc.stdout
    assert "\\*" not in proc.stdout and "<em>" not in proc.stdout
    assert "/publications/*/group: not a JSON Resume field; no stock theme shows it (34 items: 0-33)" in proc.stderr


def test_even_prints_no_made_up_month(sample_doc: dict) -> None:
    _need_theme("even")
    text = _text(render_html(theme_document(sample_doc, theme="even")[0], "even"))
    assert "Conference Volunteer (2023 – present)" in text
    assert "Jan 2023" not in text and "Jan 2025" not in text


def test_same_html_as_resumed(tmp_path: Path) -> None:
    """Our Node call gives exactly what ``resumed render`` (the reference renderer) writes for the same file."""
    _need_theme("even")
    cli = node_dir() / "node_modules" / "resumed" / "bin" / "resumed.js"
    if not cli.is_file():
        pytest.skip(f"resumed is not installed; npm install --prefix {node_dir()} resumed@6.1.0")
    doc, _ = theme_document(json.loads(SAMPLE_JSON.read_text(encoding="utf-8")), theme="even")
    (tmp_path / "cv.json").write_text(json.dumps(doc), encoding="utf-8")
    proc = subprocess.run([shutil.which("node"), str(cli), "render", "cv.json", "--theme", "jsonresume-theme-even",
                           "-o", "out.html"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == render_html(doc, "even")


def test_cli_html_to_stdout_with_losses_on_stderr() -> None:
    _need_theme("even")
    result = CliRunner().invoke(main, ["render", str(SAMPLE_JSON), "-t", "even"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>")
    assert "/publications/*/group: not a JSON Resume field; no stock theme shows it (34 items: 0-33)" in result.stderr


def test_missing_package_names_the_npm_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    monkeypatch.setenv("RESUMECONV_NODE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NODE_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", str(SAMPLE_JSON), "-t", "even"])
    assert result.exit_code == 2
    assert result.stderr == ("resumeconv: theme package 'jsonresume-theme-even' is not installed; install it with: "
                             f"npm install --prefix {tmp_path / 'cache'} jsonresume-theme-even@0.26.1\n")


def test_missing_node_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["render", str(SAMPLE_JSON), "-t", "even"])
    assert result.exit_code == 2
    assert result.stderr.startswith("resumeconv: Node.js is not installed ('node' is not on PATH)")
    assert result.stderr.count("\n") == 1


def test_missing_chromium_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("RESUMECONV_CHROMIUM", raising=False)
    with pytest.raises(RenderError, match=r"^Chromium is not installed, so no PDF can be printed"):
        find_chromium()


def test_theme_found_through_node_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "lib" / "jsonresume-theme-tiny"
    package.mkdir(parents=True)
    (package / "package.json").write_text('{"name": "jsonresume-theme-tiny", "main": "index.js"}')
    (package / "index.js").write_text("exports.render = (r) => `<h1>${r.basics.name}</h1>`;\n")
    monkeypatch.setenv("NODE_PATH", str(tmp_path / "lib"))
    monkeypatch.setenv("RESUMECONV_NODE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    assert find_theme("tiny") == package
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    assert render_html({"basics": {"name": "Ada"}}, "tiny") == "<h1>Ada</h1>"


def test_theme_crash_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    package = tmp_path / "node_modules" / "jsonresume-theme-broken"
    package.mkdir(parents=True)
    (package / "package.json").write_text('{"name": "jsonresume-theme-broken", "type": "module"}')
    (package / "index.js").write_text("export function render(r) { return r.basics.location.city.toUpperCase(); }\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RenderError, match=r"^theme 'jsonresume-theme-broken' failed: TypeError: Cannot read"):
        render_html({"basics": {}}, "broken")


def test_corpus_renders_with_even(shared: Path) -> None:
    _need_theme("even")
    rendered = 0
    for path in sorted((shared / "corpus" / "jsonresume").glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if not isinstance(doc, dict) or validate(doc, profile="jsonresume-1.0", lint=False):
            continue
        out, _ = theme_document(doc, theme="even")
        page = render_html(out, "even")
        assert page.startswith("<!doctype html>"), path.name
        name = (doc.get("basics") or {}).get("name")
        if name:
            assert f"<h1>{name}</h1>" in page or name.split()[0] in page, path.name
        rendered += 1
    assert rendered >= 10
