"""Every real resume in ../shared/corpus/jsonresume through every writer, by the CLI, and back where a reader exists
(issue 17, "Done when"): no exit 3; theme output valid against upstream v1.0.0 and latest; europass-v3 and
orcid-xml output valid against their XSDs; every difference after reading back reported at its pointer.

One ``convert`` per writer over the whole folder (``--output-dir``), so the cost is a few process starts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from resumeconv import formats as registry

pytestmark = pytest.mark.slow

WRITERS = [s.name for s in registry.all_formats() if s.writes]
#: Readers of a writer's output: the format that reads it back into a CV.
READ_BACK = {"json": "json", "yaml": "yaml", "europass": "europass", "europass-v3": "europass-v3",
             "linkedin": "linkedin", "orcid-json": "orcid-json", "orcid-xml": "orcid-xml", "orcid-bibtex": "bibtex",
             "csl-json": "csl-json"}
#: Targets that carry publications only: what they read back is compared on /publications only.
WORKS_ONLY = {"orcid-json", "orcid-xml", "orcid-bibtex", "csl-json"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "resumeconv", *args], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest) -> list[Path]:
    from conftest import SHARED

    folder = SHARED / "corpus" / "jsonresume"
    if not folder.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); the corpus test needs it")
    return sorted(p for p in folder.iterdir() if p.suffix in (".json", ".yaml", ".yml"))


@pytest.fixture(scope="module")
def converted(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Per writer: the output folder, the exit code, and the JSON loss report of each input."""
    out: dict[str, Any] = {}
    for target in WRITERS:
        folder = tmp_path_factory.mktemp(target)
        proc = _cli("convert", *map(str, corpus), "-t", target, "--output-dir", str(folder), "--loss-format", "json",
                    "-j", "2")
        reports = {}
        errors = []
        for line in proc.stderr.splitlines():
            if line.startswith("{"):
                item = json.loads(line)
                reports[item["input"]] = item
            else:
                errors.append(line)
        out[target] = {"folder": folder, "code": proc.returncode, "reports": reports, "errors": errors}
    return out


def test_no_writer_exits_3(converted: dict[str, Any]) -> None:
    crashed = {t: r["errors"] for t, r in converted.items() if r["code"] == 3 or any(
        "internal error" in e for e in r["errors"])}
    assert crashed == {}


def test_theme_output_is_valid_upstream(converted: dict[str, Any]) -> None:
    from resumeconv.validation import is_valid

    invalid = []
    for path in sorted(converted["theme"]["folder"].iterdir()):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for profile in ("jsonresume", "jsonresume-1.0"):
            if not is_valid(doc, profile):
                invalid.append((path.name, profile))
    assert invalid == []


def _xsd(shared: Path, *parts: str) -> Any:
    from lxml import etree

    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(shared.joinpath(*parts)), parser))


@pytest.mark.parametrize(("target", "xsd"), [
    ("europass-v3", ("reference", "europass", "v3", "EuropassSchema.xsd")),
    ("orcid-xml", ("reference", "orcid", "xsd", "record_3.0", "bulk-3.0.xsd")),
])
def test_xml_output_is_valid_against_its_xsd(converted: dict[str, Any], shared: Path, target: str,
                                            xsd: tuple[str, ...]) -> None:
    from lxml import etree

    schema = _xsd(shared, *xsd)
    invalid = {}
    for path in sorted(converted[target]["folder"].iterdir()):
        if not schema.validate(etree.parse(str(path))):
            invalid[path.name] = str(schema.error_log.last_error)
    assert invalid == {}


def _exists(doc: Any, ptr: str) -> bool:
    """Whether ``doc`` has a value at the JSON pointer ``ptr``."""
    node = doc
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _covered(ptr: str, reported: set[str]) -> bool:
    while True:
        if ptr in reported:
            return True
        if not ptr:
            return False
        ptr = ptr[: ptr.rfind("/")]


@pytest.mark.parametrize("target", sorted(READ_BACK))
def test_differences_after_reading_back_are_reported(converted: dict[str, Any], corpus: list[Path],
                                                      target: str) -> None:
    """Each place of the source that does not come back unchanged is named in the report (at it or above it).
    Pre-1.0 names are compared as the writer got them, after the reported normalization."""
    import resumeconv
    from resumeconv.core.losses import differences
    from resumeconv.migrate import prepare_for_writer

    result = converted[target]
    back_dir = result["folder"].parent / f"{target}-back"
    outputs = sorted(result["folder"].iterdir())
    proc = _cli("convert", *map(str, outputs), "-f", READ_BACK[target], "-t", "json", "--output-dir",
                str(back_dir), "-q", "-j", "2")
    assert proc.returncode in (0, 1, 2) and "internal error" not in proc.stderr, proc.stderr
    unreported: dict[str, list[str]] = {}
    for source in corpus:
        report = result["reports"].get(str(source))
        if report is None:
            continue  # not convertible (its error line is checked above)
        name = Path(report["output"]).name
        ext = max((e for e in registry.get(READ_BACK[target]).extensions if name.endswith(e)), key=len)
        back_file = back_dir / (name.removesuffix(ext) + ".resume.json")
        if not back_file.is_file():
            unreported[source.name] = ["(output could not be read back)"]
            continue
        doc, _ = prepare_for_writer(resumeconv.read(source).document, target)
        back = json.loads(back_file.read_text(encoding="utf-8"))
        if target in WORKS_ONLY:
            doc, back = {"publications": doc.get("publications", [])}, {"publications": back.get("publications", [])}
        reported = {x["pointer"] for x in report["losses"]}
        # Aligned like the loss engine: one dropped list item is a difference at its index, not at every later one.
        # Only what the source has: a field the reader adds (a BibTeX entry type read as 'type') loses nothing.
        missing = [p for p, _ in differences(doc, back) if _exists(doc, p) and not _covered(p, reported)]
        if missing:
            unreported[source.name] = missing[:5]
    assert unreported == {}
