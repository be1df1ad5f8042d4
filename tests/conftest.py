"""Shared fixtures: where the repository, the samples and ../shared are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_JSON = SAMPLES / "yihua-zhang.resume.json"
#: The read-only reference material; CI lays it beside the clone. RESUMECONV_SHARED overrides the place.
SHARED = Path(os.environ.get("RESUMECONV_SHARED", ROOT.parent / "shared"))


@pytest.fixture
def shared() -> Path:
    """The ../shared folder, or a skip with the reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); corpus and reference tests need it")
    return SHARED


@pytest.fixture
def sample_doc() -> dict:
    import json

    return json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
