"""Reading activity files with bounded memory, un-gzipping them, and telling GPX, TCX and FIT apart.

The format is decided by the content, not the name: a `.gpx` that is really TCX still imports, and a
photo renamed `.fit` is refused with a message that says what it is.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from cadence.services.imports.common import MAX_FILE_BYTES, Refused
from cadence.services.imports.safe_xml import HOSTILE

ACTIVITY_SUFFIXES = (".gpx", ".tcx", ".fit")
GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1024 * 1024
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_KNOWN_TYPES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"SQLite format 3", "an SQLite database"),
)


class Format(StrEnum):
    GPX = "gpx"
    TCX = "tcx"
    FIT = "fit"


def is_activity_name(name: str) -> bool:
    """True for x.gpx, x.tcx, x.fit and their .gz, in any letter case."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith(ACTIVITY_SUFFIXES)


def megabytes(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB"


def open_file(path: Path, limit: int = MAX_FILE_BYTES) -> BinaryIO:
    """`path` opened for reading, refused if it is not a regular file or larger than `limit`."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe would block for ever; a device never ends
            raise Refused(
                "is not a regular file (a pipe, a device or a socket); nothing was read from it"
            )
        if info.st_size > limit:
            raise Refused(
                f"is {megabytes(info.st_size)}; Cadence reads activity files up to "
                f"{megabytes(limit)}"
            )
        return path.open("rb")
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror or exc})") from exc


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, refused if larger than `limit`."""
    chunks, total = [], 0
    with open_file(path, limit) as handle:
        try:
            # In pieces: read(limit) would set aside the whole limit for every small file.
            while chunk := handle.read(min(_CHUNK, limit + 1 - total)):
                chunks.append(chunk)
                total += len(chunk)
                if total > limit:
                    raise Refused(f"grew beyond {megabytes(limit)} while being read")
        except OSError as exc:
            raise Refused(f"cannot be read ({exc.strerror or exc})") from exc
    return b"".join(chunks)


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_FILE_BYTES
) -> bytes:
    """A file inside a zip, inflated with a cap (the size the zip declares can lie)."""
    if info.file_size > limit:
        raise Refused(f"is {megabytes(info.file_size)} unpacked; the limit is {megabytes(limit)}")
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise Refused(f"is damaged inside the zip ({exc})") from exc
    if len(data) > limit:
        raise Refused(f"unpacks to more than {megabytes(limit)}")
    return data


def gunzip(data: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """Decompress a .gz in memory, stopping at `limit` bytes (a gzip bomb is refused, not inflated)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise Refused(f"is not a valid gzip file ({exc})") from exc
    if len(out) > limit:
        raise Refused(
            f"unpacks to more than {megabytes(limit)}; refused as a possible compression bomb"
        )
    if not inflater.eof:
        raise Refused("is a gzip file that is cut short (truncated); copy it again")
    return out


def unpack(data: bytes) -> bytes:
    """`data` itself, or its content if it is gzipped (one level only)."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data)
        if data.startswith(GZIP_MAGIC):
            raise Refused("is gzipped twice; unpack it once and import the inner file")
    return data


def sniff(data: bytes) -> Format:
    """Which format the (already unpacked) bytes are, or Refused saying what they are instead."""
    if not data.strip():
        raise Refused("is empty")
    if len(data) >= 12 and data[8:12] == b".FIT":
        return Format.FIT
    for magic, what in _KNOWN_TYPES:
        if data.startswith(magic):
            raise Refused(f"is {what}, not a GPX, TCX or FIT file")
    head = _text_head(data)
    if "<!DOCTYPE" in head or "<!ENTITY" in head:
        raise Refused(HOSTILE)
    if not head.startswith("<"):
        raise Refused("is not a GPX, TCX or FIT file (it is neither XML nor FIT)")
    root = _root_name(head)
    if root == "gpx":
        return Format.GPX
    if root == "TrainingCenterDatabase":
        return Format.TCX
    if root is None:
        raise Refused("is XML, but Cadence could not find its root element in the first 64 kB")
    raise Refused(f"is XML with the root element <{root}>, not a GPX or TCX file")


SNIFF_BYTES = 65_536  # enough to pass any sensible prolog (declaration, comments) to the root


def _text_head(data: bytes) -> str:
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return text.lstrip("\ufeff \t\r\n")


def _root_name(head: str) -> str | None:
    """The first element's name, after the declaration, comments and any DOCTYPE."""
    position = 0
    while True:
        start = head.find("<", position)
        if start < 0:
            return None
        if head.startswith(("<?", "<!"), start):
            end = head.find(">", start)
            if end < 0:
                return None
            position = end + 1
            continue
        match = _ROOT.match(head, start)
        return match.group(1) if match else None
