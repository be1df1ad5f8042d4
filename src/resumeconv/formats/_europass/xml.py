"""XML plumbing both Europass formats share: the PDF attachment, element building and the leftover-text report.

A Europass PDF carries its XML as an embedded file (``attachment.xml`` since 2020, ``Europass-XML-Attachment``
before). Readers mark each element they use; whatever text is left unmarked is reported as a reader loss, so a
foreign export never loses a field silently.
"""

from __future__ import annotations

from typing import Any

from ...core import xml as _xml
from ...core.errors import InputError
from ...core.losses import LossReport
from .._pdf import open_pdf

#: Embedded-file names a Europass PDF uses for its XML, newest first.
PDF_ATTACHMENTS = ("attachment.xml", "Europass-XML-Attachment", "Europass-XML-Attachment.xml")


def parse(data: bytes, source: str | None) -> Any:
    """The XML tree of a Europass XML file or of the XML embedded in a Europass PDF."""
    if data.lstrip()[:5] == b"%PDF-":
        data = xml_from_pdf(data, source)
    if not data.strip():
        raise InputError("file is empty", source)
    return _xml.parse(data, source)


def wrong_root(kind: str, found: Any, root: str, namespace: str) -> str:
    """Why an XML root is not ``root`` in ``namespace``, saying which part is wrong: the element or its namespace."""
    if found.localname == root:
        have = f"namespace '{found.namespace}'" if found.namespace else "no namespace"
        return f"not {kind}: the {root} element has {have}; expected namespace '{namespace}'"
    return f"not {kind}: the root element is {found.localname}; expected {root} in namespace '{namespace}'"


def pdf_root(data: bytes, root: str) -> bool:
    """Whether a PDF carries Europass XML whose root element is ``root`` (used to tell the two formats apart)."""
    try:
        payload = xml_from_pdf(data, None)
    except InputError:
        return False
    return f"<{root}".encode() in payload[:4096] or f":{root}".encode() in payload[:4096]


def xml_from_pdf(data: bytes, source: str | None) -> bytes:
    """The embedded Europass XML of a PDF, read through the one PDF reader and its limits (formats/_pdf.py).

    A PDF without one is refused with the names of the files it does embed.
    """
    attachments = open_pdf(data, source).attachments()
    names = list(attachments)
    wanted = [n for w in PDF_ATTACHMENTS for n in names if n.lower() == w.lower()]
    wanted += [n for n in names if n.lower().endswith(".xml")]
    payload = next((attachments[n] for n in wanted if attachments[n]), None)
    if payload is None:
        found = ", ".join(names) if names else "none"
        raise InputError(f"this PDF has no embedded Europass XML (attachment.xml); embedded files: {found} "
                         "(a LinkedIn profile PDF is read with -f linkedin)", source)
    return payload


class Tree:
    """An element tree read with namespace prefixes, remembering which elements a reader used."""

    def __init__(self, root: Any, nsmap: dict[str, str]):
        self.root = root
        self.nsmap = nsmap
        self.used: set[Any] = set()
        self.context: dict[Any, str] = {}
        self._paths: dict[str, str] = {}

    def q(self, path: str) -> str:
        """'hr:Name/oa:X' -> Clark notation path for lxml find() (each distinct path expanded once)."""
        known = self._paths.get(path)
        if known is None:
            known = self._paths[path] = self._expand(path)
        return known

    def _expand(self, path: str) -> str:
        parts = []
        for step in path.split("/"):
            prefix, _, local = step.rpartition(":")
            parts.append(f"{{{self.nsmap[prefix]}}}{local}" if step not in (".", "..") else step)
        return "/".join(parts)

    def find(self, el: Any, path: str) -> Any:
        return el.find(self.q(path)) if el is not None else None

    def findall(self, el: Any, path: str) -> list[Any]:
        return el.findall(self.q(path)) if el is not None else []

    def text(self, el: Any, path: str | None = None) -> str | None:
        """Stripped text of ``el`` (or of its child at ``path``), marking it used; None when empty."""
        node = self.find(el, path) if path else el
        if node is None:
            return None
        self.used.add(node)
        value = (node.text or "").strip()
        return value or None

    def mark(self, el: Any, pointer: str) -> None:
        """Say which document place an element's leftovers belong to."""
        if el is not None:
            self.context[el] = pointer

    def skip(self, el: Any) -> None:
        """Mark a whole subtree as used (boilerplate that carries no CV data)."""
        if el is not None:
            self.used.update(el.iter())

    def report_leftovers(self, report: LossReport, target: str = "JSON Resume") -> None:
        """A loss for every element with text that no reader step used."""
        for el in self.root.iter():
            if not isinstance(el.tag, str) or el in self.used or len(el) or not (el.text or "").strip():
                continue
            ptr = ""
            for anc in el.iterancestors():
                if anc in self.context:
                    ptr = self.context[anc]
                    break
            text = " ".join(el.text.split())
            text = text if len(text) <= 60 else text[:57] + "..."
            report.add(ptr, f"{self.path_of(el)} '{text}' has no place in {target}")

    def path_of(self, el: Any) -> str:
        names = [self._short(a.tag) for a in reversed(list(el.iterancestors()))][1:]
        return "/".join([*names, self._short(el.tag)])

    def _short(self, tag: str) -> str:
        uri, _, local = tag[1:].partition("}")
        prefix = next((p for p, u in self.nsmap.items() if u == uri and p), "")
        return f"{prefix}:{local}" if prefix else local
