"""How long `cadence demo --years 10` takes, against a raw executemany of the same rows.

    .venv/bin/python bench/bench_demo.py [--years 10] [--repeat 3]

Timed in the same run, each into a new file in a temporary folder:

- the demo: `cadence demo --years N --seed 1 --end 2026-03-01` through `cadence.cli.main`, i.e.
  creating the journal, living every day in Python, and writing the rows with insert_many in one
  transaction;
- the floor: the very rows that demo wrote (read back beforehand) inserted with sqlite3's
  `executemany` into an empty journal of the same schema, with the same pragmas (WAL,
  synchronous=FULL, foreign keys on), in one transaction.

It prints the medians, the rows written and the ratio demo / floor, and exits 1 if the demo takes
longer than the budget: "well under a minute" for ten years, and within a bounded multiple of the
floor (a session-by-session save with a commit each would be hundreds of times the floor).
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

from cadence.cli import main
from cadence.store.db import PRAGMAS, close_journal, open_journal
from cadence.store.models import ALL_MODELS

END = "2026-03-01"
BUDGET_SECONDS = 30.0
BUDGET_RATIO = 60.0


def run_demo(path: Path, years: float) -> float:
    started = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        code = main(["demo", "--years", str(years), "--seed", "1", "--end", END, "--db", str(path)])
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"cadence demo failed with exit code {code}")
    return elapsed


def read_rows(path: Path) -> list[tuple[str, int, list[tuple]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = []
        for model in ALL_MODELS:
            name = model._meta.table_name
            cursor = conn.execute(f'SELECT * FROM "{name}"')
            rows = cursor.fetchall()
            tables.append((name, len(cursor.description), rows))
        return tables
    finally:
        conn.close()


def run_floor(path: Path, tables: list[tuple[str, int, list[tuple]]]) -> float:
    open_journal(path)  # the same empty schema and user_version
    close_journal()
    started = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma, value in PRAGMAS.items():
            conn.execute(f"PRAGMA {pragma} = {value}")
        conn.execute("BEGIN")
        for name, width, rows in tables:
            marks = ", ".join("?" * width)
            conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return time.perf_counter() - started


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    demo_times, floor_times = [], []
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for i in range(args.repeat):
            demo_path = base / f"demo-{i}.sqlite"
            demo_times.append(run_demo(demo_path, args.years))
            tables = read_rows(demo_path)
            floor_times.append(run_floor(base / f"floor-{i}.sqlite", tables))
    rows = sum(len(t[2]) for t in tables)
    sessions = next(len(t[2]) for t in tables if t[0] == "session")
    demo, floor = statistics.median(demo_times), statistics.median(floor_times)
    ratio = demo / floor
    print(f"demo --years {args.years:g}: {sessions:,} sessions, {rows:,} rows")
    print(
        f"  cadence demo       median {demo:7.2f} s  (runs: {', '.join(f'{t:.2f}' for t in demo_times)})"
    )
    print(
        f"  executemany floor  median {floor:7.2f} s  (runs: {', '.join(f'{t:.2f}' for t in floor_times)})"
    )
    print(
        f"  ratio demo / floor {ratio:7.1f}   (budget: {BUDGET_RATIO:g}x and {BUDGET_SECONDS:g} s)"
    )
    within = ratio <= BUDGET_RATIO and (args.years > 10 or demo <= BUDGET_SECONDS)
    if not within:
        print("OVER BUDGET", file=sys.stderr)
    return 0 if within else 1


if __name__ == "__main__":
    raise SystemExit(main_bench())
