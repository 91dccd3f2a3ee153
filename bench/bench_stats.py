"""How long the measures take on ten years of journal, against one raw SQL aggregate.

    .venv/bin/python bench/bench_stats.py [--years 10] [--repeat 9] [--check]

Builds a journal in a temporary folder with insert_many (music most days, running five days a
week, blocks, intentions, stop-points), then times, in the same run:

- the floor: one raw aggregate query (minutes per week and discipline over the whole range);
- `compute_stats` over the whole range (every measure: six queries plus the arithmetic);
- `compute_stats` over the last year, and the weekly volume alone (what one Trends chart asks).

It prints the best of N interleaved runs (CPU time) and their ratios to the floor; with --check
it exits 1 if the whole-range report is over the budget (Trends must redraw in well under 0.1 s).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from cadence.services.stats.compute import compute_stats, volume
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Block, Intention, Passage, Piece, Session, StopPoint, database

BUDGET_S = 0.1
REASONS = ("form", "pain", "mind", "frustration", "time", "planned", "other")
OUTCOMES = ("achieved", "partly", "missed", "not_rated")


def build_journal(path: Path, years: int, seed: int = 1) -> tuple[date, date, int]:
    """Fill a new journal; returns (first day, last day, sessions)."""
    rng = random.Random(seed)
    open_journal(path, quick_check=False)
    end = date(2026, 10, 31)
    start = end - timedelta(days=365 * years - 1)
    with database.atomic():
        piece = Piece.insert(title="Nocturne Op. 9 No. 2", composer="Chopin").execute()
        passages = [
            Passage.insert(
                piece=piece, label=f"bars {8 * i + 1}-{8 * i + 8}", target_bpm=96
            ).execute()
            for i in range(6)
        ]
        sessions, day = [], start
        while day <= end:
            if rng.random() < 0.85:
                sessions.append(_session(rng, day, "music", "practice"))
            if day.weekday() < 5 and rng.random() < 0.9:
                kind = rng.choice(("easy", "long", "tempo", "intervals", "recovery"))
                sessions.append(_session(rng, day, "running", kind))
            day += timedelta(days=1)
        for chunk in range(0, len(sessions), 500):
            Session.insert_many(sessions[chunk : chunk + 500]).execute()
        ids = [
            (row.id, row.discipline, row.duration_s)
            for row in Session.select(Session.id, Session.discipline, Session.duration_s)
        ]
        blocks, intentions, stops = [], [], []
        for sid, discipline, duration in ids:
            music = discipline == "music"
            for _ in range(2 if music else 1):
                planned = rng.randint(4, 12)
                done = rng.randint(max(1, planned - 4), planned)
                blocks.append(
                    {
                        "session": sid,
                        "planned_reps": planned,
                        "done_reps": done,
                        "clean_reps": rng.randint(0, done) if music else None,
                        "achieved_bpm": rng.uniform(60, 96) if music else None,
                        "passage": rng.choice(passages) if music else None,
                    }
                )
            for _ in range(rng.randint(1, 2)):
                intentions.append(
                    {"session": sid, "text": "stay present", "outcome": rng.choice(OUTCOMES)}
                )
            if rng.random() < 0.35:
                planned_s = duration * rng.uniform(1.0, 1.3)
                stops.append(
                    {
                        "session": sid,
                        "reason": rng.choice(REASONS),
                        "elapsed_s": duration,
                        "planned_s": planned_s,
                        "rep_index": rng.randint(1, 10) if rng.random() < 0.5 else None,
                        "planned_reps": 10,
                        "action": "stopped" if rng.random() < 0.8 else "pushed_on",
                    }
                )
        for model, rows in ((Block, blocks), (Intention, intentions), (StopPoint, stops)):
            for chunk in range(0, len(rows), 500):
                model.insert_many(rows[chunk : chunk + 500]).execute()
    database.execute_sql("ANALYZE")
    return start, end, len(sessions)


def _session(rng: random.Random, day: date, discipline: str, kind: str) -> dict[str, object]:
    minutes = rng.uniform(20, 90)
    running = discipline == "running"
    return {
        "discipline": discipline,
        "kind": kind,
        "status": "planned" if rng.random() < 0.02 else "done",
        "started_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=7),
        "local_date": day,
        "duration_s": minutes * 60,
        "planned_duration_s": minutes * 60 * rng.uniform(0.9, 1.2) if rng.random() < 0.5 else None,
        "rpe": rng.randint(2, 9) if rng.random() < 0.9 else None,
        "focus": rng.randint(1, 5) if rng.random() < 0.8 else None,
        "distance_m": minutes * rng.uniform(150, 200) if running else None,
        "deleted_at": datetime(2026, 11, 1) if rng.random() < 0.01 else None,
    }


def best_times(jobs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The fastest of `repeat` runs of each job in CPU seconds, the jobs interleaved.

    On a shared machine other work slows runs down at random; CPU time (SQLite runs in this
    process) leaves out the waiting, interleaving gives every job the same share of what noise
    is left, and the fastest run is the closest to what the code itself costs.
    """
    best = {name: float("inf") for name in jobs}
    for job in jobs.values():
        job()  # warm the page cache and the statement cache
    for _ in range(repeat):
        for name, job in jobs.items():
            t0 = time.process_time()
            job()
            best[name] = min(best[name], time.process_time() - t0)
    return best


def raw_weekly_minutes(start: date, end: date) -> list[tuple]:
    """The floor: one aggregate query, the simplest a Trends chart could possibly run."""
    return database.execute_sql(
        """SELECT date(local_date, '-' || ((CAST(strftime('%w', local_date) AS INTEGER) + 6) % 7)
                  || ' days') AS w, discipline, total(duration_s) / 60.0
           FROM session WHERE deleted_at IS NULL AND status = 'done'
             AND local_date BETWEEN ? AND ?
           GROUP BY w, discipline""",
        [start.isoformat(), end.isoformat()],
    ).fetchall()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--check", action="store_true", help="exit 1 if over the budget")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        start, end, n = build_journal(Path(folder) / "bench.sqlite", args.years)
        print(
            f"journal: {n} sessions over {args.years} years, built in {time.perf_counter() - t0:.1f} s"
        )
        try:
            year = end - timedelta(days=364)
            times = best_times(
                {
                    "floor": lambda: raw_weekly_minutes(start, end),
                    "whole": lambda: compute_stats(start, end, today=end),
                    "year": lambda: compute_stats(year, end, today=end),
                    "weekly": lambda: volume(start, end),
                },
                args.repeat,
            )
        finally:
            close_journal()
    floor, whole = times["floor"], times["whole"]
    print(f"floor  raw weekly-minutes query, {args.years} years: {1000 * floor:7.1f} ms")
    for label, t in (
        (f"compute_stats, all {args.years} years", whole),
        ("compute_stats, last year", times["year"]),
        (f"volume (weekly), {args.years} years", times["weekly"]),
    ):
        print(f"{label:38} {1000 * t:7.1f} ms  ratio {t / floor:6.1f}x the floor")
    ok = whole < BUDGET_S
    print(
        f"budget {1000 * BUDGET_S:.0f} ms (CPU) for the whole report: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
