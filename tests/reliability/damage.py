"""Ways a journal file gets damaged: a disk, a sync tool or a crash of the machine (not of the app)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

PAGE = 4096


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: int(len(data) * rng.uniform(0.3, 0.9)) // PAGE * PAGE + rng.randrange(PAGE)]


def zero_pages(data: bytes, rng: random.Random) -> bytes:
    first = rng.randrange(1, len(data) // PAGE - 3)
    return data[: first * PAGE] + bytes(3 * PAGE) + data[(first + 3) * PAGE :]


def garbage_pages(data: bytes, rng: random.Random) -> bytes:
    first = rng.randrange(1, len(data) // PAGE - 2)
    noise = rng.randbytes(2 * PAGE)
    return data[: first * PAGE] + noise + data[(first + 2) * PAGE :]


def torn_page(data: bytes, rng: random.Random) -> bytes:
    """The second half of one page from some other page: a write cut off by a power cut."""
    page = rng.randrange(1, len(data) // PAGE)
    other = rng.randrange(1, len(data) // PAGE)
    half = page * PAGE + PAGE // 2
    return data[:half] + data[other * PAGE : other * PAGE + PAGE // 2] + data[half + PAGE // 2 :]


def header(data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(100) + data[100:]


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    """A few random bits anywhere past the header: what a failing disk or cable does."""
    out = bytearray(data)
    for _ in range(rng.randrange(1, 9)):
        i = rng.randrange(100, len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


STRUCTURAL: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncated": truncate,
    "zeroed pages": zero_pages,
    "garbage pages": garbage_pages,
    "header overwritten": header,
}
ANY = {**STRUCTURAL, "torn page": torn_page, "bit flips": flip_bits}


def damage(path: Path, how: Callable[[bytes, random.Random], bytes], rng: random.Random) -> bytes:
    data = how(path.read_bytes(), rng)
    path.write_bytes(data)
    return data
