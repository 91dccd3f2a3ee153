"""Writing files so that a failure never leaves a half-written one in place of a good one.

Every file Cadence writes (a PDF report, an export, a CSV table, an .ics calendar, a backup, a
restored journal) is written under a hidden temporary name in the same folder, flushed and
fsynced, checked where it can be, and only then renamed over the target. If anything fails
(a full disk, a kill, a check that does not pass) the earlier file is still there, untouched, and
the temporary one is removed (or, after a kill, swept away by `sweep_temporaries` at the next
start or backup).
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import quote

from cadence.store.errors import JournalError

# hidden temporary names ".NAME.<random>.partial" (and SQLite's rollback journal of one), and the
# "NAME.sqlite.partial" earlier versions used for backups
TEMPORARY_SUFFIX = ".partial"
SWEEP_AGE_S = 300.0
_TEMPORARY = re.compile(r"^(\..+\.[A-Za-z0-9_]{6,}\.partial(-journal)?|.+\.sqlite\.partial)$")


class WriteFailedError(JournalError, OSError):
    """A file could not be written whole; the earlier file at its place is unchanged. (An
    OSError too, so that whoever handled a failed write before handles this one.)"""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path} could not be written ({reason}): nothing of it was saved, and what was "
            "there before is unchanged."
        )
        self.path = path


class DiskFullError(WriteFailedError):
    """The disk (or the file system's quota) filled up while a file was written."""

    def __init__(self, path: Path) -> None:
        JournalError.__init__(
            self,
            f"the disk is full: nothing of {path} was saved, and what was there before is "
            "unchanged. Free some space and try again.",
        )
        self.path = path


class UnverifiedWriteError(OSError):
    """A file was written but does not read back as it should (e.g. a truncated PDF)."""


def is_disk_full(exc: BaseException) -> bool:
    """True for the errors a full disk or a size limit gives, from Python or from SQLite."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    text = str(exc).lower()
    # SQLite says "database or disk is full" (SQLITE_FULL), or "disk I/O error" when a write
    # fails otherwise (e.g. past a file size limit)
    return any(t in text for t in ("database or disk is full", "no space left", "disk i/o error"))


def disk_full_in(exc: BaseException | None) -> bool:
    """True if `exc` or an exception it was raised from or while handling is a full disk (a
    failed write often surfaces as a later error: "cannot rollback - no transaction is
    active")."""
    seen = 0
    while exc is not None and seen < 20:
        if is_disk_full(exc):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def sqlite_uri(path: str | os.PathLike[str], **params: str) -> str:
    """A SQLite URI for a file path: the path percent-quoted, so that `#`, `?` or `%41` in a
    folder's name are part of the name instead of starting a fragment, a query or an escape."""
    text = os.path.abspath(os.fspath(path))
    uri = "file:" + quote(text, safe="/")
    if params:
        uri += "?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in params.items())
    return uri


def look_uri(path: str | os.PathLike[str]) -> str:
    """A URI to read a database file without a byte written beside it. With no -wal, the main
    file holds everything: `immutable=1` reads it without creating the -wal and -shm that a
    read-only connection to a WAL-mode file would otherwise leave behind. With a -wal, it must
    be read too (mode=ro), and its -shm is needed."""
    if Path(f"{os.fspath(path)}-wal").exists():
        return sqlite_uri(path, mode="ro")
    return sqlite_uri(path, mode="ro", immutable="1")


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (no-op where folders cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temporary_beside(target: Path) -> Path:
    """A new, empty, private (0600) hidden file in the target's folder."""
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMPORARY_SUFFIX, dir=target.parent
    )
    os.close(fd)
    os.chmod(name, 0o600)
    return Path(name)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(
    target: str | os.PathLike[str], verify: Callable[[Path], None] | None = None
) -> Iterator[Path]:
    """Yield a temporary path beside `target`; once the block has written it, it is fsynced,
    checked by `verify` (which raises if the file is not right) and renamed over `target`.
    On any failure the temporary file is removed and `target` is left as it was; a full disk is
    raised as DiskFullError."""
    target = Path(target)
    sweep_temporaries(target.parent, of=target.name)  # what a killed earlier write left
    temporary = temporary_beside(target)
    try:
        yield temporary
        _fsync_file(temporary)
        if verify is not None:
            verify(temporary)
        os.replace(temporary, target)
    except BaseException as exc:
        for litter in ("", "-journal", "-wal", "-shm"):  # SQLite's own, when it wrote the file
            Path(f"{temporary}{litter}").unlink(missing_ok=True)
        if isinstance(exc, Exception) and is_disk_full(exc):
            raise DiskFullError(target) from exc
        if isinstance(exc, OSError | sqlite3.OperationalError):
            raise WriteFailedError(target, getattr(exc, "strerror", None) or str(exc)) from exc
        raise
    fsync_folder(target.parent)


@contextmanager
def atomic_text(
    target: str | os.PathLike[str],
    *,
    newline: str | None = None,
    verify: Callable[[Path], None] | None = None,
) -> Iterator[IO[str]]:
    """A UTF-8 text file written through `replacing`."""
    with (
        replacing(target, verify) as temporary,
        open(temporary, "w", encoding="utf-8", newline=newline) as handle,
    ):
        yield handle
        handle.flush()


def sweep_temporaries(
    folder: Path, older_than: float = SWEEP_AGE_S, *, of: str | None = None
) -> list[Path]:
    """Remove the temporary files a killed write left in `folder` (only those of the file
    named `of`, if given: in a folder that is not Cadence's own, nothing else is touched),
    untouched for `older_than` seconds (a write still under way in another process keeps its
    file fresh); returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not _TEMPORARY.match(entry.name):
            continue
        if of is not None and not entry.name.startswith(f".{of}."):
            continue
        try:
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                entry.unlink()
                removed.append(entry)
        except OSError:
            pass
    return removed


def check_pdf(path: Path, pages: int | None = None) -> None:
    """Raise UnverifiedWriteError unless `path` is a complete PDF (its cross-reference table is
    where its trailer says, it ends in %%EOF) with `pages` pages, if given."""
    data = path.read_bytes()
    tail = data[-1024:]
    start = tail.rfind(b"startxref")
    if not data.startswith(b"%PDF-") or start < 0 or b"%%EOF" not in tail[start:]:
        raise UnverifiedWriteError("what was written is not a complete PDF: it was cut short")
    try:
        offset = int(tail[start + len(b"startxref") :].split()[0])
    except (IndexError, ValueError):
        raise UnverifiedWriteError(
            "the PDF written has no readable cross-reference table"
        ) from None
    if not data[offset : offset + 4] == b"xref":
        raise UnverifiedWriteError("the PDF written has a broken cross-reference table")
    if pages is not None:
        counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
        if pages not in counts:
            raise UnverifiedWriteError(f"the PDF written does not hold its {pages} pages")
