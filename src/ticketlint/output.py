"""`-o FILE`: a report is written to a temporary file beside FILE and renamed over it at the end.

So a run that fails half way (Ctrl-C, a full disk, a crash) never leaves half a
report where the supervisor expects a whole one, and the previous report, if
any, stays as it was. The temporary file is in FILE's folder so that the
rename is atomic (same file system).

Not every target is a file to replace: `-o /dev/null`, a FIFO or a terminal is written to as it is (a
rename would put a regular file in its place: as root, in /dev), and a symbolic link is followed, so
the file it points to is replaced and the link stays (`target`).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TextIO

from .model import SaidError, said


class OutputError(SaidError):
    """The output file cannot be written; the message names it, on one line."""


def target(path: str | Path) -> tuple[Path, bool]:
    """Where a file written "atomically" to `path` goes, and whether it may be renamed into place.

    A symbolic link is followed (the report it points to is replaced, the link kept). An existing target
    that is not a regular file or a folder (a character device such as /dev/null, a FIFO, a socket) must
    be written to in place: renaming over it would replace the device with a file.
    """
    real = Path(os.path.realpath(path))
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return real, True  # not there yet (or unreadable: the write says why)
    return real, stat.S_ISREG(mode) or stat.S_ISDIR(mode)


class AtomicOutput:
    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise OutputError(said("output.directory").within(str(path)))
        real, atomic = target(path)
        self.temp: Path | None = None
        try:
            if atomic:
                fd, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
                self.temp = Path(temp)
            else:
                fd = os.open(real, os.O_WRONLY)  # as a shell's `>` would (a FIFO waits for its reader)
        except OSError as exc:
            raise OutputError(said("output.cannot", reason=str(exc.strerror or exc)).within(str(path))) from None
        self.real = real
        self.stream: TextIO = os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="")
        self.done = False

    def commit(self) -> None:
        """Flush, sync and rename the temporary file over the target (a device or FIFO: flush and close)."""
        if self.temp is None:
            try:
                self.stream.close()
            except OSError as exc:
                raise OutputError(said("output.cannot", reason=str(exc.strerror or exc)).within(str(self.path))) from None
            self.done = True
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            mode = 0o666 & ~_umask()
            os.chmod(self.temp, mode)  # mkstemp makes 0600; a report is an ordinary file
            os.replace(self.temp, self.real)
        except OSError as exc:
            raise OutputError(said("output.cannot", reason=str(exc.strerror or exc)).within(str(self.path))) from None
        self.done = True

    def discard(self) -> None:
        """Remove the temporary file unless it was committed; never raises."""
        if self.done:
            return
        try:
            self.stream.close()
        except (OSError, ValueError):
            pass
        if self.temp is None:
            return
        try:
            self.temp.unlink()
        except OSError:
            pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
