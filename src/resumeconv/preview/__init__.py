"""The live preview behind ``resumeconv serve``: what the page shows for one CV file, rebuilt on every save.

:class:`Preview` reads the file through the registry (any readable format), validates it (findings with
file:line:col), lays it out (Typst pages as SVG by default, or an npm theme's HTML) and, on request, writes it in any
registered format with that writer's loss report. Each rebuild is a new immutable :class:`Snapshot` with a higher
version; the HTTP server (``preview/server.py``) tells browsers about new versions and serves the snapshot's parts.
Nothing is written to disk: Typst compiles in memory, the theme runs with the document on stdin.

A broken save (unparseable, unreadable) keeps the last good pages and document and carries the error as one line,
so the page shows both; the next good save clears it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import TYPE_CHECKING, Any, NamedTuple

from ..core.errors import ResumeconvError
from ..core.losses import Loss, summarize

if TYPE_CHECKING:
    from ..schemas.vocab import Resume

Json = dict[str, Any]


class Snapshot(NamedTuple):
    """Everything the page shows for one version of the file."""

    version: int
    #: The CV's name (``basics.name``), or the file's name when it has none or was never read.
    title: str
    #: One line (file:line:col where there is one) when the last save could not be read or laid out, else None.
    error: str | None
    #: The validation findings of the last readable save, as dicts (``text``, ``severity``, ``line``, ...).
    findings: list[Json]
    #: The Typst pages (SVG), or the npm theme's HTML; those of the last good save while ``error`` is set.
    pages: list[bytes]
    html: str | None
    #: What the preview does not show, and what it shows in another form (summarized loss lines).
    notes: list[str]
    normalized: list[str]
    #: The last readable document and its reader's losses (the format switcher writes it).
    document: Resume | None
    reader_losses: list[Any]
    seconds: float
    at: str


class Preview:
    """One CV file and its latest :class:`Snapshot`; :meth:`rebuild` after a save, :meth:`wait` for the next one."""

    def __init__(self, path: str, theme: str | None = None) -> None:
        from ..render_typst import DEFAULT_THEME, themes

        self.path = path
        typst = not theme or theme.endswith(".typ") or theme in themes()
        self.engine = "typst" if typst else "node"
        self.theme = theme or DEFAULT_THEME
        self.snapshot = Snapshot(0, os.path.basename(path), None, [], [], None, [], [], None, [], 0.0, "")
        self._changed = threading.Condition()
        self._closed = False
        self._outputs: dict[tuple[int, str], Json] = {}
        self._rebuilding = threading.Lock()

    def check(self) -> None:
        """Refuse up front what no save can fix: a missing theme, template, Node or Typst."""
        if self.engine == "typst":
            from ..render_typst import EXTRA_HINT, TypstRenderError, template

            template(self.theme)
            try:
                import typst  # noqa: F401
            except ImportError:
                raise TypstRenderError(EXTRA_HINT) from None
            return
        from ..render import find_node, find_theme

        find_node()
        find_theme(self.theme)

    @property
    def label(self) -> str:
        """What the preview pane shows, in words."""
        return f"Typst PDF, theme {self.theme}" if self.engine == "typst" else f"npm theme {self.theme} (HTML)"

    def rebuild(self) -> Snapshot:
        """Read, validate and lay out the file again; publish and return the new snapshot."""
        with self._rebuilding:
            started = time.monotonic()
            old = self.snapshot
            fresh = self._build(old)
            snap = fresh._replace(version=old.version + 1, seconds=time.monotonic() - started,
                                  at=time.strftime("%H:%M:%S"))
            with self._changed:
                self.snapshot = snap
                self._outputs = {k: v for k, v in self._outputs.items() if k[0] == snap.version}
                self._changed.notify_all()
            return snap

    def wait(self, version: int, timeout: float) -> int | None:
        """The current version once it differs from ``version`` (or after ``timeout``); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self.snapshot.version != version, timeout)
            return None if self._closed else self.snapshot.version

    def close(self) -> None:
        """Wake every waiter (the event streams end)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _build(self, old: Snapshot) -> Snapshot:
        from .. import formats as registry
        from .. import validate
        from ..core.fileio import decode_text

        kept = old
        try:
            opened = registry.open_input(self.path)
            result = opened.read()
            # The document just read, with its text for line:column: validate() would parse the file again.
            syntax = opened.spec.name
            text = {"text": decode_text(opened.data, self.path), "syntax": syntax} if syntax in ("json", "yaml") else {}
            findings = [_finding(d) for d in validate(result.document, file=self.path, **text)]
        except ResumeconvError as err:
            return kept._replace(error=str(err))
        except Exception as err:  # a bug in a reader: one line on the page, never a traceback
            return kept._replace(error=_internal(err))
        doc = result.document
        basics = doc.get("basics")
        name = basics.get("name") if isinstance(basics, dict) else None
        title = name.strip() if isinstance(name, str) and name.strip() else os.path.basename(self.path)
        snap = kept._replace(title=title, findings=findings, document=doc, reader_losses=list(result.losses))
        try:
            pages, html, losses = self._layout(doc)
        except ResumeconvError as err:
            return snap._replace(error=str(err))
        except Exception as err:
            return snap._replace(error=_internal(err))
        return snap._replace(error=None, pages=pages, html=html,
                             notes=summarize([x for x in losses if x.kind == "loss"]),
                             normalized=summarize([x for x in losses if x.kind == "normalization"]))

    def _layout(self, doc: Resume) -> tuple[list[bytes], str | None, list[Loss]]:
        from .. import write

        if self.engine == "typst":
            pages = write(doc, "typst-svg", theme=self.theme)
            return [pages.data, *pages.more], None, pages.losses
        from ..render import render_html

        folded = write(doc, "theme", theme=self.theme)
        return [], render_html(json.loads(folded.data), self.theme), folded.losses

    def output(self, name: str) -> Json:
        """What writer ``name`` makes of the current document: its text, its losses and normalizations."""
        snap = self.snapshot
        key = (snap.version, name)
        if key not in self._outputs:
            self._outputs[key] = self._write(snap, name)
        return self._outputs[key]

    def _write(self, snap: Snapshot, name: str) -> Json:
        from .. import formats as registry
        from .. import write

        spec = registry.get(name)
        answer: Json = {"name": name, "label": spec.label or name, "description": spec.description,
                        "version": snap.version, "error": None, "text": "", "losses": [], "normalized": []}
        if snap.document is None:
            return {**answer, "error": snap.error or "nothing read yet"}
        try:
            result = write(snap.document, name)
        except ResumeconvError as err:
            return {**answer, "error": str(err)}
        except Exception as err:
            return {**answer, "error": _internal(err)}
        losses = [*snap.reader_losses, *result.losses]
        parts = [result.data, *(result.more or [])]
        try:
            text = "".join(part.decode("utf-8") for part in parts)
        except UnicodeDecodeError:
            text = f"({sum(len(p) for p in parts)} bytes of binary data)"
        if len(text) > OUTPUT_CHARS:
            text = text[:OUTPUT_CHARS] + f"\n… ({len(text) - OUTPUT_CHARS} more characters not shown)"
        lost = [x for x in losses if x.kind == "loss"]
        return {**answer, "text": text, "parts": len(parts), "lost": len(lost), "losses": summarize(lost),
                "normalized": summarize([x for x in losses if x.kind == "normalization"])}

    def state(self) -> Json:
        """The snapshot as the page reads it (``/state``)."""
        from .. import formats as registry

        snap = self.snapshot
        return {
            "version": snap.version, "title": snap.title, "file": self.path, "error": snap.error,
            "findings": snap.findings, "pages": len(snap.pages), "theme": snap.html is not None,
            "notes": snap.notes, "normalized": snap.normalized, "seconds": round(snap.seconds, 3), "at": snap.at,
            "preview": self.label,
            "formats": [{"name": s.name, "label": s.label or s.name, "description": s.description}
                        for s in registry.all_formats() if s.writes],
        }


#: Characters of a writer's output shown in the page (the rest is counted).
OUTPUT_CHARS = 400_000


def _finding(diagnostic: Any) -> Json:
    where = diagnostic.file
    if diagnostic.line is not None:
        where += f":{diagnostic.line}:{diagnostic.column or 1}"
    return {"where": where, "severity": diagnostic.severity, "message": diagnostic.message,
            "pointer": diagnostic.pointer, "rule": diagnostic.rule, "text": diagnostic.text()}


def _internal(err: Exception) -> str:
    detail = " ".join(f"{type(err).__name__}: {err}".split())[:300]
    return f"internal error ({detail}); please report it with the file that caused it"
