"""What each known theme prints, read from its pinned source (docs/themes.md has the table with the evidence).

A profile says which fields the theme passes through a formatter (and which one), which sections and fields it
shows at all, and how precisely it prints dates. Unknown themes get ``PLAIN``: text printed as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ...schemas.vocab import ARRAY_SECTIONS

#: The schema's list sections: what a theme shows unless its profile says otherwise.
ALL_SECTIONS = frozenset(ARRAY_SECTIONS)
_SUMMARIES = frozenset({"*.summary", "*.highlights", "projects.description", "references.reference"})


@dataclass(frozen=True)
class ThemeProfile:
    """One theme's printing habits (``name`` is the short name: 'even' for jsonresume-theme-even)."""

    name: str
    #: The npm version the profile was read from and the tests render with.
    version: str = ""
    #: The style of the fields in ``rich`` (markup.STYLES); every other field is printed as text.
    markup: str = "text"
    #: 'section.field' (or '*.field') the theme passes through its formatter.
    rich: frozenset[str] = frozenset()
    #: Upstream sections the theme shows; the others are reported as losses.
    sections: frozenset[str] = ALL_SECTIONS
    #: 'section.field' the theme does not show although the section is shown; folds write elsewhere.
    hidden: frozenset[str] = frozenset()
    #: Section ('*' for the rest) -> the finest date part the theme prints ('year', 'month', 'day'; 'none': it
    #: shows no date there). Empty: dates are printed as written.
    precision: Mapping[str, str] = field(default_factory=dict)
    #: Sections where the theme prints nothing for a missing date, so a coarse date can move into the headline.
    moves: frozenset[str] = frozenset()
    #: Section -> {field the theme reads: the fields it is made from, joined by ', '}.
    copies: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    #: The template inserts every other field unescaped, as HTML (even's html`` tag escapes nothing).
    raw: bool = False
    #: The theme parses dates (new Date, moment): a date not on the calendar prints 'Invalid Date'.
    parses_dates: bool = False
    #: Section -> the field its first item must have, or the theme shows no item of the section (kendall).
    first_needs: Mapping[str, str] = field(default_factory=dict)
    #: Section -> fields the theme prints as 'undefined' when an item lacks them (elegant).
    undefined_without: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def style_name(self, section: str, key: str) -> str:
        rich = f"{section}.{key}" in self.rich or f"*.{key}" in self.rich
        return self.markup if rich else "html" if self.raw else "text"

    def shows(self, section: str, key: str | None = None) -> bool:
        if section not in self.sections and section != "basics":
            return False
        return key is None or f"{section}.{key}" not in self.hidden


PLAIN = ThemeProfile("")
_HEADLINED = frozenset({"work", "volunteer", "education", "projects", "awards", "publications"})

THEMES: tuple[ThemeProfile, ...] = (
    ThemeProfile("even", "0.26.1", "markdown", _SUMMARIES, precision={"*": "month"}, moves=_HEADLINED, raw=True,
                 parses_dates=True),
    ThemeProfile("elegant", "1.16.1", "markdown",
                 frozenset({"basics.summary", "work.summary", "work.highlights", "volunteer.summary",
                            "volunteer.highlights", "projects.description", "projects.highlights",
                            "awards.summary", "publications.summary", "skills.keywords", "education.courses",
                            "references.reference"}),
                 precision={"*": "month", "publications": "day", "awards": "day", "certificates": "day"},
                 moves=frozenset({"awards"}), parses_dates=True,
                 undefined_without={"publications": ("releaseDate",), "volunteer": ("position",),
                                    "awards": ("title",)}),
    ThemeProfile("stackoverflow", "3.3.0", "mini-markdown", frozenset({"*.summary", "*.highlights",
                                                                      "projects.description"}),
                 hidden=frozenset({"projects.entity"}), precision={"*": "month"}, moves=_HEADLINED,
                 parses_dates=True),
    ThemeProfile("flat", "0.3.7", sections=ALL_SECTIONS - {"projects", "certificates"},
                 hidden=frozenset({"publications.url"})),
    ThemeProfile("spartan", "0.3.0", "html",
                 frozenset({"basics.summary", "work.summary", "volunteer.summary", "awards.summary",
                            "publications.summary"}),
                 sections=ALL_SECTIONS - {"projects", "certificates"},
                 precision={"*": "month", "education": "year", "awards": "day", "publications": "day"},
                 moves=_HEADLINED, parses_dates=True),
    ThemeProfile("kendall", "0.2.0", "html",
                 frozenset({"basics.summary", "work.summary", "work.highlights", "volunteer.summary",
                            "volunteer.highlights", "education.courses", "skills.keywords", "interests.keywords",
                            "references.reference", "awards.summary", "publications.summary"}),
                 sections=ALL_SECTIONS - {"certificates"}, hidden=frozenset({"projects.entity"}),
                 first_needs={"education": "institution", "awards": "title", "publications": "name",
                              "projects": "name", "skills": "name", "interests": "name"}),
    ThemeProfile("macchiato", "1.1.0", sections=ALL_SECTIONS - {"certificates"},
                 hidden=frozenset({"projects.entity"}), precision={"*": "month", "awards": "none"},
                 moves=_HEADLINED, copies={"projects": {"summary": ("description",)}}, parses_dates=True),
    ThemeProfile("class", "0.1.2",
                 sections=frozenset({"work", "volunteer", "education", "skills", "languages", "interests",
                                     "references"}),
                 copies={"education": {"qualification": ("studyType", "area")}}),
    ThemeProfile("onepage", "0.0.3", sections=ALL_SECTIONS - {"projects", "certificates", "references"}),
    ThemeProfile("onepage-plus", "1.1.0", parses_dates=True),
)
BY_NAME = {p.name: p for p in THEMES}


def profile(name: str | None) -> ThemeProfile:
    """The profile of a short theme name; ``PLAIN`` for none or an unknown theme."""
    return BY_NAME.get(name or "", PLAIN)
