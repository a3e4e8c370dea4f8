"""`-o FILE`: a report is written to a temporary file beside FILE and renamed over it at the end.

So a run that fails half way (Ctrl-C, a full disk, a crash) never leaves half a
report where the supervisor expects a whole one, and the previous report, if
any, stays as it was. The temporary file is in FILE's folder so that the
rename is atomic (same file system).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TextIO


class OutputError(Exception):
    """The output file cannot be written; the message names it, on one line."""


class AtomicOutput:
    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent if str(path.parent) else Path(".")
        if path.is_dir():
            raise OutputError(f"{path}: cannot write the output: it is a directory")
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the output ({exc.strerror or exc})") from None
        self.temp = Path(temp)
        self.stream: TextIO = os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="")
        self.done = False

    def commit(self) -> None:
        """Flush, sync and rename the temporary file over the target."""
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            mode = 0o666 & ~_umask()
            os.chmod(self.temp, mode)  # mkstemp makes 0600; a report is an ordinary file
            os.replace(self.temp, self.path)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write the output ({exc.strerror or exc})") from None
        self.done = True

    def discard(self) -> None:
        """Remove the temporary file unless it was committed; never raises."""
        if self.done:
            return
        try:
            self.stream.close()
        except (OSError, ValueError):
            pass
        try:
            self.temp.unlink()
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
