"""The project's own error types: each carries a one-line message and the CLI exit code it maps to."""

from __future__ import annotations

#: Exit codes, documented in the README and in ``resumeconv --help``.
EXIT_OK = 0
EXIT_INVALID = 1  # invalid document, or a loss with --fail-on-loss
EXIT_USAGE = 2  # usage error or unreadable input
EXIT_INTERNAL = 3  # a bug in resumeconv: one line and a request to report it, never a traceback


class ResumeconvError(Exception):
    """Base class; ``str(err)`` is the one line the CLI prints."""

    exit_code = EXIT_USAGE


class InputError(ResumeconvError):
    """Input that cannot be read or parsed. Carries the place (file, line, column) when there is one."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None, column: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = [self.source or "<input>"]
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        return f"{':'.join(where)}: {self.message}"


class UsageError(ResumeconvError):
    """A call that cannot be carried out as asked (unknown format, missing option)."""


class UnsafeInputError(InputError):
    """Input refused for safety: external entities, DTDs, alias bombs, zip bombs, oversize files."""


class InvalidDocumentError(ResumeconvError):
    """A document that does not satisfy the schema where a valid one is required."""

    exit_code = EXIT_INVALID


class InternalError(ResumeconvError):
    """A bug in resumeconv (a reader or writer crashed on input it should handle): exit 3, please report it."""

    exit_code = EXIT_INTERNAL


class MissingDependencyError(ResumeconvError):
    """A package this command needs is not installed (an optional extra, or a broken installation): an install
    hint, exit 2, never "internal error"."""


#: Packages an extra installs, by import name: the extra to name in the hint.
OPTIONAL_PACKAGES = {"typst": "pdf", "fontTools": "pdf"}


def missing_dependency(err: ImportError) -> MissingDependencyError | None:
    """The install hint for an ImportError of another package; None when the missing module is our own (a bug)."""
    name = (err.name or "").partition(".")[0]
    if not name or name == "resumeconv":
        return None
    extra = OPTIONAL_PACKAGES.get(name)
    hint = f"pip install 'resumeconv[{extra}]'" if extra else f"pip install {name} (or reinstall resumeconv)"
    return MissingDependencyError(f"this needs the Python package '{name}', which is not installed: {hint}")
