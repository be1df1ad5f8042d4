"""Docs that run: every console example in README.md and docs/*.md is run and its shown output compared.

The rules for examples are in tests/docexamples.py; ``python scripts/update_doc_examples.py`` rewrites the shown
output of examples whose output changed (read the diff before committing it).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from conftest import SHARED
from docexamples import COMMAND_LISTS, CONSOLE, Example, make_sandbox, matches, run_session, sessions, settings_of


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sandbox(tmp_path_factory.mktemp("docs"))


@pytest.mark.parametrize("example", CONSOLE, ids=[e.id for e in CONSOLE])
def test_console_example_output_is_what_the_docs_show(example: Example, sandbox: Path) -> None:
    settings = settings_of(example)
    if "skip" in settings:
        pytest.skip(f"{example.id}: {settings['skip']}")
    if "shared" in settings and not SHARED.is_dir():
        pytest.skip(f"{example.id} needs ../shared ({SHARED}), which is absent")
    cwd = sandbox / settings.get("cwd", ".")
    assert cwd.is_dir(), f"{example.id}: docs-test cwd {settings.get('cwd')} does not exist"
    pairs = sessions(example.body)
    for (command, expected), actual in zip(pairs, run_session([c for c, _ in pairs], cwd), strict=True):
        assert "command not found" not in actual, f"{example.id}: '{command}' cannot run: {actual}"
        assert matches(expected, actual), (
            f"{example.id}: the output of '{command}' is not what the docs show "
            f"(python scripts/update_doc_examples.py rewrites it).\n--- docs\n{expected}\n--- actual\n{actual}")


def _resumeconv_lines(body: str) -> list[str]:
    lines = []
    for raw in body.split("\n"):
        line = raw.strip().removeprefix("$ ")
        line = re.sub(r"\s+#\s.*$", "", line)
        if line.startswith("resumeconv "):
            lines.append(line.split(" | ")[0].split(" && ")[0].split(" > ")[0].split(" 2>")[0])
    return lines


def _parse(args: list[str]) -> None:
    """Parse a command line with the real click commands, without running anything.

    Every context is closed again, so option callbacks that set process state (``--max-input-size``) undo it.
    """
    from contextlib import ExitStack

    from resumeconv.cli import main

    command: click.Command = main
    with ExitStack() as contexts:
        ctx = contexts.enter_context(command.make_context("resumeconv", list(args), resilient_parsing=False))
        while isinstance(command, click.Group):
            # Click 8.2+ keeps the subcommand and its arguments in args (protected_args is deprecated).
            rest = [*getattr(ctx, "_protected_args", []), *ctx.args]
            if not rest:
                return
            name, *rest = rest
            sub = command.get_command(ctx, name)
            assert sub is not None, f"no command '{name}'"
            command = sub
            ctx = contexts.enter_context(command.make_context(name, rest, parent=ctx, resilient_parsing=False))


COMMANDS = [(e, line) for e in COMMAND_LISTS + CONSOLE for line in _resumeconv_lines(e.body)]


@pytest.mark.parametrize(("example", "line"), COMMANDS, ids=[f"{e.id}:{line[:40]}" for e, line in COMMANDS])
def test_every_command_line_in_the_docs_parses(example: Example, line: str) -> None:
    args = shlex.split(line)[1:]
    try:
        _parse(args)
    except click.exceptions.Exit:
        pass
    except click.UsageError as err:
        pytest.fail(f"{example.id}: '{line}' no longer parses: {err.format_message()}")


def test_parsing_the_docs_leaves_no_process_state_behind() -> None:
    import os

    before = os.environ.get("RESUMECONV_MAX_INPUT_BYTES")
    _parse(["convert", "--max-input-size", "64", "cv.json", "-t", "yaml"])
    assert os.environ.get("RESUMECONV_MAX_INPUT_BYTES") == before


def test_the_docs_have_console_examples_in_every_doc() -> None:
    docs_with_examples = {e.doc for e in CONSOLE}
    assert "README.md" in docs_with_examples
    assert "docs/validate.md" in docs_with_examples
