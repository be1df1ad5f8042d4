"""Load and dump the canonical document as JSON or YAML.

YAML is read with a safe loader that keeps dates as strings (``2019-01`` and ``2019-01-05`` stay text, as JSON
Resume wants) and that refuses alias bombs before they are expanded.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import InputError, UnsafeInputError
from .positions import line_col

#: How many nodes YAML aliases may add in all before the document is refused as an alias bomb.
MAX_YAML_ALIAS_NODES = 100_000
#: How deeply containers may nest; deeper input is refused instead of exhausting the stack.
MAX_DEPTH = 200


def parse_json(text: str, source: str | None = None) -> Any:
    """Parse JSON text; a syntax error names line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        line, column = line_col(text, err.pos)
        raise InputError(f"invalid JSON: {err.msg}", source, line, column) from None
    except RecursionError:
        raise UnsafeInputError(f"JSON nested deeper than {MAX_DEPTH} levels", source) from None
    _check_depth(data, source)
    return data


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
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(f"invalid YAML: {problem}", source, line, column) from None
    except yaml.YAMLError as err:
        raise InputError(f"invalid YAML: {err}", source) from None
    except RecursionError:
        raise UnsafeInputError(f"YAML nested deeper than {MAX_DEPTH} levels", source) from None
    finally:
        if loader is not None:
            loader.dispose()
    _check_depth(data, source)
    return data


def dump_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def dump_yaml(doc: Any) -> str:
    import yaml

    return yaml.dump(doc, Dumper=_dumper_class(), sort_keys=False, allow_unicode=True, width=100000,
                     default_flow_style=False)


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


_LOADER = None
_DUMPER = None


def _loader_class():
    """A SafeLoader without the timestamp resolver and with a budget for alias expansion."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml

    class Loader(yaml.SafeLoader):
        def __init__(self, stream):
            super().__init__(stream)
            self._sizes: dict[int, int] = {}
            self._alias_nodes = 0

        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                node = super().compose_node(parent, index)
                self._alias_nodes += self._size(node)
                if self._alias_nodes > MAX_YAML_ALIAS_NODES:
                    raise UnsafeInputError(
                        f"YAML aliases expand to more than {MAX_YAML_ALIAS_NODES} nodes (alias bomb refused)",
                        getattr(self, "name", None), event.start_mark.line + 1, event.start_mark.column + 1)
                return node
            return super().compose_node(parent, index)

        def _size(self, node) -> int:
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

    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _LOADER = Loader
    return Loader


def _dumper_class():
    global _DUMPER
    if _DUMPER is not None:
        return _DUMPER
    import yaml

    # libyaml's emitter when PyYAML was built with it (about 6x faster); the representers stay ours either way.
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):
        def ignore_aliases(self, data):
            return True

    def represent_str(dumper, data: str):
        # PyYAML writes NEL/LS/PS raw in single-quoted scalars, where a reader folds them as line breaks;
        # double quotes escape them, so the text survives the round trip.
        style = '"' if any(ch in data for ch in "\x85\u2028\u2029") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, represent_str)
    _DUMPER = Dumper
    return Dumper
