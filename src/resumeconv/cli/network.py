"""Options the commands that use the network share (orcid pull/push, enrich, and sync next)."""

from __future__ import annotations

import math
from typing import Any

import click


class Seconds(click.ParamType[float]):
    """A number of seconds above zero and finite: 0, -1, nan and inf are usage errors (exit 2), not a hang."""

    name = "seconds"

    def __init__(self, most: float | None = None) -> None:
        self.most = most

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"'{value}' is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or seconds <= 0:
            self.fail(f"{value} is not a number of seconds above 0", param, ctx)
        if self.most is not None and seconds > self.most:
            self.fail(f"{value} is more than {self.most:g} seconds", param, ctx)
        return seconds


def timeout_option(default: float) -> Any:
    """``--timeout``: the total deadline of one attempt (connect, headers and the whole answer)."""
    return click.option("--timeout", type=Seconds(most=3600), default=default, show_default=True,
                        help="Seconds one attempt may take in all (connecting and the whole answer); a server "
                             "that answers slowly is cut off at this deadline.")
