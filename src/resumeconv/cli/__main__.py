"""``python -m resumeconv.cli``: the command line."""

from . import main

main()
