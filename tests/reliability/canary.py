"""A file that tells whether anything opened it: inotify (Linux) watches it for IN_OPEN."""

from __future__ import annotations

import ctypes
import os
import struct
import zlib
from pathlib import Path

IN_ACCESS = 0x001
IN_OPEN = 0x020


def _png() -> bytes:
    """A real 1x1 PNG, so a loader that reads the file would succeed (and show it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()


class Canary:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.write_bytes(PNG)
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        assert self._fd >= 0, f"inotify_init1 failed: errno {ctypes.get_errno()}"
        watch = self._libc.inotify_add_watch(self._fd, str(path).encode(), IN_OPEN | IN_ACCESS)
        assert watch >= 0, f"inotify_add_watch failed: errno {ctypes.get_errno()}"
        self.opened = 0

    @property
    def url(self) -> str:
        return self.path.as_uri()

    def poll(self) -> int:
        """How many times the file was opened or read since the last poll."""
        events = 0
        while True:
            try:
                data = os.read(self._fd, 4096)
            except BlockingIOError:
                break
            events += len(data) // 16  # struct inotify_event, without a name for a file watch
        self.opened += events
        return events

    def close(self) -> None:
        os.close(self._fd)
