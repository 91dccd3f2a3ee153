"""How fast runs are imported, against the bare parsers reading the same files in the same run.

    .venv/bin/python bench/bench_import.py [--repeat 7] [--copies 3] [--clock wall|cpu]
                                           [--only fit|gpx|tcx]

The corpus is every valid fixture (FIT, GPX, TCX, the Strava export's FIT.gz) plus, per copy, the
same files with their timestamps moved by a day, so that every file is really saved (a repeated
file would only be found "already there"). Timed, in the same run:

- the floor: the bare parsers on the same bytes (gzip, then fitdecode over every frame with CRCs
  checked, gpxpy.parse, or defusedxml's ElementTree for TCX), nothing else;
- `import_paths` on the same files into a new journal: sniffing, the defusedxml screen, the
  readers, the checks, de-duplication look-ups and one transaction per file (synchronous=FULL).

It prints the medians, the throughput and the ratio import / floor, and exits 1 if the ratio is
above the budget (the importer's own work should stay within a small multiple of the parsing).
`--clock cpu` times this process's CPU instead of the wall clock: on a machine other work keeps
busy, the wall-clock ratio swings with the others' load, the CPU ratio much less (though it leaves
out the waits for the disk). `--only` keeps the files of one format, for its own ratio.
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import fitdecode
import gpxpy
from defusedxml.ElementTree import fromstring

from cadence.services.imports import import_paths
from cadence.store.db import close_journal, open_journal

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = [
    FIXTURES / "running" / "run-8-laps.fit",
    FIXTURES / "running" / "fenix5-short-run.fit",
    FIXTURES / "running" / "polar-m400-run.gpx",
    FIXTURES / "running" / "gpx-with-empty-segment.gpx",
    FIXTURES / "running" / "run.tcx",
    FIXTURES / "running" / "laps-3-run.tcx",
    FIXTURES / "strava-export" / "activities" / "12866632127.fit.gz",
]
BUDGET_RATIO = 3.0
_XML_TIME = re.compile(rb"(\d{4}-\d{2}-\d{2})T")


def _shift_xml(data: bytes, days: int) -> bytes:
    """Move every date in a GPX/TCX by `days`, so the copy is a different run."""

    def move(match: re.Match[bytes]) -> bytes:
        day = datetime.strptime(match.group(1).decode(), "%Y-%m-%d") + timedelta(days=days)
        return day.strftime("%Y-%m-%dT").encode()

    return _XML_TIME.sub(move, data)


def file_format(path: Path) -> str:
    """ "fit", "gpx" or "tcx" (a Strava export's FIT.gz is a FIT)."""
    return path.suffixes[0].lstrip(".") if path.suffix == ".gz" else path.suffix.lstrip(".")


def build_corpus(folder: Path, copies: int, only: str | None = None) -> list[Path]:
    """The fixtures (of one format, if `only`), and copies of the XML ones a day apart (FIT
    files are copied as they are and would stay duplicates, so each is imported once)."""
    paths = []
    for copy in range(copies):
        for source in CORPUS:
            if only is not None and file_format(source) != only:
                continue
            target = folder / f"{copy}-{source.name}"
            data = source.read_bytes()
            if source.suffix in (".gpx", ".tcx"):
                data = _shift_xml(data, copy)
            elif copy:
                continue  # a FIT copy would be the same run; keep one of each
            target.write_bytes(data)
            paths.append(target)
    return paths


def bare_parse(path: Path) -> None:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[8:12] == b".FIT":
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for _ in reader:
                pass
    elif path.suffix == ".gpx":
        gpxpy.parse(data.decode("utf-8-sig"))
    else:
        fromstring(data, forbid_dtd=True)


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]


def time_floor(paths: list[Path]) -> float:
    start = clock()
    for path in paths:
        bare_parse(path)
    return clock() - start


def time_import(paths: list[Path], folder: Path, round_number: int) -> float:
    open_journal(folder / f"journal-{round_number}.sqlite", quick_check=False)
    try:
        start = clock()
        summary = import_paths(paths)
        elapsed = clock() - start
    finally:
        close_journal()
    if summary.refused or summary.new != len(paths):
        raise SystemExit(f"the corpus did not import cleanly: {summary.headline()}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--copies", type=int, default=3, help="day-shifted copies of GPX/TCX")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="wall")
    parser.add_argument("--only", choices=("fit", "gpx", "tcx"), help="the files of one format")
    args = parser.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = build_corpus(folder, args.copies, args.only)
        size_mb = sum(p.stat().st_size for p in paths) / 1_048_576
        time_floor(paths)  # warm the caches and imports once
        floors, imports = [], []
        for n in range(args.repeat):
            floors.append(time_floor(paths))
            imports.append(time_import(paths, folder, n))
    floor, imported = statistics.median(floors), statistics.median(imports)
    ratio = imported / floor
    print(
        f"corpus: {len(paths)} files, {size_mb:.2f} MB, median of {args.repeat} rounds, "
        f"{args.clock} clock{f', {args.only} only' if args.only else ''}"
    )
    print(f"bare parsers : {floor * 1000:8.1f} ms  ({len(paths) / floor:6.1f} files/s)")
    print(f"import_paths : {imported * 1000:8.1f} ms  ({len(paths) / imported:6.1f} files/s)")
    print(f"ratio import / bare parsers: {ratio:.2f} (budget {BUDGET_RATIO:.1f})")
    return 0 if ratio <= BUDGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
