"""Slips in `cadence stats --json`: per discipline and together, worked by hand, and the same
numbers and sentence the reports print."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import Discipline, SessionKind
from cadence.domain.records import BlockData, SlipData
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.reports.build import ReportSpec, build_report
from cadence.services.stats.compute import compute_stats

MONDAY = date(2026, 3, 2)


def _slips(*spec: tuple) -> list[SlipData]:
    return [
        SlipData(elapsed_s=60.0, rep_index=1, let_go=g, reps_after=a, good_after=ok)
        for g, a, ok in spec
    ]


def test_slips_per_session_let_go_and_recovered_for_the_range(journal: Path) -> None:
    blocks = [BlockData(label="Etude", done_reps=8)]
    # week 1: two music sessions, 3 slips; week 2: one music session with 1 slip, one without
    save_session(make_session(day=MONDAY, blocks=blocks,
                              slips=_slips((True, 6, 4), (False, 2, 0))))  # fmt: skip
    save_session(make_session(day=MONDAY.replace(day=4), blocks=blocks,
                              slips=_slips((None, 3, 3))))  # fmt: skip
    save_session(make_session(day=MONDAY.replace(day=10), blocks=blocks,
                              slips=_slips((True, 0, 0))))  # fmt: skip
    save_session(make_session(day=MONDAY.replace(day=11)))
    run = make_session(Discipline.RUNNING, SessionKind.INTERVALS, day=MONDAY.replace(day=5),
                       slips=_slips((True, 11, 11)))  # fmt: skip
    save_session(run)
    gone = make_session(day=MONDAY.replace(day=6), slips=_slips((False, 1, 0)))
    save_session(gone)
    trash_sessions([gone.id])  # the trash counts nowhere

    report = compute_stats(MONDAY, MONDAY.replace(day=15))
    slips = json.loads(json.dumps(report.to_json()))["slips"]
    assert slips["weeks"] == ["2026-03-02", "2026-03-09"]
    music, running, both = (slips["by_key"][k] for k in ("music", "running", "all"))
    # music: 4 slips in 4 sessions; let go 2 of 3 answered; recovered 2 of 3 judged
    # (4 of 6 yes; 0 of 2 no; 3 of 3 yes; the last ended the session: not judged)
    assert (music["sessions"], music["slips"], music["per_session"]) == (4, 4, 1.0)
    assert (music["let_go"], music["answered"]) == (2, 3)
    assert music["let_go_share"] == pytest.approx(2 / 3)
    assert (music["recovered"], music["judged"]) == (2, 3)
    assert music["recovered_share"] == pytest.approx(2 / 3)
    assert music["per_week"] == [3, 1]
    assert (running["sessions"], running["slips"], running["per_week"]) == (1, 1, [1, 0])
    assert (both["sessions"], both["slips"], both["let_go"], both["answered"]) == (5, 5, 3, 4)
    assert (both["recovered"], both["judged"], both["per_week"]) == (3, 4, [4, 1])
    assert both["per_session"] == pytest.approx(1.0)

    # the reports print the same numbers, in the same sentence
    content = build_report(ReportSpec(MONDAY, MONDAY.replace(day=15)), today=MONDAY)
    assert {s.discipline.value for s in content.sections} == {"music", "running"}
    for section in content.sections:
        assert section.stops.slips == slips["by_key"][section.discipline.value]["sentence"]
    assert music["sentence"] == (
        "4 slips in 4 sessions (1.0 per session); let go: 2 of 3 answered; recovered: 2 of 3."
    )
