"""What the CI formats share: a finding's place in the file, its path as CI tools want it, a fingerprint.

A CI tool puts an annotation on a line of the repository's file, so the place
is the finding's file position (`Finding.file_line`, see locate.py), else its
place in the message when nothing located it (an in-memory ticket).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import PurePath

from ..model import Finding

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Place:
    """1-based line and column in the file; the end is exclusive; a column is None when unknown."""

    line: int
    column: int | None
    end_line: int | None
    end_column: int | None


def place(f: Finding) -> Place:
    if f.file_line is not None:
        return Place(f.file_line, f.file_column, f.file_end_line, f.file_end_column)
    return Place(f.line, f.column, None, None)


def relative_path(source: str) -> str:
    """The source as a relative POSIX path when it is under the working directory (as CI tools resolve
    paths against the checkout), else as given."""
    if source.startswith("<"):
        return source
    try:
        path = os.path.relpath(source)
    except ValueError:  # another drive (Windows)
        return PurePath(source).as_posix()
    if path.startswith(".."):
        return PurePath(source).as_posix()
    return PurePath(path).as_posix()


def fingerprint(f: Finding) -> str:
    """A stable id of a finding across runs: a hash of where it is (file, ticket, message) and what it
    says (code, normalised excerpt), not of its line, so that an edit above it does not make it new.
    The excerpt is already masked for secrets, and only its hash is written."""
    message = f"id:{f.message_id}" if f.message_id else f"#{f.message_index}"
    excerpt = _WS.sub(" ", f.excerpt.casefold()).strip()
    parts = "\x1e".join((relative_path(f.source), f.ticket_id, message, f.code, excerpt))
    return hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()
