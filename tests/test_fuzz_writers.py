"""Fuzz every writer with documents of the wrong shape: a result (with its loss report) or one project error.

Keys are the schema's own property names, values any JSON, so writers reach deep into the document before they
meet a value of the wrong type. Bounded like the reader fuzz; RESUMECONV_FUZZ_EXAMPLES raises it.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumeconv import formats as registry
from resumeconv.core.errors import InternalError, InvalidDocumentError, ResumeconvError
from resumeconv.schemas import load_schema
from strategies import from_schema

EXAMPLES = int(os.environ.get("RESUMECONV_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
WRITERS = [spec for spec in registry.all_formats() if spec.writes]


def _property_names(node: Any, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        out.update(node.get("properties", {}))
        for value in node.values():
            _property_names(value, out)
    elif isinstance(node, list):
        for value in node:
            _property_names(value, out)
    return out


KEYS = sorted(_property_names(load_schema("academic"), set()))
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
SHAPED = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(KEYS), children, max_size=5),
    max_leaves=40,
)


def _write_or_own_error(spec: registry.FormatSpec, doc: dict[str, Any]) -> None:
    """A result, or one line saying what is wrong with the document (exit 1 or 2); never a bug (InternalError,
    exit 3: a writer that crashed on a document the schema accepts, or made output its own reader refuses)."""
    try:
        result = spec.write(doc)
    except InternalError as err:
        pytest.fail(f"{spec.name}: {err}")
    except InvalidDocumentError as err:
        assert "\n" not in str(err)
        return
    except ResumeconvError as err:
        assert "\n" not in str(err)
        assert err.exit_code in (1, 2)
        return
    assert isinstance(result.data, bytes)


@pytest.mark.parametrize("spec", WRITERS, ids=[s.name for s in WRITERS])
@FUZZ
@given(doc=st.dictionaries(st.sampled_from(KEYS), SHAPED, max_size=8))
def test_wrong_shape_documents(spec: registry.FormatSpec, doc: dict[str, Any]) -> None:
    _write_or_own_error(spec, doc)


def _corrupt(value: Any, path: list[int], replacement: Any) -> Any:
    """``value`` with the node that ``path`` picks (indices modulo each container's size) replaced."""
    if not path or not isinstance(value, (dict, list)) or not value:
        return replacement
    if isinstance(value, dict):
        key = sorted(value)[path[0] % len(value)]
        return {**value, key: _corrupt(value[key], path[1:], replacement)}
    index = path[0] % len(value)
    return [*value[:index], _corrupt(value[index], path[1:], replacement), *value[index + 1:]]


@pytest.mark.parametrize("spec", WRITERS, ids=[s.name for s in WRITERS])
@FUZZ
@given(data=st.data())
def test_valid_documents_with_one_value_corrupted(spec: registry.FormatSpec, data: st.DataObject) -> None:
    doc = data.draw(from_schema(load_schema("academic")))
    path = data.draw(st.lists(st.integers(0, 50), min_size=1, max_size=5))
    bad = _corrupt(doc, path, data.draw(SCALARS | st.lists(SCALARS, max_size=2) | st.just({})))
    _write_or_own_error(spec, bad if isinstance(bad, dict) else doc)
