"""Coverage-guided fuzzing of one reader with atheris (optional; ``pip install atheris``).

    python scripts/fuzz_atheris.py FORMAT [atheris/libFuzzer options, e.g. -max_total_time=600 CORPUS_DIR]

Every input must end in a document or one of the project's own errors; anything else is a crash that libFuzzer
saves as ``crash-*`` for a regression test. The committed samples seed the run.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        from resumeconv import formats as registry
        from resumeconv.core.errors import ResumeconvError

        if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
            names = ", ".join(s.name for s in registry.all_formats() if s.reads)
            sys.exit(f"usage: fuzz_atheris.py FORMAT [libFuzzer options]; FORMAT is one of: {names}")
        spec = registry.get(sys.argv[1])
        spec.load()  # format modules are imported lazily: import this one here so it is instrumented

    def one_input(data: bytes) -> None:
        try:
            result = spec.read(data, source="fuzz")
        except ResumeconvError as err:
            if "\n" in str(err):
                raise AssertionError(f"error message is not one line: {err!r}") from None
            return
        if not isinstance(result.document, dict):
            raise AssertionError("reader returned a non-object document")

    args = [sys.argv[0], *sys.argv[2:]]
    if not any(not a.startswith("-") for a in args[1:]):
        seeds = Path(tempfile.mkdtemp(prefix="resumeconv-fuzz-"))
        for sample in sorted((ROOT / "samples").iterdir()):
            (seeds / sample.name).write_bytes(sample.read_bytes())
        args.append(str(seeds))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
