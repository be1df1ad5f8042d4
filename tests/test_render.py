"""``resumeconv render``: the sample through the real npm themes (Node.js), then through headless Chromium.

Needs ``node`` and the pinned packages (``.ci/run`` installs them into the cache folder); each test says what is
missing when it skips.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from conftest import SAMPLE_JSON
from resumeconv.cli import main
from resumeconv.formats.theme import theme_document
from resumeconv.render import RenderError, dump_dom, find_chromium, find_node, find_theme, node_dir, render_html
from resumeconv.validation import validate

THEMES = ("even", "elegant")


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


def _text(page: str) -> str:
    """The page's visible text with whitespace folded (no tags, entities decoded)."""
    tree = lxml_html.document_fromstring(page)
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    return " ".join(tree.text_content().split())


def _author_text(authors: list[dict]) -> str:
    """The author list as it reads on the page: '*' after equal contributors."""
    return ", ".join(a["name"] + ("*" if a.get("equalContribution") else "") for a in authors)


@pytest.fixture(scope="module", params=THEMES)
def rendered(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(theme, HTML) of the sample, rendered once per theme."""
    _need_theme(request.param)
    doc, _ = theme_document(json.loads(SAMPLE_JSON.read_text(encoding="utf-8")), theme=request.param)
    return request.param, render_html(doc, request.param)


def test_html_has_every_publication_with_its_authors(rendered: tuple[str, str], sample_doc: dict) -> None:
    theme, page = rendered
    text = _text(page)
    assert len(sample_doc["publications"]) == 34
    for pub in sample_doc["publications"]:
        assert " ".join(pub["name"].split()) in text, (theme, pub["name"])
        assert _author_text(pub["authors"]) in text, (theme, pub["name"])
    assert text.count("(* equal contribution)") == sum(
        any(a.get("equalContribution") for a in p["authors"]) for p in sample_doc["publications"])


def test_html_has_every_position_and_honour(rendered: tuple[str, str], sample_doc: dict) -> None:
    theme, page = rendered
    text = _text(page)
    for job in sample_doc["work"]:
        assert job["position"] in text and job["name"] in text, (theme, job)
    for award in sample_doc["awards"]:
        assert award["title"] in text, (theme, award["title"])
    for mentee in sample_doc["meta"]["mentees"]:
        assert mentee["name"] in text, (theme, mentee["name"])
    for talk in sample_doc["projects"]:
        assert talk["name"] in text and talk["venue"]["short"] in text, (theme, talk["name"])


def test_owner_is_bold_in_the_page(rendered: tuple[str, str], sample_doc: dict) -> None:
    _, page = rendered
    owned = sum(any(a.get("self") for a in p["authors"]) for p in sample_doc["publications"])
    assert owned >= 25
    assert len(re.findall(r"<strong>Y\. Zhang</strong>", page)) == owned


def test_even_prints_no_made_up_month(sample_doc: dict) -> None:
    _need_theme("even")
    text = _text(render_html(theme_document(sample_doc, theme="even")[0], "even"))
    assert "Conference Volunteer (2023 – present)" in text
    assert "Jan 2023" not in text and "Jan 2025" not in text


def test_chromium_dom_keeps_the_titles(rendered: tuple[str, str], sample_doc: dict) -> None:
    _need_chromium()
    theme, page = rendered
    dom = dump_dom(page)
    assert dom.lstrip().lower().startswith("<html") or "<body" in dom, dom[:200]
    text = _text(dom)
    for pub in sample_doc["publications"]:
        assert " ".join(pub["name"].split()) in text, (theme, pub["name"])
    for award in sample_doc["awards"]:
        assert award["title"] in text, (theme, award["title"])


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


def test_cli_writes_html_and_pdf(tmp_path: Path) -> None:
    _need_theme("elegant")
    _need_chromium()
    out, pdf = tmp_path / "cv.html", tmp_path / "cv.pdf"
    result = CliRunner().invoke(main, ["render", str(SAMPLE_JSON), "--theme", "jsonresume-theme-elegant", "-q",
                                       "-o", str(out), "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "IBM PhD Fellowship 2024" in out.read_text(encoding="utf-8")
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    assert "Yihua Zhang" in first
    assert "file://" not in first  # no header or footer with the temporary file's name


def test_cli_html_to_stdout_with_losses_on_stderr() -> None:
    _need_theme("even")
    result = CliRunner().invoke(main, ["render", str(SAMPLE_JSON), "-t", "even"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>")
    assert "/publications/0/group: not a JSON Resume field; no stock theme shows it" in result.stderr


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
