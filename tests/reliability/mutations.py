"""Hypothesis strategies that damage real files the way the world does: cut short, bits flipped,
bytes overwritten, pieces lost or doubled, numbers made absurd, lines dropped; FIT files with
their checksums recomputed afterwards (so the damage reaches the decoder, not just the CRC check);
and random bytes, bare or behind a believable header."""

from __future__ import annotations

import gzip
import re
import struct

from fitdecode.utils import compute_crc
from hypothesis import strategies as st

NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
ABSURD = [b"-1", b"0", b"-0.0", b"1e308", b"nan", b"inf", b"-inf", b"99999999999999999999", b""]
ABSURD += [b"1970-01-01T00:00:00Z", b"\xff\xfe", b"&amp;", b"<", b"]]>", b"'", b'"', b","]
XML_HEADS = [
    b'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="x"><trk><trkseg>',
    b'<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running">',
]


def fix_fit_crcs(data: bytes) -> bytes:
    """Recompute a FIT file's header and file checksums after its bytes were changed."""
    if len(data) < 14 or data[0] not in (12, 14):
        return data
    out = bytearray(data)
    size = out[0]
    struct.pack_into("<I", out, 4, max(0, len(out) - size - 2))
    if size == 14:
        struct.pack_into("<H", out, 12, compute_crc(bytes(out[:12])))
    if len(out) >= size + 2:
        struct.pack_into("<H", out, len(out) - 2, compute_crc(bytes(out[:-2])))
    return bytes(out)


@st.composite
def _mutate_once(draw: st.DrawFn, data: bytes, text: bool) -> bytes:
    n = len(data)
    if n < 2:
        return data + draw(st.binary(min_size=1, max_size=64))
    ops = ["truncate", "flip", "overwrite", "delete", "duplicate", "insert"]
    if text:
        ops += ["number", "number", "line"]
    op = draw(st.sampled_from(ops))
    at = draw(st.integers(0, n - 1))
    if op == "truncate":
        return data[:at]
    if op == "flip":
        out = bytearray(data)
        for i in draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=16)):
            out[i] ^= 1 << draw(st.integers(0, 7))
        return bytes(out)
    if op == "overwrite":
        noise = draw(st.binary(min_size=1, max_size=64))
        return data[:at] + noise + data[at + len(noise) :]
    if op == "delete":
        return data[:at] + data[at + draw(st.integers(1, max(1, n // 4))) :]
    if op == "duplicate":
        piece = data[at : at + draw(st.integers(1, max(1, n // 4)))]
        return data[:at] + piece + data[at:]
    if op == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=256)) + data[at:]
    if op == "number":
        numbers = list(NUMBER.finditer(data))
        if not numbers:
            return data
        m = draw(st.sampled_from(numbers))
        value = draw(st.sampled_from(ABSURD) | st.integers().map(lambda i: str(i).encode()))
        return data[: m.start()] + value + data[m.end() :]
    lines = data.split(b"\n")
    i = draw(st.integers(0, len(lines) - 1))
    if draw(st.booleans()):
        del lines[i]
    else:
        lines.insert(i, lines[i])
    return b"\n".join(lines)


@st.composite
def damaged(draw: st.DrawFn, seeds: list[bytes], *, text: bool, fit: bool = False) -> bytes:
    data = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(_mutate_once(data, text))
    if fit and draw(st.booleans()):
        data = fix_fit_crcs(data)
    return data


@st.composite
def random_input(draw: st.DrawFn, seeds: list[bytes], *, fit: bool = False) -> bytes:
    noise = draw(st.binary(max_size=2048))
    how = draw(st.sampled_from(["bare", "head", "gzip"]))
    if how == "bare":
        return noise
    if how == "gzip":
        return gzip.compress(draw(st.sampled_from(seeds))[: draw(st.integers(0, 4096))] + noise)
    if fit:
        return fix_fit_crcs(draw(st.sampled_from(seeds))[:14] + noise + b"\0\0")
    return draw(st.sampled_from(XML_HEADS)) + noise


def inputs(seeds: list[bytes], *, text: bool, fit: bool = False) -> st.SearchStrategy[bytes]:
    """Mostly damaged real files, sometimes random bytes."""
    return st.one_of(
        damaged(seeds, text=text, fit=fit),
        damaged(seeds, text=text, fit=fit),
        damaged(seeds, text=text, fit=fit),
        random_input(seeds, fit=fit),
    )
