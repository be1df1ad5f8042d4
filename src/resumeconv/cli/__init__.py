"""The command line: the ``resumeconv`` group and its table of commands, each in its own module, imported only
when it runs (keeps start-up fast). What the commands share is in :mod:`resumeconv.cli.common`."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from ..core.errors import EXIT_INTERNAL, EXIT_USAGE, missing_dependency
from .common import EXIT_CODES_HELP, say

#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
#: Exit code when stdout was closed early (128 + SIGPIPE), as Unix tools killed by SIGPIPE report it.
EXIT_BROKEN_PIPE = 141

#: Every command: name -> "module:attribute", imported only when invoked.
LAZY_COMMANDS: dict[str, str] = {
    "convert": "resumeconv.cli.convert:convert",
    "enrich": "resumeconv.cli.enrich:enrich",
    "formats": "resumeconv.cli.formats:list_formats",
    "migrate": "resumeconv.cli.migrate:migrate",
    "orcid": "resumeconv.cli.orcid:orcid",
    "render": "resumeconv.cli.render:render",
    "schema": "resumeconv.cli.formats:print_schema",
    "serve": "resumeconv.cli.serve:serve",
    "sync": "resumeconv.cli.sync:sync",
    "validate": "resumeconv.cli.validate:validate",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name].split(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command. Ctrl-C exits 130, a closed stdout exits 141 silently, a full disk is one line and
        exit 2; any other unexpected exception (a bug) is one line and exit 3, never a traceback."""
        try:
            return self._invoke_and_flush(ctx)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            _flush_or_silence()
            raise
        except (KeyboardInterrupt, click.Abort):
            say("resumeconv: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
        except OSError as err:
            if err.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EFBIG):
                return _internal(ctx, err)
            where = err.filename if isinstance(err.filename, str) else "<stdout>"
            say(f"resumeconv: {where}: cannot write: {err.strerror or err}", err=True)
            _silence_stdout()
            ctx.exit(EXIT_USAGE)
        except Exception as err:
            return _internal(ctx, err)


    def _invoke_and_flush(self, ctx: click.Context) -> Any:
        """Run the command and flush stdout here, inside the error handling: with a buffered stdout (the default
        when PYTHONUNBUFFERED is unset) a full disk or closed pipe would otherwise surface only in the
        interpreter's final flush, as "Exception ignored" and exit 120. A command that ends with exit 0 or 1 has
        output the caller relies on, so a failed flush of it is an error; after any other exit the command has
        already said what went wrong."""
        try:
            result = super().invoke(ctx)
        except click.exceptions.Exit as stop:
            if stop.exit_code in (0, 1):
                sys.stdout.flush()
            raise
        except SystemExit as stop:
            if stop.code in (None, 0, 1):
                sys.stdout.flush()
            raise
        sys.stdout.flush()
        return result


def _flush_or_silence() -> None:
    """Flush stdout once more; when it still cannot be written, point it at /dev/null (the error was reported)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        _silence_stdout()


def _internal(ctx: click.Context, err: Exception) -> None:
    if os.environ.get("RESUMECONV_DEBUG"):
        raise err
    if isinstance(err, ImportError) and (missing := missing_dependency(err)):
        say(f"resumeconv: {missing}", err=True)
        ctx.exit(missing.exit_code)
    detail = " ".join(f"{type(err).__name__}: {err}".split())[:300]
    say(f"resumeconv: internal error ({detail}); please report it with the input that caused it "
               "(RESUMECONV_DEBUG=1 shows the traceback)", err=True)
    ctx.exit(EXIT_INTERNAL)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again on the closed or full stream."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


@click.group(cls=LazyGroup, epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resumeconv")
def main() -> None:
    """Validate academic CVs kept as JSON Resume and convert them to and from other formats."""


__all__ = ["EXIT_USAGE", "LAZY_COMMANDS", "main"]

if __name__ == "__main__":
    main()
