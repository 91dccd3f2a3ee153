"""`cadence screenshot --view NAME --out FILE.png [--size WxH] [--db PATH]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from cadence.commands.common import opened_journal

NAME = "screenshot"
HELP = "render a view of the app to a PNG, offscreen"


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size; write it as WIDTHxHEIGHT"
        ) from exc
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise argparse.ArgumentTypeError("a size from 320x240 to 8000x8000")
    return w, h


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from cadence.ui.views.registry import VIEW_NAMES

    parser.add_argument("--view", required=True, choices=VIEW_NAMES)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--size", type=_size, default=(1280, 820), help="WIDTHxHEIGHT")


def run(args: argparse.Namespace) -> int:
    from cadence.ui.screenshot import ensure_offscreen

    ensure_offscreen()
    from cadence.ui.screenshot import render_view

    with opened_journal(args):
        out = render_view(args.view, args.out, args.size)
    print(out)
    return 0
