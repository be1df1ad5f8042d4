"""No crash on any input: every registered reader ends with a document or one of the project's own errors.

The readers are taken from the registry, so a new format is fuzzed as soon as it is registered. Examples are
bounded so CI stays quick; set RESUMECONV_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON, SAMPLES
from resumeconv import formats as registry
from resumeconv.core.errors import ResumeconvError

EXAMPLES = int(os.environ.get("RESUMECONV_FUZZ_EXAMPLES", "60"))
READERS = [spec for spec in registry.all_formats() if spec.reads]
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def seeds() -> list[bytes]:
    """Valid inputs to mutate: the JSON sample and every generated sample file."""
    return [SAMPLE_JSON.read_bytes(), *(p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.is_file())]


def read_or_own_error(spec: registry.FormatSpec, data: bytes) -> None:
    try:
        result = spec.read(data, source="fuzz")
    except ResumeconvError as err:
        message = str(err)
        assert message.startswith("fuzz"), message
        assert "\n" not in message, message
        return
    assert isinstance(result.document, dict)


@pytest.mark.parametrize("spec", READERS, ids=[s.name for s in READERS])
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(spec: registry.FormatSpec, data: bytes) -> None:
    read_or_own_error(spec, data)


@pytest.mark.parametrize("spec", READERS, ids=[s.name for s in READERS])
@FUZZ
@given(
    seed=st.sampled_from(seeds()),
    cut=st.floats(0, 1),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_truncated_and_mutated_valid_files(spec: registry.FormatSpec, seed: bytes, cut: float,
                                           flips: list[tuple[float, int]]) -> None:
    data = bytearray(seed[: max(1, int(len(seed) * cut))])
    for where, value in flips:
        data[min(len(data) - 1, int(len(data) * where))] = value
    read_or_own_error(spec, bytes(data))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@FUZZ
@given(value=JSON_VALUES)
def test_wrong_type_documents(fmt: str, value: object) -> None:
    import json

    read_or_own_error(registry.get(fmt), json.dumps(value).encode())


@pytest.mark.parametrize("spec", READERS, ids=[s.name for s in READERS])
@pytest.mark.parametrize(
    "data",
    [
        "{}".encode("utf-16"),
        b"\xef\xbb\xbf",
        b"\xff\xfe\x00",
        b"[" * 100_000,
        b'{"basics": {"name": "' + b"x" * 2_000_000 + b'"}}',
        b"\x00" * 1000,
    ],
    ids=["utf16-bom", "bom-only", "broken-utf16", "deep", "huge-string", "nul-bytes"],
)
def test_hostile_inputs(spec: registry.FormatSpec, data: bytes) -> None:
    read_or_own_error(spec, data)


#: Inputs the longer runs (scripts/fuzz_atheris.py, RESUMECONV_FUZZ_EXAMPLES) found crashing a reader, kept as
#: regressions: (format, base64 of the input, the error message after "fuzz: ").
FOUND = [
    ("linkedin-export",  # a zip member with an empty name made zipfile.ZipInfo.is_dir() raise IndexError
     "UEsBAkMAAAAAAFBLBQaxTbEAUEuxQbEAAAAAAAAABAShsbEGUEsAAAAAAAAAAABQSwUGAAAKsbHx5LEvAAAAAAAAAAQA",
     "no LinkedIn export CSV (Profile.csv, Positions.csv, ...) found"),
]


@pytest.mark.parametrize(("fmt", "data", "message"), FOUND, ids=[f[0] for f in FOUND])
def test_inputs_found_by_longer_fuzzing(fmt: str, data: str, message: str) -> None:
    import base64

    with pytest.raises(ResumeconvError) as info:
        registry.get(fmt).read(base64.b64decode(data), source="fuzz")
    assert str(info.value) == f"fuzz: {message}"
