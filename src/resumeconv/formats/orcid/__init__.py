"""ORCID works (``orcid-json``, ``orcid-xml``): v3.0 bulk writers and readers for every ORCID work answer."""

from __future__ import annotations

from .._contract import Option
from .model import (
    CITATION_TYPES,
    ID_TYPES,
    MAX_BULK,
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
from .reader import error_text, publication_from_work, read, work_from_json
from .writer import bulk_json, bulk_xml, chunks, work_to_json, work_to_xml, works_from_document, write

#: What ``read`` and ``write`` take (the registry checks ``-O`` against it).
OPTIONS: tuple[Option, ...] = (
    Option("chunk_size", int, MAX_BULK, f"works per bulk, 1..{MAX_BULK} (ORCID takes at most {MAX_BULK})"),
    Option("owner", str, None, "an ORCID iD: that author of each work is marked as the CV's owner (self)",
           direction="read"),
)

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
    "bulk_json",
    "bulk_xml",
    "chunks",
    "error_text",
    "publication_from_work",
    "read",
    "server_problems",
    "work_from_json",
    "work_to_json",
    "work_to_xml",
    "works_from_document",
    "write",
]
