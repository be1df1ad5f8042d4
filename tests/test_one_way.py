"""One way in, one way out (issue 24): each reading format decides itself whether an input is its own (``accepts``);
``formats.open_input`` is the one read path that ``resumeconv.read``, ``resumeconv.validate`` and the CLI use;
``FormatSpec.write`` is the one write path, preparation and crash guard included, that the API and the CLI call."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

import resumeconv
from conftest import ROOT, SAMPLE_JSON, SAMPLES
from resumeconv import formats as registry
from resumeconv.core.errors import InputError

SRC = ROOT / "src" / "resumeconv"
EXPORT = ROOT / "tests" / "fixtures" / "linkedin" / "export"


def test_every_reading_format_owns_its_detection() -> None:
    for spec in registry.all_formats():
        module = spec.load()
        if spec.writes:
            assert callable(getattr(module, "write", None)), f"{spec.name} writes but has no write()"
        if spec.reads:
            assert callable(getattr(module, "read", None)), f"{spec.name} reads but has no read()"
            assert callable(getattr(module, "accepts", None)), f"{spec.name} reads but has no accepts()"


@pytest.mark.parametrize(("sample", "fmt"), [
    ("yihua-zhang.resume.json", "json"), ("yihua-zhang.resume.yaml", "yaml"),
    ("yihua-zhang.europass.xml", "europass"), ("yihua-zhang.europass-v3.xml", "europass-v3"),
    ("yihua-zhang.orcid.bib", "bibtex"),
    ("yihua-zhang.orcid.json", "orcid-json"),
])
def test_samples_are_detected_by_content_alone(sample: str, fmt: str) -> None:
    data = (SAMPLES / sample).read_bytes()
    assert registry.detect(None, data).name == fmt
    assert resumeconv.read(data).format == fmt
    assert resumeconv.read(SAMPLES / sample).format == fmt


def test_a_folder_is_read_and_refused_on_the_same_path() -> None:
    assert resumeconv.read(EXPORT).format == "linkedin-export"
    assert resumeconv.read(EXPORT).source == str(EXPORT)
    with pytest.raises(InputError, match="this is linkedin-export, not JSON Resume"):
        resumeconv.validate(EXPORT)
    assert resumeconv.validate(EXPORT, format="linkedin-export") == []


def test_only_the_registry_detects() -> None:
    """Nothing outside formats/ picks a reader itself: the API, the CLI, batch and serve all open inputs through
    ``formats.open_input`` (no module calls ``detect``, ``accepts`` or ``read_bytes`` on an input of its own)."""
    callers = []
    for path in SRC.rglob("*.py"):
        if path.is_relative_to(SRC / "formats") or path.is_relative_to(SRC / "core"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in {"detect", "accepts", "read_path"}:
                callers.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.func.attr}")
    assert callers == []


def test_api_and_registry_write_the_same() -> None:
    """A pre-1.0 name reaches Markdown the same way through either door (it used to be kept through the API and
    reported lost through the registry)."""
    doc = {"basics": {"name": "Ada Lovelace", "website": "https://ada.example.org"}}
    api = resumeconv.write(doc, "markdown")
    direct = registry.get("markdown").write(doc)
    assert api.data == direct.data
    assert "https://ada.example.org" in api.text
    assert [(x.pointer, x.kind, x.reason) for x in api.losses] == [
        (x.pointer, x.kind, x.reason) for x in direct.losses]
    assert ("/basics/website", "normalization", "renamed 'website' to 'url' (JSON Resume 1.0 name)") in [
        (x.pointer, x.kind, x.reason) for x in api.losses]


typst_missing = importlib.util.find_spec("typst") is None


@pytest.mark.skipif(typst_missing, reason="the typst package (pip install 'resumeconv[pdf]') is not installed")
def test_the_typst_pdf_is_a_registry_writer(tmp_path: Path) -> None:
    out = resumeconv.write(resumeconv.load(SAMPLE_JSON), "typst-pdf", theme="compact")
    assert out.data.startswith(b"%PDF-")
    with pytest.raises(resumeconv.ResumeconvError, match="unknown Typst theme 'nope'"):
        resumeconv.write({}, "typst-pdf", theme="nope")
    by_render, by_convert = tmp_path / "render.pdf", tmp_path / "convert.pdf"
    for args in (["render", str(SAMPLE_JSON), "--pdf", str(by_render)],
                 ["convert", str(SAMPLE_JSON), "-t", "typst-pdf", "-o", str(by_convert)]):
        proc = subprocess.run([sys.executable, "-m", "resumeconv", *args], capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, proc.stderr
    assert by_render.read_bytes() == by_convert.read_bytes()
    svg = resumeconv.write(resumeconv.load(SAMPLE_JSON), "typst-svg")
    assert svg.data.lstrip().startswith(b"<svg") and all(p.lstrip().startswith(b"<svg") for p in svg.more)


def test_detection_imports_no_reader_or_writer() -> None:
    """Every reading format is asked on every input (validate's start-up path): its accepts() lives in a light
    module, and the reader, the writer and what they need (lxml, pypdf, the name codec) are imported on first use."""
    code = ("import sys\nfrom resumeconv import formats\n"
            "print(formats.detect('cv.json', open(sys.argv[1], 'rb').read()).name)\n"
            "heavy = [m for m in sys.modules if m.startswith('resumeconv.formats.') and m.count('.') > 2"
            " and not m.endswith(('_contract',))]\n"
            "heavy += [m for m in ('lxml', 'pypdf', 'resumeconv.core.names') if m in sys.modules]\n"
            "print(sorted(heavy))")
    proc = subprocess.run([sys.executable, "-c", code, str(SAMPLE_JSON)], capture_output=True, text=True, check=True)
    assert proc.stdout.splitlines() == ["json", "[]"]
