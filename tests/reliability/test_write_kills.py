"""A kill at any step of writing a file leaves the earlier file or the new one, whole, and
nothing beside it that the next write does not sweep away: exports (JSON, iCalendar) killed at
chosen steps in a forked child, and `cadence report` killed at random moments."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for
from tests.reliability.harness import SOAK, child_env, finish, record, scale, spawn

from cadence.domain.enums import SessionStatus
from cadence.services.records.journal import save_session
from cadence.store.db import close_journal, open_journal
from cadence.store.files import check_pdf, sweep_temporaries

STEPS, TAIL = scale(8, 400), scale(12, 60)


def _journal(path: Path, first: int, count: int) -> Path:
    open_journal(path)
    try:
        for number in range(first, first + count):
            session = session_for(number, 0)
            if number % 5 == 0:  # some plans, for the calendar
                session.status = SessionStatus.PLANNED
                shift = date(2027, 1, 1) + timedelta(days=number) - session.local_date
                session.local_date += shift
                session.started_at += shift
            save_session(session)
    finally:
        close_journal()
    return path


@pytest.mark.soak
@pytest.mark.parametrize(
    "kind", ["json", pytest.param("ics", marks=pytest.mark.skipif(not SOAK, reason="soak only"))]
)
def test_a_kill_at_any_step_of_an_export_leaves_the_earlier_file_or_the_new_one(
    tmp_path: Path, kind: str
) -> None:
    journal = _journal(tmp_path / "journal.sqlite", 0, 30)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"export.{kind}"
    earlier = tmp_path / f"earlier.{kind}"
    new = tmp_path / f"new.{kind}"
    counted = spawn("export_and_die.py", str(journal), str(earlier), kind, "count")
    finish(counted, timeout=60)
    _journal(journal, 30, 30)
    counted = spawn("export_and_die.py", str(journal), str(new), kind, "count")
    steps = json.loads(finish(counted, timeout=60)[0])["steps"]
    assert earlier.read_bytes() != new.read_bytes()
    # every step near the end (the fsync, the check, the rename), and the rest spread evenly
    tail = list(range(max(1, steps - TAIL), steps + 1))
    spread = sorted({1 + (steps * i) // STEPS for i in range(STEPS)} | set(tail))
    child = spawn(
        "export_and_die.py",
        str(journal),
        str(out),
        kind,
        str(earlier),
        str(new),
        *map(str, spread),
    )
    results = [json.loads(line) for line in finish(child, timeout=300)[0].splitlines()]
    assert len(results) == len(spread)
    assert [r for r in results if r["state"] not in ("earlier", "new") or r["left"]] == []
    states = [r["state"] for r in results if r["killed"]]
    assert "earlier" in states
    record(
        f"export_kills_{kind}",
        steps_in_one_export=steps,
        kills=len(states),
        earlier_file_whole=states.count("earlier"),
        new_file_whole=states.count("new"),
        torn_files=0,
        partial_files_left=0,
    )


@pytest.mark.soak
@pytest.mark.skipif(not SOAK, reason="soak only: test_write_faults covers the report's write")
def test_a_report_killed_at_random_moments_leaves_the_earlier_pdf_or_the_new_one(
    tmp_path: Path,
) -> None:
    journal = _journal(tmp_path / "journal.sqlite", 0, 40)
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    args = [
        sys.executable,
        "-m",
        "cadence",
        "report",
        "--from",
        "2020-01-01",
        "--to",
        "2020-03-31",
        "--pdf",
        str(out),
        "--db",
        str(journal),
    ]
    started = time.monotonic()
    subprocess.run(args, env=child_env(), check=True, capture_output=True, timeout=120)
    took = time.monotonic() - started
    earlier = out.read_bytes()
    rng = random.Random(20261203)
    kills = 40
    states = {"earlier": 0, "new": 0}
    for _ in range(kills):
        out.write_bytes(earlier)
        proc = subprocess.Popen(
            args, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.5, 1.1) * took)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        sweep_temporaries(out.parent, older_than=0, of=out.name)
        assert sorted(p.name for p in out.parent.iterdir()) == ["report.pdf"]
        if out.read_bytes() == earlier:
            states["earlier"] += 1
        else:
            check_pdf(out)  # a complete PDF, never a torn one
            states["new"] += 1
    record(
        "report_kills",
        kills=kills,
        earlier_pdf_whole=states["earlier"],
        new_pdf_whole=states["new"],
        torn=0,
    )
