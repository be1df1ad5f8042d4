"""ORCID works (``orcid-json``, ``orcid-xml``): v3.0 bulk writers and readers for every ORCID work answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._contract import Option, Source, lazy_exports

if TYPE_CHECKING:
    from .model import (
        CITATION_TYPES,
        ID_TYPES,
        NS,
        RELATIONSHIPS,
        ROLES,
        SEQUENCES,
        WORK_TYPES,
        Contributor,
        ExternalId,
        Work,
        server_problems,
    )
    from .reader import error_text, merge_group, publication_from_work, read, work_from_json
    from .writer import bulk_json, bulk_xml, chunks, work_to_json, work_to_xml, works_from_document, write

#: ORCID takes at most this many works in one bulk.
MAX_BULK = 100
#: What ``read`` and ``write`` take (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("chunk_size", int, MAX_BULK, f"works per bulk, 1..{MAX_BULK} (ORCID takes at most {MAX_BULK})"),
    Option("owner", str, None, "an ORCID iD: that author of each work is marked as the CV's owner (self)",
           direction="read"),
)
_JSON = re.compile(r'"(bulk|work-summary|external-id-type|orcid-profile|put-code|developer-message)"\s*:')
_XML = re.compile(r'xmlns(:\w+)?="http://www\.orcid\.org/ns/(work|bulk|activities|record|error)"')


def accepts(source: Source, *, format: str = "orcid-json") -> bool:
    """ORCID's own keys (JSON) or namespaces (XML), as its API answers and bulks have them."""
    return (_JSON if format == "orcid-json" else _XML).search(source.head) is not None


_MODEL = ("CITATION_TYPES", "ID_TYPES", "NS", "RELATIONSHIPS", "ROLES", "SEQUENCES", "WORK_TYPES", "Contributor",
          "ExternalId", "Work", "server_problems")
_READER = ("error_text", "merge_group", "publication_from_work", "read", "work_from_json")
_WRITER = ("bulk_json", "bulk_xml", "chunks", "work_to_json", "work_to_xml", "works_from_document", "write")
__getattr__ = lazy_exports(__name__, {**dict.fromkeys(_MODEL, "model"), **dict.fromkeys(_READER, "reader"),
                                      **dict.fromkeys(_WRITER, "writer")})

__all__ = [
    "CITATION_TYPES",
    "ID_TYPES",
    "MAX_BULK",
    "NS",
    "OPTIONS",
    "RELATIONSHIPS",
    "ROLES",
    "SEQUENCES",
    "WORK_TYPES",
    "Contributor",
    "ExternalId",
    "Work",
    "accepts",
    "bulk_json",
    "bulk_xml",
    "chunks",
    "error_text",
    "merge_group",
    "publication_from_work",
    "read",
    "server_problems",
    "work_from_json",
    "work_to_json",
    "work_to_xml",
    "works_from_document",
    "write",
]
