"""The decoded messages of a large FIT file, kept for the run: the suite imports the 1 MB Fenix 2
multisport fixture in several modules and on both engines, and fitdecode takes ~3 s of CPU for it
every time. The first import decodes it for real; later imports of the same bytes get a fresh
copy of that result, so nothing one import does to its messages reaches the next. Small files,
damaged ones (they raise) and any file that differs by a byte are decoded as usual."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable

from cadence.services.imports import fit, track

LARGE = 256 * 1024  # bytes: only the multisport fixture is this big
Decoded = tuple[dict[str, list[fit.Message]], track.Points]


def _copy(decoded: Decoded) -> Decoded:
    messages, points = decoded
    columns = (list(getattr(points, f.name)) for f in dataclasses.fields(track.Points))
    return copy.deepcopy(messages), track.Points(*columns)  # a column's values are immutable


def remembering(read: Callable[[bytes], Decoded], large: int = LARGE) -> Callable[[bytes], Decoded]:
    """`read` (fit.read_messages), with what it gives for a file of `large` bytes or more kept."""
    kept: dict[bytes, Decoded] = {}

    def read_messages(data: bytes) -> Decoded:
        if len(data) < large:
            return read(data)
        if data not in kept:
            kept[data] = read(data)  # never handed out itself
        return _copy(kept[data])

    return read_messages
