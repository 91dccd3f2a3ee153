"""A journal on PostgreSQL against the same journal in a file, and a teacher's studio overview.

    .venv/bin/python bench/bench_studio.py [--years 10] [--students 30] [--student-years 3]

Starts a private PostgreSQL cluster (tests/pg_cluster.py: the installed server binaries, a
temporary folder, torn down at the end), restores the cached demo journal into it, and times in
the same run, interleaved:

- `cadence stats` over the whole journal (compute_stats, what the command computes), on the
  server against the file (ratio server ÷ file);
- the Trends switch to "all years" until painted, with the facts kept and just after a write
  (the facts read again), on the server against the file;
- the studio overview of a teacher with `--students` students of `--student-years` years each
  (the demo journal of that length, copied for each student by SQL), against its own four
  queries alone (the rest is Python).

Part `studio` of bench/run_all.py; docs/performance.md and docs/studio.md ("Speed") hold the
figures. Needs the Debian package `postgresql` and psycopg (the `postgres` extra).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # tests.pg_cluster

from common import (  # noqa: E402
    Figure,
    PartResult,
    column_name,
    demo_journal,
    interleaved_medians,
    stopwatch_ms,
    working_copy,
)

TEACHER = "tess"


def restore_into(cluster, source: Path, folder: Path, database: str, role: str | None = None):
    """The journal at `source` exported to JSON and restored into `database` as `role` (the
    cluster's admin when None); returns the URL it was restored to and the seconds it took."""
    from cadence.services.transfer.export import export_json
    from cadence.services.transfer.restore import restore_file
    from cadence.store.db import close_journal, open_journal

    dump = folder / f"{source.stem}.json"
    if not dump.exists():
        open_journal(source, quick_check=False)
        try:
            export_json(dump)
        finally:
            close_journal()
    url = cluster.url(database) if role is None else cluster.url(database, role)
    began = time.perf_counter()
    restore_file(dump, url)
    return url, time.perf_counter() - began


def stats_and_trends(cluster, years: float, repeat: int, folder: Path) -> PartResult:
    """compute_stats over the whole journal and the Trends switch, server against file."""
    import bench_trends as bt

    from cadence.services.stats.compute import compute_stats
    from cadence.services.stats.lazy import journal_span
    from cadence.store.db import close_journal, open_journal
    from cadence.ui.app import create_application
    from cadence.ui.bus import AppBus
    from cadence.ui.views.trends import TrendsView

    app = create_application()
    result, column = PartResult(), column_name(years)
    source = demo_journal(years)
    file = working_copy(source, folder / column)
    url, restore_s = restore_into(cluster, source, folder, cluster.new_journal())
    database_name = url.rsplit("/", 1)[1].split("?")[0]
    cluster.admin_sql("ANALYZE", database_name)
    result.details[f"restore of the {column} demo journal into the server (s)"] = restore_s
    today = date.today()

    def stats_ms(target) -> float:
        open_journal(target, quick_check=False)
        try:
            start, end = journal_span() or (today, today)
            return stopwatch_ms(lambda: compute_stats(start, end))
        finally:
            close_journal()

    times = interleaved_medians(
        {"file": lambda: stats_ms(file), "server": lambda: stats_ms(url)}, repeat
    )
    result.add(
        "cadence stats, whole journal: server ÷ file",
        column,
        Figure(times["server"], times["file"]),
    )

    switch: dict[str, dict[str, float]] = {}
    for engine, target in (("file", file), ("server", url)):
        open_journal(target, quick_check=False)
        try:
            view = TrendsView(AppBus())
            view.setMinimumSize(1110, 740)
            view.show()
            bt.settle(app)
            box, craft = view.range_chooser.preset_box, view.discipline_chooser
            bt.time_switch(app, box, craft, "all", None, 1)  # warm
            switch[engine] = {
                "kept": bt.time_switch(app, box, craft, "all", None, repeat),
                "after a write": bt.time_switch(
                    app, box, craft, "all", None, repeat, before=bt.touch_a_session
                ),
            }
            view.close()
            view.deleteLater()
            app.processEvents()
        finally:
            close_journal()
    for kind in ("kept", "after a write"):
        result.add(
            f"Trends switch to all years ({kind}): server ÷ file",
            column,
            Figure(switch["server"][kind], switch["file"][kind]),
        )
    result.details[f"Trends switch to all years, {column} (median ms)"] = {
        f"{engine}, {kind}": ms for engine, kinds in switch.items() for kind, ms in kinds.items()
    }
    return result


def copy_student(cluster, database: str, source: str, student: str, shift: int) -> None:
    """`source`'s sessions and stop-points as `student`'s, `shift` days earlier, by SQL (the
    overview reads only these two tables: blocks, gear and cycles are left out, and so the
    references to them)."""

    def columns(table: str) -> list[str]:
        rows = cluster.admin_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = "
            f"'{table}' AND column_name NOT IN ('id', 'owner') ORDER BY ordinal_position",
            database,
        )
        return [f'"{r[0]}"' for r in rows]

    session = columns("session")

    def picked(c: str) -> str:
        if c == '"local_date"':
            return f"{c} - {shift}"
        if c == '"started_at"':
            return f"{c} - interval '{shift} days'"
        return "NULL" if c.endswith('_id"') else c  # gear, cycle: the student's own or none

    picked_columns = ", ".join(picked(c) for c in session)
    stop = [c for c in columns("stop_point") if c not in ('"session_id"', '"block_id"')]
    cluster.admin_sql(
        f"""WITH copied AS (
              INSERT INTO session ({", ".join(session)}, owner)
              SELECT {picked_columns}, '{student}' FROM session WHERE owner = '{source}'
              ORDER BY id RETURNING id),
            pairs AS (
              SELECT o.id AS old, c.id AS new FROM
                (SELECT id, row_number() OVER (ORDER BY id) AS n FROM session
                 WHERE owner = '{source}') o
                JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM copied) c USING (n))
            INSERT INTO stop_point (session_id, {", ".join(stop)}, owner)
            SELECT pairs.new, {", ".join(f"p.{c}" for c in stop)}, '{student}'
            FROM stop_point p JOIN pairs ON pairs.old = p.session_id""",
        database,
    )


def overview(cluster, students: int, student_years: float, repeat: int, folder: Path) -> PartResult:
    """The teacher's overview of `students` students of `student_years` years each."""
    from cadence.services.studio import members as studio
    from cadence.services.studio.overview import _daily, _pain, _spans, _students, studio_wide
    from cadence.services.studio.overview import studio_overview as overview_of
    from cadence.store.db import close_journal, open_journal
    from cadence.store.models import database

    result = PartResult()
    name = cluster.new_database("studio")
    names = [f"s{i:02d}" for i in range(students)]
    open_journal(cluster.url(name))
    try:
        studio.init_studio()
        for who in names:
            studio.add_member(who, "student")
        studio.add_member(TEACHER, "teacher")
    finally:
        close_journal()
    began = time.perf_counter()
    restore_into(cluster, demo_journal(student_years), folder, name, names[0])
    for i, who in enumerate(names[1:], start=1):
        copy_student(cluster, name, names[0], who, shift=i % 7)
    cluster.admin_sql("ANALYZE", name)
    made_s = time.perf_counter() - began
    (sessions,) = cluster.admin_sql("SELECT count(*) FROM session", name)[0]
    today = date.today()
    open_journal(cluster.url(name, TEACHER))
    try:
        overview_of(today)  # warm

        def queries() -> None:
            with database.atomic("DEFERRED"), studio_wide():
                _students(), _daily(today), _spans(today), _pain(today)

        times = interleaved_medians(
            {
                "overview": lambda: stopwatch_ms(lambda: overview_of(today)),
                "queries": lambda: stopwatch_ms(queries),
            },
            repeat,
        )
        found = overview_of(today)
    finally:
        close_journal()
    column = f"{students}×{student_years:g}yrs"
    result.add(
        "studio overview, as the teacher: whole ÷ its 4 queries",
        column,
        Figure(times["overview"], times["queries"]),
    )
    result.details[f"studio overview, {column}"] = {
        "students": float(len(found.students)),
        "sessions in the studio": float(sessions),
        "overview (median ms)": times["overview"],
        "its queries alone (median ms)": times["queries"],
        "students needing attention": float(sum(1 for s in found.students if s.attention)),
        "studio made in (s)": made_s,
    }
    return result


def measure(
    years: list[float], students: int, student_years: float, repeat: int, folder: Path
) -> PartResult:
    from tests.pg_cluster import start_cluster

    cluster = start_cluster()
    try:
        result = PartResult()
        for size in years:
            part = stats_and_trends(cluster, size, repeat, folder / "engines")
            result.rows.update(part.rows)
            result.details.update(part.details)
        part = overview(cluster, students, student_years, repeat, folder / "studio")
        result.rows.update(part.rows)
        result.details.update(part.details)
        return result
    finally:
        cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=float, nargs="+", default=[10])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--student-years", type=float, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from common import details_text, table

    with tempfile.TemporaryDirectory(prefix="cadence-bench-studio-") as tmp:
        found = measure(args.years, args.students, args.student_years, args.repeat, Path(tmp))
    rows = {row: {c: f.as_dict() for c, f in cols.items()} for row, cols in found.rows.items()}
    print(table({"rows": rows}))
    print(details_text(found.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
