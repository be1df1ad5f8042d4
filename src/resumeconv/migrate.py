"""API: rewrite a legacy or sloppy JSON Resume into a valid one (``resumeconv migrate``), saying what changed and
what it left alone. The engine is :mod:`resumeconv.core.migration`, shared with the registry, which runs the same
repairs on the document every writer gets."""

from __future__ import annotations

from .core.migration import Change, Migration, migrate, prepare_for_writer

__all__ = ["Change", "Migration", "migrate", "prepare_for_writer"]
