"""The format contract: what a reader and a writer take and return, and how a format declares its options.

A format module defines ``read`` (a :class:`Reader`) and/or ``write`` (a :class:`Writer`), a module-level
``OPTIONS: tuple[Option, ...]`` and, when it reads, ``accepts(source, *, format) -> bool`` (a :class:`Detector`):
whether an input (a :class:`Source`) is its own. The registry asks the readers in priority order, so what a file
is, is decided in one place per format. The registry (``formats/__init__.py``) checks and converts options against
``OPTIONS``, runs the loss engine (:func:`resumeconv.core.losses.account`) and the crash guard around every call,
so a format does neither itself. Kept apart from the registry so that format modules import these types without
importing the registry's entries.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol, cast

from ..core.errors import UsageError
from ..core.losses import Coverage, Loss

if TYPE_CHECKING:
    from ..schemas.vocab import Resume

Direction = Literal["read", "write"]
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class Source(NamedTuple):
    """An input as detection sees it (cheap to make: detection must not slow down ``validate``).

    ``name`` is the path or file name as given (None for bytes or stdin); ``data`` the content (empty for a
    folder); ``head`` its first 8 KiB as text, byte-order mark dropped, where content patterns are searched;
    ``listing`` a folder's file names, one a line (None for a file).
    """

    name: str | None
    data: bytes
    head: str
    listing: str | None = None

    @property
    def is_pdf(self) -> bool:
        return self.data.lstrip()[:5] == b"%PDF-"


class Detector(Protocol):
    """``accepts(source, *, format)``: whether the input is this format's (``format``: the registry name, when one
    module serves several). Imports nothing heavy unless the content already looks like its own."""

    def __call__(self, source: Source, *, format: str) -> bool: ...


class ReadResult:
    """A reader's answer: the canonical document and what the source had that it could not hold.

    The registry adds ``format`` (the registry name of the reader that read it) and ``source`` (the input's name as
    messages show it: a path, ``<stdin>`` or ``<input>``).
    """

    __slots__ = ("document", "format", "losses", "source")

    def __init__(self, document: Resume, losses: list[Loss] | None = None) -> None:
        self.document: Resume = document
        self.losses: list[Loss] = list(losses or ())
        self.format = ""
        self.source = ""

    @classmethod
    def untyped(cls, document: Mapping[str, Any], losses: list[Loss] | None = None) -> ReadResult:
        """For a reader whose builder makes a plain ``dict[str, Any]``: the one place such a dict is taken as a
        :class:`Resume` unchecked (mypy cannot see its values; the schema checks them at run time, in ``validate``).
        A reader that builds a ``Resume`` passes it to the constructor and is checked."""
        return cls(cast("Resume", document), losses)

    def __repr__(self) -> str:
        return f"ReadResult(document=..., losses={self.losses!r})"


class WriteResult:
    """A writer's answer: the bytes to write and what the target could not hold.

    ``more`` holds further parts when a target must be split (e.g. ORCID bulks of at most 100 works); the CLI
    writes them beside the first as ``NAME-2.EXT``, ``NAME-3.EXT``, ... ``coverage``, when the writer gives one,
    says which places of the document it used: the registry reports every other place as a loss and then drops
    the coverage (``None`` in the result a caller gets).
    """

    __slots__ = ("coverage", "data", "losses", "more")

    def __init__(self, data: bytes, losses: list[Loss] | None = None, more: list[bytes] | None = None, *,
                 coverage: Coverage | None = None) -> None:
        self.data = data
        self.losses: list[Loss] = list(losses or ())
        self.more: list[bytes] = list(more or ())
        self.coverage = coverage

    def __repr__(self) -> str:
        return f"WriteResult({len(self.data)} bytes, losses={self.losses!r}, more={len(self.more)} part(s))"

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


class Reader(Protocol):
    """``read(data, *, source, format, **declared options)``: ``format`` is the registry name (one module may
    serve several entries); a reader that takes a directory also gets ``path``. Bad input raises InputError."""

    def __call__(self, data: bytes, *, source: str | None = ..., format: str = ...) -> ReadResult: ...


class Writer(Protocol):
    """``write(doc, *, format, **declared options)``; what the target cannot hold goes into the result's losses
    (or is left to the coverage), never silently."""

    def __call__(self, doc: Mapping[str, Any], *, format: str = ...) -> WriteResult: ...


def plain(document: Resume) -> dict[str, Any]:
    """A typed document as the plain JSON dict that code editing it key by key (migrate, merge, sync) takes: where
    the static typing of the document stops (the value is the same object, not a copy)."""
    return cast("dict[str, Any]", document)


class Option(NamedTuple):
    """One option a format declares: ``-O name=value`` on the command line, a keyword argument in the API.

    Immutable data (a NamedTuple: cheaper to import than a dataclass, and the registry is on the start-up path).

    ``type`` is str, int, float or bool; ``-O`` strings are converted to it (bool: true/false, yes/no, 1/0).
    ``formats`` names the registry entries it applies to when a module serves several (empty: all of them).
    """

    name: str
    type: type
    default: Any
    help: str
    direction: Direction = "write"
    formats: tuple[str, ...] = ()

    def applies(self, fmt: str, direction: Direction) -> bool:
        return self.direction == direction and (not self.formats or fmt in self.formats)

    def convert(self, value: Any) -> Any:
        """The value as the declared type; a string that does not parse is a UsageError naming the option."""
        if not isinstance(value, str) or self.type is str:
            return value
        text = value.strip()
        if self.type is bool:
            if text.lower() in _TRUE | _FALSE:
                return text.lower() in _TRUE
            raise UsageError(f"option {self.name}: '{value}' is not true or false")
        try:
            return self.type(text)
        except ValueError:
            raise UsageError(f"option {self.name}: '{value}' is not {_TYPE_WORDS.get(self.type, self.type.__name__)}"
                             ) from None

    def describe(self) -> str:
        """``name (type, default X): help``, as ``resumeconv formats NAME`` lists it."""
        default = "none" if self.default is None else str(self.default).lower() if self.type is bool \
            else str(self.default)
        return f"{self.name} ({self.type.__name__}, default {default}): {self.help}"


_TYPE_WORDS: dict[type, str] = {int: "a whole number", float: "a number"}


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A format package's module ``__getattr__`` (PEP 562): each public name is imported from its submodule on
    first use, so asking the package's ``accepts`` (detection, on ``validate``'s start-up path) imports neither
    its reader nor its writer. The package lists the same names under ``TYPE_CHECKING`` for mypy."""

    def attribute(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return attribute
