"""Rewrite the shown output of console examples in README.md and docs/*.md whose real output changed.

Usage: python scripts/update_doc_examples.py [DOC...]. Each ``$ command`` of a console example runs as
tests/test_docs.py runs it; where its output no longer matches, the lines after it are replaced by the real output.
Shown output with ``...`` that still matches is left alone. Read ``git diff`` before committing: the point of the
docs test is that a changed output is seen, not silently accepted.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import SHARED  # noqa: E402
from docexamples import CONSOLE, make_sandbox, matches, run_session, sessions, settings_of  # noqa: E402

_SIZE = re.compile(r"\(([\w-]+), \d[\d.]* (?:B|kB|MB|GB)\)")


def main(argv: list[str]) -> int:
    wanted = {str(Path(a).resolve().relative_to(ROOT)) for a in argv}
    changed = 0
    with tempfile.TemporaryDirectory() as tmp:
        sandbox = make_sandbox(Path(tmp))
        for example in CONSOLE:
            if wanted and example.doc not in wanted:
                continue
            settings = settings_of(example)
            if "skip" in settings or ("shared" in settings and not SHARED.is_dir()):
                continue
            cwd = sandbox / settings.get("cwd", ".")
            parts = []
            dirty = False
            pairs = sessions(example.body)
            for (command, expected), actual in zip(pairs, run_session([c for c, _ in pairs], cwd), strict=True):
                if matches(expected, actual):
                    parts.append(f"$ {command}" + (f"\n{expected}" if expected else ""))
                else:
                    # Sizes change with any byte of output; the docs show the format and leave the size out.
                    shown = _SIZE.sub(r"(\1, ...)", actual)
                    parts.append(f"$ {command}" + (f"\n{shown}" if shown else ""))
                    dirty = True
            if not dirty:
                continue
            path = ROOT / example.doc
            text = path.read_text(encoding="utf-8")
            new_body = "\n".join(parts) + "\n"
            if example.body in text:
                path.write_text(text.replace(example.body, new_body, 1), encoding="utf-8")
                changed += 1
                print(f"updated {example.id}")
    print(f"{changed} example(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
