"""``python -m resumeconv``: the command line."""

from .cli import main

main()
