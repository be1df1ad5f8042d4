"""What the RenderCV reader and writer share: section keys, labelled highlight lines, network names, author marks.

RenderCV (``rendercv`` on PyPI, 2.x) keeps a CV as YAML: ``cv`` with a few contact fields, ``social_networks`` and
``sections``, a mapping from a free title to a list of entries of one type (ExperienceEntry, EducationEntry,
PublicationEntry, NormalEntry, OneLineEntry, BulletEntry, TextEntry, ...). Entries allow extra keys, which RenderCV
keeps but does not print; we use them only for what a reader needs and a reader of the PDF would not (a talk's
``type``). Fields with no RenderCV home that a reader of the CV wants to see become highlight lines with a label
(``Advisor: Dr. Sijia Liu``), read back through the same table.
"""

from __future__ import annotations

import re

#: RenderCV's social network names (``SocialNetworkName`` in rendercv/data/models/curriculum_vitae.py, 2.3).
NETWORKS = ("LinkedIn", "GitHub", "GitLab", "IMDB", "Instagram", "ORCID", "Mastodon", "StackOverflow",
            "ResearchGate", "YouTube", "Google Scholar", "Telegram", "Leetcode", "X")
#: Names people write for the same networks in JSON Resume ``profiles[].network``.
NETWORK_ALIASES = {"twitter": "X", "stack overflow": "StackOverflow", "googlescholar": "Google Scholar",
                   "scholar": "Google Scholar", "leetcode": "Leetcode"}

#: Section keys the writer uses (RenderCV prints a key as a title: "honors_and_awards" -> "Honors and Awards").
SUMMARY = "summary"
HIGHLIGHTS = "research_highlights"
EXPERIENCE = "experience"
EDUCATION = "education"
PUBLICATIONS = "publications"
AWARDS = "honors_and_awards"
TALKS = "talks_and_tutorials"
PROJECTS = "projects"
SERVICE = "service"
MENTORING = "mentoring"
CERTIFICATES = "certificates"
SKILLS = "skills"
LANGUAGES = "languages"
INTERESTS = "interests"

#: (document field, label) pairs written as "Label: value" highlight lines, per document section. A list value is
#: joined with ", " and split there again.
LABELLED: dict[str, tuple[tuple[str, str], ...]] = {
    "work": (("department", "Department"), ("project", "Project"), ("employmentType", "Employment"),
             ("workplaceType", "Workplace"), ("url", "URL")),
    "education": (("department", "Department"), ("status", "Status"), ("advisors", "Advisors"),
                  ("committee", "Committee"), ("researchAreas", "Research areas"), ("thesis", "Thesis"),
                  ("courses", "Courses"), ("url", "URL")),
    "awards": (("awarder", "Awarded by"), ("host", "Host"), ("amount", "Amount"), ("selectivity", "Selectivity")),
    "projects": (("venue", "Venue"), ("roles", "Roles"), ("presenters", "Presenters"), ("entity", "Entity"),
                 ("keywords", "Keywords"), ("url", "URL")),
    "volunteer": (("organization", "Organization"), ("venues", "Venues"), ("url", "URL")),
    "mentees": (("affiliations", "Affiliations"), ("outcomes", "Outcomes")),
}
LIST_FIELDS = frozenset({"employmentType", "advisors", "committee", "researchAreas", "courses", "roles", "presenters",
                         "keywords", "venues", "outcomes"})

#: ``*name*``, ``**name**`` or ``***name***`` (escaped stars inside the name allowed), then any marks.
_WRAPPED = re.compile(r"^(\*{1,3})((?:\\\*|[^*])+)\1(.*)$")


_UNESCAPE = re.compile(r"\\([\\*])")


def escape_markdown(text: str) -> str:
    """RenderCV reads every string as Markdown (``*italic*``, ``**bold**``): a literal ``*`` is written ``\\*`` and
    a backslash ``\\\\``, which both RenderCV 2.3 (its own Markdown-to-Typst code) and 2.8 (Python-Markdown) print
    as one ``*`` and one ``\\`` (a bare backslash prints nothing in 2.3: ``$O(n \\log n)$`` came out "n log n")."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def unescape_markdown(text: str) -> str:
    return _UNESCAPE.sub(lambda m: m.group(1), text)


def author_text(name: str, *, self_: bool, equal: bool, corresponding: bool) -> str:
    """An author as RenderCV prints it: the CV's owner in ``***bold italic***`` as RenderCV's own sample does,
    ``\\*`` (a literal star) after equal contributors, ``†`` after corresponding authors.

    RenderCV joins the authors with ", " and reads the line as Markdown: a bare ``*`` mark would pair with the next
    one into an italic run (``#strong[#emph[Y. Zhang]]#emph[, M. Zhang]`` in RenderCV 2.8's Typst)."""
    text = escape_markdown(name)
    if self_:
        text = f"***{text}***"
    return text + ("\\*" if equal else "") + ("†" if corresponding else "")


def parse_author(text: str) -> tuple[str, bool, bool, bool]:
    """(name, self, equal contribution, corresponding) from an author string of a RenderCV file.

    An emphasized name marks the CV's owner: RenderCV's own examples write it ``***John Doe***`` (2.3's sample) or
    ``*John Doe*`` (2.4's examples). A trailing ``*`` (or ``\\*``) marks equal contribution, ``†`` the
    corresponding author.
    """
    text = text.strip()
    wrapped = _WRAPPED.match(text)
    name, marks = (wrapped.group(2), wrapped.group(3)) if wrapped else (text, "")
    if not wrapped:
        while name.endswith(("*", "†")) and len(name) > 1:
            cut = 2 if name.endswith("\\*") else 1
            name, marks = name[:-cut], name[-cut:] + marks
    name = unescape_markdown(name).strip()
    return name, wrapped is not None, "*" in marks, "†" in marks
