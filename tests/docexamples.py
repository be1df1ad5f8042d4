"""Docs that run: how examples in README.md and docs/*.md are found, run and compared.

tests/test_docs.py runs them; scripts/update_doc_examples.py rewrites shown output that changed.


A console example is a fenced block whose first line starts with ``$ ``: each ``$ command`` runs in bash and the
lines after it, up to the next ``$``, are the output a terminal shows (stdout and stderr as they interleave). In the
shown output ``...`` stands for any text, including several lines. An HTML comment right before the block sets
where it runs, relative to the repository: ``<!-- docs-test: cwd=tests/fixtures/validate -->``; ``shared`` in that
comment marks an example that needs ../shared (skipped without it), ``skip=REASON`` one that cannot run here;
items are separated by ``;``.
Examples run in a copy of the repository's samples, fixtures and docs, so what they write is thrown away.

Every other ``resumeconv ...`` line in a sh/bash/console block (command lists without output) is at least parsed
with the real command line, so an option that no longer exists fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from conftest import ROOT, SHARED

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
_DIRECTIVE = re.compile(r"<!--\s*docs-test:\s*(.*?)\s*-->\s*$")


class Example(NamedTuple):
    doc: str
    line: int
    language: str
    body: str
    directive: str

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def examples() -> list[Example]:
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
            directive = _DIRECTIVE.search(before)
            found.append(Example(str(path.relative_to(ROOT)), line, match.group(1), match.group(2),
                                 directive.group(1) if directive else ""))
    return found


def sessions(body: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs:
            pairs[-1][1].append(line)
    return [(cmd, "\n".join(out).rstrip("\n")) for cmd, out in pairs]


ALL = examples()
def _shows_output(example: Example) -> bool:
    """A ``$`` block with output is an example to run; one with commands only is a list of commands to parse."""
    return example.body.lstrip().startswith("$ ") and any(out for _, out in sessions(example.body))


CONSOLE = [e for e in ALL if _shows_output(e)]
COMMAND_LISTS = [e for e in ALL if e not in CONSOLE and e.language in ("sh", "bash", "shell", "console", "")]


def matches(expected: str, actual: str) -> bool:
    parts = [re.escape(p) for p in expected.split("...")]
    return re.fullmatch(r"(?s)" + ".*?".join(parts), actual) is not None


def settings_of(example: Example) -> dict[str, str]:
    """The docs-test directive as key/value pairs (``cwd=DIR; shared; skip=REASON``)."""
    out: dict[str, str] = {}
    for item in example.directive.split(";"):
        key, _, value = item.partition("=")
        if key.strip():
            out[key.strip()] = value.strip()
    return out


_MARK = "\x1edocs-test-end\x1e"


def run_session(commands: list[str], cwd: Path) -> list[str]:
    """Run an example's commands in one bash session, as a terminal would: the merged output of each.

    One session, so ``echo $?`` and ``cd`` see what came before; a marker after each command (which keeps ``$?``)
    splits the output.
    """
    script = "".join(f"{command}\n__rc=$?; printf '%s' '{_MARK}'; (exit $__rc)\n" for command in commands)
    proc = subprocess.run(["bash", "-c", script], cwd=cwd, env=_environment(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600)
    outputs = [out.strip("\n") for out in proc.stdout.split(_MARK)[: len(commands)]]
    return outputs + [""] * (len(commands) - len(outputs))


def make_sandbox(root: Path) -> Path:
    """A copy of what the examples read (samples, fixtures, docs), so what they write is thrown away."""
    repo = root / "repo"
    for part in ("samples", "docs", "schema", "tests/fixtures"):
        shutil.copytree(ROOT / part, repo / part)
    for name in ("README.md", "action.yml"):
        shutil.copy(ROOT / name, repo / name)
    if SHARED.is_dir():
        (root / "shared").symlink_to(SHARED.resolve())
    return repo


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    env.update(PYTHONUNBUFFERED="1", COLUMNS="120", NO_COLOR="1", LC_ALL="C.UTF-8")
    env.pop("RESUMECONV_DEBUG", None)
    return env


