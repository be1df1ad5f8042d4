"""Regenerate every derived file in samples/ from samples/yihua-zhang.resume.json (the one source).

Run: python scripts/regenerate_samples.py        (tests/test_samples_fresh.py fails when a file is stale)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "samples" / "yihua-zhang.resume.json"

#: (output file name in samples/, format, writer options). One line per generated sample.
TARGETS: list[tuple[str, str, dict]] = [
    ("yihua-zhang.resume.yaml", "yaml", {}),
    ("yihua-zhang.linkedin.txt", "linkedin", {"today": "2025-11-28"}),
    ("yihua-zhang.md", "markdown", {}),
    ("yihua-zhang.theme.json", "theme", {}),
    ("yihua-zhang.orcid.bib", "orcid-bibtex", {}),
    ("yihua-zhang.orcid.json", "orcid-json", {}),
    ("yihua-zhang.europass.xml", "europass", {}),
    ("yihua-zhang.europass-v3.xml", "europass-v3", {"created": "2025-11-03T00:00:00Z"}),
]


def generate(name: str, fmt: str, options: dict) -> bytes:
    import resumeconv

    doc = resumeconv.load(SOURCE)
    return resumeconv.write(doc, fmt, **options).data


def main() -> int:
    from resumeconv.core.fileio import write_atomic

    for name, fmt, options in TARGETS:
        data = generate(name, fmt, options)
        write_atomic(ROOT / "samples" / name, data)
        print(f"samples/{name}: {len(data)} bytes ({fmt})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
