"""Bytes of one input, read in chunks: a regular file, a pipe, stdin, or any of them gzip'd.

Readers never hold a whole export: they take `head` (the first bytes, enough to
sniff the format and to tell an empty, binary or UTF-16 file) and then
`chunks()`. A gzip stream is recognised by its magic bytes, not by its name,
and a damaged one raises `SourceBroken` from `chunks()`, after every byte
before the damage was handed out, so that the tickets read before it are
linted and the file is reported with one line.
"""

from __future__ import annotations

import functools
import gzip
import os
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO, cast

from ..model import SaidError, said

CHUNK = 1 << 20  # bytes read at once
HEAD = 1 << 16  # bytes sniffed before a format is chosen
GZIP_MAGIC = b"\x1f\x8b"


class NotAFile(SaidError):
    """A path that is neither a regular file nor a pipe (a device, a socket)."""


class SourceBroken(SaidError):
    """The bytes stopped making sense part-way (a truncated or corrupt gzip stream)."""


def _open(path: str) -> BinaryIO:
    """A regular file or a pipe; a FIFO with no writer reads as empty instead of blocking."""
    st = os.stat(path)
    if stat.S_ISFIFO(st.st_mode):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # returns at once, even with no writer
        try:
            os.set_blocking(fd, True)  # a writer that has the pipe open is then waited for
        except OSError:
            os.close(fd)
            raise
        return os.fdopen(fd, "rb")
    if not stat.S_ISREG(st.st_mode):
        device = stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
        raise NotAFile(said("reason.device" if device else "reason.socket" if stat.S_ISSOCK(st.st_mode) else "reason.not_regular"))
    return open(path, "rb")


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end (a pipe hands out what it has)."""
    parts: list[bytes] = []
    want = size
    while want > 0:
        part = stream.read(want)
        if not part:
            break
        parts.append(part)
        want -= len(part)
    return b"".join(parts)


class ByteSource:
    """One input's bytes: `head` first, then the rest through `chunks()` (which starts with `head`).

    `gzipped` says the bytes are the decompressed content of a gzip stream.
    Open with `ByteSource.open(path)`; close with `close()` (stdin is left open).
    """

    def __init__(self, raw: BinaryIO, *, owned: bool) -> None:
        self._owned = owned
        self._raw = raw
        first = _read_exactly(raw, 2)
        self.gzipped = first == GZIP_MAGIC
        self._stream: BinaryIO
        if self.gzipped:
            self._stream = cast(BinaryIO, gzip.GzipFile(fileobj=cast(BinaryIO, _Prefixed(first, raw)), mode="rb"))
            self._pending = b""
        else:
            self._stream = raw
            self._pending = first
        self._broken: SourceBroken | None = None  # met while reading the head: raised after it is handed out
        parts = [self._pending]
        want = HEAD - len(self._pending)
        while want > 0:
            try:
                part = self._guarded(functools.partial(self._read, want))
            except SourceBroken as exc:
                self._broken = exc
                break
            if not part:
                break
            parts.append(part)
            want -= len(part)
        self.head = b"".join(parts)
        self._pending = b""
        self.at_end = len(self.head) < HEAD and self._broken is None  # the head is the whole content

    @classmethod
    def open(cls, path: str) -> "ByteSource":
        """The source of a path, or of stdin when `path` is '-'; OSError / NotAFile when it cannot be opened."""
        if path == "-":
            return cls(sys.stdin.buffer, owned=False)
        raw = _open(path)
        try:
            return cls(raw, owned=True)
        except BaseException:
            raw.close()
            raise

    def _guarded(self, read: Callable[[], bytes]) -> bytes:
        try:
            return read()
        except EOFError:
            raise SourceBroken(said("read.gzip_truncated")) from None
        except (gzip.BadGzipFile, zlib.error) as exc:  # zlib's own reason, said as written
            raise SourceBroken(said("read.gzip_corrupt", reason=str(exc))) from None

    def _read(self, size: int) -> bytes:
        """Up to `size` bytes; from gzip, what one step decompressed (`read` would drop it when the next step fails)."""
        if self.gzipped:
            return self._stream.read1(size)  # type: ignore[attr-defined,no-any-return]
        return self._stream.read(size)

    def chunks(self) -> Iterator[bytes]:
        """The whole content in pieces of about CHUNK bytes, `head` first; SourceBroken when it is damaged."""
        if self.head:
            yield self.head
        if self._broken is not None:
            raise self._broken
        if self.at_end:
            return
        while True:
            chunk = self._guarded(lambda: self._read(CHUNK))
            if not chunk:
                return
            yield chunk

    def read_all(self) -> bytes:
        """The whole content at once: for the formats that are one ticket (plain text, one JSON object)."""
        return b"".join(self.chunks())

    def close(self) -> None:
        if self.gzipped:
            try:
                self._stream.close()
            except (OSError, EOFError, zlib.error):
                pass
        if self._owned:
            self._raw.close()


class _Prefixed:
    """A raw stream with its first bytes (already read to look for the gzip magic) put back in front."""

    def __init__(self, prefix: bytes, raw: BinaryIO) -> None:
        self._prefix = prefix
        self._raw = raw

    def read(self, size: int = -1) -> bytes:
        if self._prefix:
            if size is None or size < 0:
                data, self._prefix = self._prefix + self._raw.read(), b""
                return data
            data, self._prefix = self._prefix[:size], self._prefix[size:]
            if len(data) < size:
                data += self._raw.read(size - len(data))
            return data
        return self._raw.read(size)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        pass
