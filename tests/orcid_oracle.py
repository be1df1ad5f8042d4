"""Run ORCID's own "Import BibTeX" dialog code (../shared/oracles/orcid-bibtex-import) on BibTeX text.

The oracle is built by ``.ci/run`` (its ``setup.sh`` fetches two pinned npm packages). At test time npm is told to
stay offline, so a test never reaches the network: where node/npm are missing or the oracle is not built, the test
skips and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED

ORACLE = SHARED / "oracles" / "orcid-bibtex-import"


def _tool() -> Path:
    if not (ORACLE / "import-bibtex").is_file():
        pytest.skip(f"the ORCID BibTeX oracle is absent ({ORACLE}); it lives in ../shared")
    if not (shutil.which("node") and shutil.which("npm") and shutil.which("bash")):
        pytest.skip("the ORCID BibTeX oracle needs bash, node and npm (.ci/run installs them)")
    return ORACLE / "import-bibtex"


def orcid_import(bib: bytes | str, tmp_path: Path) -> tuple[int, dict[str, Any]]:
    """(exit status, answer) of ORCID's dialog on ``bib``: ``answer["works"]`` is what it would send to ORCID."""
    tool = _tool()
    path = tmp_path / "oracle-input.bib"
    path.write_bytes(bib.encode("utf-8") if isinstance(bib, str) else bib)
    env = dict(os.environ, npm_config_offline="true", npm_config_fetch_retries="0")
    proc = subprocess.run(["bash", str(tool), str(path)], capture_output=True, text=True, timeout=600, env=env)
    if proc.returncode == 3:
        pytest.skip("the ORCID BibTeX oracle is not built (run .ci/run, or "
                    f"{ORACLE / 'setup.sh'} once online): {proc.stderr.strip()[-300:]}")
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.returncode, json.loads(proc.stdout)


def imported_works(bib: bytes | str, tmp_path: Path) -> list[dict[str, Any]]:
    """The works ORCID's dialog would send; fails when ORCID would refuse the whole file."""
    status, answer = orcid_import(bib, tmp_path)
    assert answer["parseError"] is None, str(answer["parseError"])[:300]
    assert status == 0, answer
    works: list[dict[str, Any]] = answer["works"]
    return works
