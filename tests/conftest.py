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


def kill_while_writing(statement: str, *args: str, at_pause=None) -> int:
    """Run ``statement`` in a child process whose fsync pauses mid-write, SIGKILL it there and return its exit code.

    ``at_pause`` is called while the child waits (the new bytes are in the temporary file, nothing is renamed yet).
    """
    import signal
    import subprocess
    import sys

    child = "\n".join([
        "import os, sys, time",
        "def slow_fsync(fd):",
        "    print('writing', flush=True)",
        "    time.sleep(30)",
        "os.fsync = slow_fsync",
        statement,
    ])
    proc = subprocess.Popen([sys.executable, "-c", child, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout.readline() == b"writing\n"
        if at_pause is not None:
            at_pause()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode


#: The slow tests, by module and function (measured with ``pytest --durations=40`` on the 2-core machine: about 2 s
#: or more each, mostly generated documents, PDFs, browsers and corpus sweeps). ``pytest -m "not slow"`` is the fast
#: lane (README). Modules marked as a whole carry ``pytestmark = pytest.mark.slow`` themselves (test_packaging.py).
SLOW_TESTS: dict[str, frozenset[str]] = {
    "test_attacks.py": frozenset({"test_a_detected_pdf_without_europass_xml_is_held_to_the_linkedin_limits",
                                  "test_europass_pdf_with_many_pages_and_no_xml_is_refused_quickly",
                                  "test_linkedin_pdf_with_too_many_pages_is_refused", "test_deep_nesting_is_refused"}),
    "test_bibtex.py": frozenset({"test_fast_latex_decoding_agrees_with_pylatexenc"}),
    "test_enrich.py": frozenset({"test_seed_cv_run_then_orcid_push_dry_run_accepts_the_works_with_ids"}),
    "test_europass.py": frozenset({"test_any_schema_valid_document_writes_and_v3_output_validates"}),
    "test_fuzz_readers.py": frozenset({"test_hostile_inputs"}),
    "test_fuzz_writers.py": frozenset({"test_valid_documents_with_one_value_corrupted", "test_wrong_shape_documents"}),
    "test_loss_engine.py": frozenset({"test_any_list_of_losses_summarizes",
                                      "test_every_shared_corpus_and_reference_file_converts_to_json_without_a_bug"}),
    "test_loss_invariant.py": frozenset({"test_generated_round_trips_are_fully_accounted",
                                         "test_corpus_round_trips_are_fully_accounted"}),
    "test_render.py": frozenset({"test_corpus_renders_with_even", "test_cli_pdf_through_each_theme",
                                 "test_screenshot_of_each_theme", "test_every_item_reads_as_written",
                                 "test_cli_render_picks_the_profile_from_the_theme_name",
                                 "test_chromium_dom_keeps_the_titles", "test_same_html_as_resumed"}),
    "test_schemacheck.py": frozenset({"test_conformance_rule_academic_documents_are_valid_upstream",
                                      "test_generated_documents_agree", "test_arbitrary_documents_agree"}),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests named in SLOW_TESTS ``slow``."""
    for item in items:
        if getattr(item, "originalname", item.name) in SLOW_TESTS.get(item.path.name, ()):
            item.add_marker(pytest.mark.slow)


def interruptible() -> None:
    """``preexec_fn`` for a child a test will send SIGINT: give it the default disposition a terminal's shell gives.
    A test runner started in the background of a non-interactive shell (``cmd &``) ignores SIGINT, and an ignored
    signal stays ignored across exec, so Python would never raise KeyboardInterrupt in the child."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
