"""Every generated file in samples/ matches what the current code writes from the JSON sample."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("regenerate_samples", ROOT / "scripts" / "regenerate_samples.py")
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


@pytest.mark.parametrize(("name", "fmt", "options"), regen.TARGETS, ids=[t[0] for t in regen.TARGETS])
def test_sample_is_fresh(name: str, fmt: str, options: dict) -> None:
    committed = (ROOT / "samples" / name).read_bytes()
    assert committed == regen.generate(name, fmt, options), (
        f"samples/{name} is stale: run python scripts/regenerate_samples.py")
