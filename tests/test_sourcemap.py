"""Source map: exact line and column of values and keys, for JSON and YAML."""

from __future__ import annotations

import json

import pytest

from resumeconv.validation.sourcemap import build

JSON_TEXT = """{
  "basics": {"name": "Zoë", "a/b~c": [1, 2.5e3, {"x": null}]},
  "work": [
    {
      "name": "Lab \\"Q\\"",
      "startDate": "2019"
    }
  ]
}
"""

YAML_TEXT = """basics:
  name: Zoë
  a/b~c: [1, 2500, {x: null}]
work:
  - name: Lab "Q"
    startDate: "2019"
"""


def test_json_values_and_keys():
    smap = build(JSON_TEXT, "json")
    assert smap.values[""] == (1, 1)
    assert smap.values["/basics"] == (2, 13)
    assert smap.keys["/basics"] == (2, 3)
    assert smap.values["/basics/name"] == (2, 22)
    assert smap.keys["/basics/a~1b~0c"] == (2, 29)
    assert smap.values["/basics/a~1b~0c/1"] == (2, 42)
    assert smap.values["/basics/a~1b~0c/2/x"] == (2, 55)
    assert smap.values["/work/0"] == (4, 5)
    assert smap.values["/work/0/name"] == (5, 15)
    assert smap.keys["/work/0/startDate"] == (6, 7)
    assert smap.values["/work/0/startDate"] == (6, 20)


def test_json_columns_count_characters_not_bytes():
    smap = build('{"é": "ü", "b": 1}', "json")
    assert smap.values["/b"] == (1, 17)


def test_json_with_bom_and_crlf():
    smap = build('\ufeff{\r\n  "a": [\r\n    true\r\n  ]\r\n}', "json")
    assert smap.values["/a/0"] == (3, 5)


def test_json_covers_every_pointer_of_the_document():
    doc = json.loads(JSON_TEXT)
    smap = build(JSON_TEXT, "json")
    assert set(smap.values) == {"", "/basics", "/basics/name", "/basics/a~1b~0c", "/basics/a~1b~0c/0",
                                "/basics/a~1b~0c/1", "/basics/a~1b~0c/2", "/basics/a~1b~0c/2/x", "/work", "/work/0",
                                "/work/0/name", "/work/0/startDate"}
    assert doc["basics"]["a/b~c"][2]["x"] is None


def test_yaml_values_and_keys():
    smap = build(YAML_TEXT, "yaml")
    assert smap.values["/basics/name"] == (2, 9)
    assert smap.keys["/basics/name"] == (2, 3)
    assert smap.values["/basics/a~1b~0c/1"] == (3, 14)
    assert smap.values["/basics/a~1b~0c/2/x"] == (3, 24)
    assert smap.values["/work/0"] == (5, 5)
    assert smap.values["/work/0/startDate"] == (6, 16)
    assert smap.keys["/work"] == (4, 1)


def test_locate_falls_back_to_the_nearest_ancestor():
    smap = build(JSON_TEXT, "json")
    assert smap.locate("/work/0/endDate") == (4, 5)
    assert smap.locate("/work/0/startDate", key=True) == (6, 7)
    assert smap.locate("/nothing/here") == (1, 1)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_empty_containers(fmt):
    text = '{"a": {}, "b": []}' if fmt == "json" else "a: {}\nb: []\n"
    smap = build(text, fmt)
    assert smap.values["/b"] == ((1, 16) if fmt == "json" else (2, 4))


def test_json_nan_and_infinity_that_python_accepts():
    smap = build('{"a": NaN, "b": -Infinity, "c": [Infinity]}', "json")
    assert (smap.values["/b"], smap.values["/c/0"]) == ((1, 17), (1, 34))
