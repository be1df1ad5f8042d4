"""Load and dump the canonical document as JSON or YAML.

What the person wrote is kept. A key written twice in one object is an error naming both places (a parser would
silently keep only the last value). YAML is read with a safe loader under YAML 1.2 core-schema rules, not PyYAML's
1.1 ones: ``NO`` and ``yes`` stay text, ``02100`` stays text (no octal), ``1:30`` stays text (no base 60), dates
stay text (``2019-01`` as JSON Resume wants). The loader also refuses alias bombs before they are expanded.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import InputError, UnsafeInputError
from .positions import line_col

if TYPE_CHECKING:
    import yaml

#: How many nodes YAML aliases may add in all before the document is refused as an alias bomb.
MAX_YAML_ALIAS_NODES = 100_000
#: How deeply containers may nest; deeper input is refused instead of exhausting the stack.
MAX_DEPTH = 200
#: The longest integer read, in digits: Python's own limit for turning text into an int (longer ones crashed).
MAX_INT_DIGITS = 4300
#: The longest string read, in characters: a CV's longest text is some thousands; XML readers (libxml2) refuse a
#: text node over 10 MB, so a longer value could be written to Europass but never read back.
MAX_STRING = 1_000_000


class _DuplicateKey(Exception):
    pass


class _BadNumber(Exception):
    """A number JSON does not have (NaN, Infinity, one that overflows a float) or one too long to read."""

    def __init__(self, token: str, why: str):
        super().__init__(token)
        self.token = token
        self.why = why


def _json_int(token: str) -> int:
    digits = len(token.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _BadNumber(token, f"an integer of {digits} digits (limit {MAX_INT_DIGITS})")
    return int(token)


def _json_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise _BadNumber(token, f"the number {token[:40]} is out of range (it would be infinity)")
    return value


def _json_constant(token: str) -> float:
    raise _BadNumber(token, f"{token} is not a JSON value (JSON has no NaN or Infinity; write a number or text)")


#: Where a JSON string holds an escape that may be a lone surrogate (checked further only when this matches).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKey
    return obj


def parse_json(text: str, source: str | None = None) -> Any:
    """Parse JSON text; a syntax error names line and column, a duplicate key both of its places."""
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_int=_json_int, parse_float=_json_float,
                          parse_constant=_json_constant)
    except _DuplicateKey:
        raise _json_duplicate(text, source) from None
    except _BadNumber as bad:
        line, column = _json_token_place(text, bad.token.__eq__)
        raise InputError(f"invalid JSON: {bad.why}", source, line, column) from None
    except json.JSONDecodeError as err:
        line, column = line_col(text, err.pos)
        raise InputError(f"invalid JSON: {err.msg}", source, line, column) from None
    except RecursionError:
        raise UnsafeInputError(f"JSON nested deeper than {MAX_DEPTH} levels", source) from None
    _check_depth(data, source)
    if _SURROGATE_ESCAPE.search(text):
        _check_surrogates(text, source)
    if len(text) > MAX_STRING:
        _check_lengths(text, data, source)
    return data


def _too_long(length: int) -> str:
    return f"a string of {length} characters (limit {MAX_STRING}); a CV's texts are far shorter"


def _check_lengths(text: str, data: Any, source: str | None) -> None:
    """Refuse a string longer than MAX_STRING, at its place (only called when the text itself is that long)."""
    level = [data]
    longest = 0
    while level and not longest:
        below = []
        for node in level:
            for value in node.values() if isinstance(node, dict) else node if isinstance(node, list) else ():
                if isinstance(value, str) and len(value) > MAX_STRING:
                    longest = len(value)
                elif isinstance(value, (dict, list)):
                    below.append(value)
        level = below
    if longest:
        line, column = _json_token_place(text, lambda token: token.startswith('"') and len(token) > MAX_STRING)
        raise InputError(f"invalid JSON: {_too_long(longest)}", source, line, column)


def _check_surrogates(text: str, source: str | None) -> None:
    """Refuse a string holding half of a UTF-16 surrogate pair (``"\\ud800"``): it is no character, and no file
    can be written with it."""
    def lone(token: str) -> bool:
        return token.startswith('"') and _SURROGATE.search(json.loads(token)) is not None

    line, column = _json_token_place(text, lone)
    if line is not None:
        raise InputError("invalid JSON: a \\u escape names half of a surrogate pair, which is not a character",
                         source, line, column)


def _json_token_place(text: str, wanted: Callable[[str], bool]) -> tuple[int | None, int | None]:
    """Line and column of the first JSON token (a string with its quotes, or a bare literal) ``wanted`` accepts."""
    pos = 1 if text.startswith("\ufeff") else 0
    while (match := _JSON_TOKEN.match(text, pos)) and match.end() > pos:
        pos = match.end()
        token = match.group(1) or match.group(0).lstrip(" \t\r\n,:")
        if match.group(2) is None and wanted(token):
            return line_col(text, match.end() - len(token))
    return None, None


def parse_yaml(text: str, source: str | None = None) -> Any:
    """Parse YAML text with the safe, string-dates loader; a syntax error names line and column."""
    import yaml

    loader = None
    try:
        loader = _loader_class()(text)
        loader.name = source or "<input>"
        data = loader.get_single_data()
    except yaml.reader.ReaderError as err:
        line, column = line_col(text, err.position)
        raise InputError(f"invalid YAML: character U+{err.character:04X} is not allowed", source, line,
                         column) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = (err.problem or err.context or "syntax error").strip()
        if "'\\t'" in problem:
            problem += " (YAML does not allow tabs for indentation; use spaces)"
        raise InputError(f"invalid YAML: {problem}", source, mark.line + 1 if mark else None,
                         mark.column + 1 if mark else None) from None
    except yaml.YAMLError as err:
        raise InputError(f"invalid YAML: {err}", source) from None
    except RecursionError:
        raise UnsafeInputError(f"YAML nested deeper than {MAX_DEPTH} levels", source) from None
    finally:
        if loader is not None:
            loader.dispose()
    _check_depth(data, source)
    return data


def parse_document(text: str, source: str | None = None, syntax: str = "json") -> dict[str, Any]:
    """A resume from JSON or YAML text: an object at the top level, or an InputError naming the file."""
    if not text.strip():
        raise InputError("file is empty", source)
    doc = parse_yaml(text, source) if syntax == "yaml" else parse_json(text, source)
    if not isinstance(doc, dict):
        kind = type(doc).__name__ if doc is not None else "null"
        raise InputError(f"a resume must be an object at the top level, not {_KIND.get(kind, kind)}", source)
    return doc


_KIND = {"list": "an array", "str": "a string", "int": "a number", "float": "a number", "bool": "a boolean"}


def duplicate_key_error(key: str, first: tuple[int, int], second: tuple[int, int], where: str,
                        source: str | None) -> InputError:
    """The error for a key written twice: placed at the second, naming the line of the first."""
    inside = f" in {where}" if where else ""
    return InputError(f"duplicate key '{key}'{inside} (first at line {first[0]}, column {first[1]}); keep one of "
                      "them: a reader keeps only the last value", source, second[0], second[1])


#: One JSON token after its separators: a string (the loop unrolled, so a 10 MB string costs no backtracking
#: memory), a bracket, or a bare literal.
_JSON_TOKEN = re.compile(r'[\s,:]*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{}\[\]])|[^\s,:{}\[\]"]+)', re.DOTALL)


def _json_duplicate(text: str, source: str | None) -> InputError:
    """Find the first key written twice in one object of JSON text ``json.loads`` accepted but for that."""
    from .losses import pointer

    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(line_starts, offset) - 1
        return index + 1, offset - line_starts[index] + 1

    # One frame per open container: (pointer, keys seen -> offset, next array index or -1 for an object, key).
    stack: list[tuple[str, dict[str, int], list[int], list[str | None]]] = []
    pos = 1 if text.startswith("\ufeff") else 0
    expect_key = False
    while (match := _JSON_TOKEN.match(text, pos)) and match.end() > pos:
        pos = match.end()
        string, bracket = match.group(1), match.group(2)
        start = match.start(1) if string else match.start(2) if bracket else pos
        frame = stack[-1] if stack else None
        if frame is not None and frame[2][0] < 0 and expect_key and string is not None:
            key = json.loads(string)
            if key in frame[1]:
                return duplicate_key_error(key, where(frame[1][key]), where(start), frame[0], source)
            frame[1][key] = start
            frame[3][0] = key
            expect_key = False
            continue
        if bracket in ("}", "]"):
            stack.pop()
            expect_key = bool(stack) and stack[-1][2][0] < 0
            continue
        here = ""
        if frame is not None:
            if frame[2][0] < 0:
                here = frame[0] + pointer(frame[3][0] or "")
                expect_key = True
            else:
                here = f"{frame[0]}/{frame[2][0]}"
                frame[2][0] += 1
        if bracket == "{":
            stack.append((here, {}, [-1], [None]))
            expect_key = True
        elif bracket == "[":
            stack.append((here, {}, [0], [None]))
            expect_key = False
    return InputError("duplicate key", source)


def dump_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def dump_yaml(doc: Any) -> str:
    """YAML text with every character written as it is (emoji too, not ``\\U0001F431``)."""
    import yaml

    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "width": 100000,
                               "default_flow_style": False}
    text: str = yaml.dump(doc, Dumper=_dumper_class(), **options)
    if "\\U" in text:  # libyaml escaped a character outside the BMP; PyYAML's own emitter writes it as it is
        text = yaml.dump(doc, Dumper=_dumper_class(fast=False), **options)
    return text


def _check_depth(data: Any, source: str | None) -> None:
    """Refuse containers nested deeper than MAX_DEPTH (walked level by level, containers only)."""
    level = [data] if isinstance(data, (dict, list)) else []
    depth = 1
    while level:
        if depth > MAX_DEPTH:
            raise UnsafeInputError(f"document nested deeper than {MAX_DEPTH} levels", source)
        below = []
        for node in level:
            for value in node.values() if isinstance(node, dict) else node:
                if isinstance(value, (dict, list)):
                    below.append(value)
        level = below
        depth += 1


#: Implicit types as the YAML 1.2 core schema has them (not 1.1's): only true/false are booleans, only decimal
#: numbers without a leading zero are integers (``02100`` stays text), no base 60 (``1:30`` stays text), no
#: timestamps (dates stay text). Each entry: tag, regular expression, the characters a match can start with.
_YAML_12_RESOLVERS: tuple[tuple[str, str, str | tuple[str, ...]], ...] = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"""^(?:[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ("~", "n", "N", "")),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
)


@cache
def _loader_class() -> type[yaml.SafeLoader]:
    """A SafeLoader with YAML 1.2 core-schema implicit types, duplicate keys refused and a budget for alias
    expansion (built once, on first use, so importing this module does not import yaml)."""
    import yaml

    class Loader(yaml.SafeLoader):
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._sizes: dict[int, int] = {}
            self._alias_nodes = 0

        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                event: yaml.Event = self.parse_event_peek()
                node = super().compose_node(parent, index)
                self._alias_nodes += self._size(node)
                if self._alias_nodes > MAX_YAML_ALIAS_NODES:
                    mark = event.start_mark
                    raise UnsafeInputError(
                        f"YAML aliases expand to more than {MAX_YAML_ALIAS_NODES} nodes (alias bomb refused)",
                        getattr(self, "name", None), mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None)
                return node
            return super().compose_node(parent, index)

        def parse_event_peek(self) -> yaml.Event:
            """The next event, not consumed (PyYAML's ``peek_event``, typed)."""
            event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
            return event

        def _size(self, node: yaml.Node | None) -> int:
            known = self._sizes.get(id(node))
            if known is not None:
                return known
            if isinstance(node, yaml.MappingNode):
                size = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
            elif isinstance(node, yaml.SequenceNode):
                size = 1 + sum(self._size(v) for v in node.value)
            else:
                size = 1
            self._sizes[id(node)] = size
            return size

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            """A key written twice in one mapping is an error at the second, naming the first (merge keys aside)."""
            if isinstance(node, yaml.MappingNode):
                seen: dict[Any, Any] = {}
                for key_node, _ in node.value:
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node, deep=deep)
                    try:
                        first = seen.get(key)
                    except TypeError:
                        continue  # an unhashable key: the base constructor reports it
                    if first is not None:
                        mark = key_node.start_mark
                        raise duplicate_key_error(str(key), (first.line + 1, first.column + 1),
                                                  (mark.line + 1, mark.column + 1), "", getattr(self, "name", None))
                    seen[key] = key_node.start_mark
            return super().construct_mapping(node, deep=deep)

    def refuse(loader: Any, node: yaml.Node, message: str) -> NoReturn:
        mark = node.start_mark
        raise InputError(f"invalid YAML: {message}", getattr(loader, "name", None), mark.line + 1, mark.column + 1)

    def construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
        digits = len(str(node.value).lstrip("+-").replace("_", ""))
        if digits > MAX_INT_DIGITS:
            refuse(loader, node, f"an integer of {digits} digits (limit {MAX_INT_DIGITS})")
        value: int = yaml.SafeLoader.construct_yaml_int(loader, node)
        return value

    def construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
        value: float = yaml.SafeLoader.construct_yaml_float(loader, node)
        if math.isnan(value) or math.isinf(value):
            refuse(loader, node, f"{node.value} is not a number JSON Resume can hold (no NaN or infinity; write a "
                                 "number, or quote it to keep it as text)")
        return value

    def construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
        value: str = yaml.SafeLoader.construct_yaml_str(loader, node)
        if len(value) > MAX_STRING:
            refuse(loader, node, _too_long(len(value)))
        if _SURROGATE.search(value):
            refuse(loader, node, "a \\u escape names half of a surrogate pair, which is not a character")
        return value

    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    Loader.add_constructor("tag:yaml.org,2002:str", construct_str)
    Loader.yaml_implicit_resolvers = {}
    for tag, regexp, first in _YAML_12_RESOLVERS:
        Loader.add_implicit_resolver(tag, re.compile(regexp, re.X), list(first))
    return Loader


#: Plain scalars that the YAML 1.2 core schema resolves to null, a bool, an int or a float.
_YAML12_NOT_STR = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


@cache
def _dumper_class(fast: bool = True) -> type[yaml.SafeDumper]:
    """Our YAML dumper: libyaml's emitter when PyYAML has it and ``fast`` (about 6x faster), else PyYAML's own
    (which writes characters outside the BMP, such as emoji, as they are; libyaml escapes them)."""
    import yaml

    base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper) if fast else yaml.SafeDumper

    def ignore_aliases(self: yaml.SafeDumper, data: Any) -> bool:
        return True

    def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        # PyYAML writes NEL/LS/PS raw in single-quoted scalars, where a reader folds them as line breaks;
        # double quotes escape them, so the text survives the round trip.
        style: str | None = '"' if any(ch in data for ch in "\x85\u2028\u2029") else None
        # PyYAML quotes what YAML 1.1 would read as another type; YAML 1.2 readers (ours, ruamel, js-yaml: RenderCV,
        # the npm tools) also read '1e3', '0E0' or '0o17' as numbers, so those are quoted too.
        if style is None and (_YAML12_NOT_STR.fullmatch(data) or any(r.match(data) for r in plain_not_text)):
            style = "'"
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    plain_not_text = [re.compile(regexp, re.X) for tag, regexp, _ in _YAML_12_RESOLVERS
                      if tag != "tag:yaml.org,2002:merge"]
    dumper: type[yaml.SafeDumper] = type("Dumper", (base,), {"ignore_aliases": ignore_aliases})
    dumper.add_representer(str, represent_str)
    return dumper


def text_problem(doc: Any) -> tuple[str, str] | None:
    """(pointer, what) for the first string no file can hold: a lone surrogate, or longer than MAX_STRING. Files
    are refused at read time (:func:`parse_json`); this is the same rule for a document built in code, which the
    registry checks before any writer sees it."""
    from .losses import pointer

    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        at, node = stack.pop()
        if isinstance(node, str):
            if len(node) > MAX_STRING:
                return at, _too_long(len(node))
            found = _SURROGATE.search(node)
            if found:
                code = ord(found.group(0))
                return at, f"U+{code:04X}, half of a surrogate pair: no character, and no file can hold it"
        elif isinstance(node, dict):
            stack.extend((f"{at}{pointer(str(k))}", v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((f"{at}/{i}", v) for i, v in enumerate(node))
    return None

