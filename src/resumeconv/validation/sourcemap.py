"""Where each JSON pointer of a document sits in its JSON or YAML text: line and column, 1-based.

Built only on the slow path (when a document has diagnostics), so valid files never pay for it. JSON is scanned
by a small tokenizer over text that ``json.loads`` has already accepted; YAML uses the composed node marks of our
safe loader, so both agree with what the document loader produced.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from ..core.losses import pointer as make_pointer
from ..core.positions import line_starts

Position = tuple[int, int]

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
#: Numbers and literals, plus the NaN and Infinity that Python's json module also accepts.
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity")
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass
class SourceMap:
    """Positions of values (``values``) and of object keys (``keys``), both keyed by JSON pointer."""

    values: dict[str, Position] = field(default_factory=dict)
    keys: dict[str, Position] = field(default_factory=dict)

    def locate(self, ptr: str, *, key: bool = False) -> Position | None:
        """Position of the value at ``ptr`` (of its key with ``key=True``); else of the nearest ancestor."""
        if key and ptr in self.keys:
            return self.keys[ptr]
        while True:
            if ptr in self.values:
                return self.values[ptr]
            if not ptr:
                return None
            ptr = ptr[: ptr.rfind("/")]


def build(text: str, fmt: str) -> SourceMap:
    """The source map of a JSON (``fmt='json'``) or YAML text that already parsed."""
    return _yaml_map(text) if fmt == "yaml" else _JsonScanner(text).run()


class _JsonScanner:
    """A recursive-descent walk over valid JSON text that records where every value and key starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.map = SourceMap()
        self._line_starts = line_starts(text)

    def run(self) -> SourceMap:
        self._skip()
        if self.text.startswith("\ufeff"):
            self.pos += 1
            self._skip()
        self._value("")
        return self.map

    def _where(self, offset: int) -> Position:
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def _skip(self) -> None:
        self.pos = _match(_SPACE, self.text, self.pos).end()

    def _value(self, ptr: str) -> None:
        self.map.values[ptr] = self._where(self.pos)
        ch = self.text[self.pos]
        if ch == "{":
            self._object(ptr)
        elif ch == "[":
            self._array(ptr)
        elif ch == '"':
            self.pos = _match(_STRING, self.text, self.pos).end()
        else:
            self.pos = _match(_SCALAR, self.text, self.pos).end()

    def _object(self, ptr: str) -> None:
        self.pos += 1
        self._skip()
        while self.text[self.pos] != "}":
            match = _match(_STRING, self.text, self.pos)
            child = ptr + make_pointer(json.loads(match.group(0)))
            self.map.keys[child] = self._where(self.pos)
            self.pos = match.end()
            self._skip()
            self.pos += 1  # the colon
            self._skip()
            self._value(child)
            self._skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                self._skip()
        self.pos += 1

    def _array(self, ptr: str) -> None:
        self.pos += 1
        self._skip()
        index = 0
        while self.text[self.pos] != "]":
            self._value(f"{ptr}/{index}")
            index += 1
            self._skip()
            if self.text[self.pos] == ",":
                self.pos += 1
                self._skip()
        self.pos += 1


def _match(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str]:
    """The match at ``pos``; the text was parsed as JSON already, so a token that does not match is a bug."""
    found = pattern.match(text, pos)
    if found is None:
        raise ValueError(f"source map: no {pattern.pattern!r} at offset {pos}")
    return found


def _yaml_map(text: str) -> SourceMap:
    import yaml

    from ..core.document import _loader_class

    loader = _loader_class()(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    result = SourceMap()
    if root is None:
        return result
    stack: list[tuple[yaml.Node, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, ptr = stack.pop()
        result.values[ptr] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in seen:  # an alias: its children were mapped at the anchor
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = ptr + make_pointer(str(key_node.value))
                result.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{ptr}/{i}") for i, item in enumerate(node.value))
    return result
