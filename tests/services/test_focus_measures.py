"""A focus target seen by accuracy, tempo or pace is followed in that measure, through the
sessions that worked on it; intentions met stay the fallback where those sessions hold none."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import Discipline, FocusGauge, Outcome
from cadence.domain.records import BlockData, IntentionData
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.records.library import add_focus, add_passage, add_piece
from cadence.services.reports.cycle import _progress
from cadence.services.season.focus_progress import focus_timeline
from cadence.store.models import Focus

DAY = date(2026, 10, 5)


def _focus(gauge: FocusGauge, discipline: Discipline = Discipline.MUSIC) -> int:
    focus_id, _ = add_focus("Even semiquavers", discipline)
    Focus.update(gauge=str(gauge)).where(Focus.id == focus_id).execute()
    return focus_id


def _served(focus_id: int, day: date, discipline=Discipline.MUSIC, **fields) -> int:
    intention = IntentionData("even", focus_id, Outcome.ACHIEVED)
    data = make_session(discipline, day=day, intentions=[intention], **fields)
    save_session(data)
    return data.id


def test_accuracy_per_session_of_the_sessions_serving_it(journal: Path) -> None:
    focus_id = _focus(FocusGauge.ACCURACY)
    _served(focus_id, DAY + timedelta(days=2), blocks=[BlockData("a", done_reps=10, clean_reps=9)])
    _served(
        focus_id,
        DAY,
        blocks=[
            BlockData("a", done_reps=8, clean_reps=4),
            BlockData("b", done_reps=2, clean_reps=1),
            BlockData("no clean count", done_reps=5),
        ],
    )
    gone = _served(focus_id, DAY + timedelta(days=1), blocks=[BlockData("a", 1, 1, 0)])
    trash_sessions([gone])
    save_session(make_session(day=DAY, blocks=[BlockData("not for it", done_reps=4, clean_reps=0)]))
    timeline = focus_timeline(focus_id)
    [series] = timeline.measured
    assert series.days == [DAY, DAY + timedelta(days=2)]
    assert series.values == [0.5, 0.9]
    assert _progress(FocusGauge.ACCURACY, timeline) == "accuracy 50% → 90% (2 sessions)"


def test_the_best_clean_tempo_of_the_passage_worked_on_most(journal: Path) -> None:
    piece, _ = add_piece("Nocturne")
    main, _ = add_passage(piece, "Bars 33-48", target_bpm=96)
    other, _ = add_passage(piece, "Coda")
    focus_id = _focus(FocusGauge.TEMPO)
    for n, bpm in enumerate((72, 80, 84)):
        blocks = [
            BlockData("fast", done_reps=3, clean_reps=2, achieved_bpm=bpm, passage_id=main),
            BlockData(
                "faster, no clean", done_reps=3, clean_reps=0, achieved_bpm=120, passage_id=main
            ),
        ]
        if n == 0:
            blocks.append(BlockData("coda", 2, 2, 2, achieved_bpm=60, passage_id=other))
        _served(focus_id, DAY + timedelta(days=n), blocks=blocks)
    timeline = focus_timeline(focus_id)
    first, second = timeline.measured
    assert (first.label, first.values, first.target) == ("Bars 33-48 (Nocturne)", [72, 80, 84], 96)
    assert (second.label, second.values) == ("Coda (Nocturne)", [60])
    assert _progress(FocusGauge.TEMPO, timeline) == (
        "Bars 33-48 (Nocturne): best clean 72 → 84 BPM (3 sessions, target 96)"
    )


def test_the_pace_of_the_runs_serving_it_moving_when_known(journal: Path) -> None:
    focus_id = _focus(FocusGauge.PACE, Discipline.RUNNING)
    _served(focus_id, DAY, Discipline.RUNNING, minutes=60, distance_m=10_000, moving_s=3300)
    _served(focus_id, DAY + timedelta(days=7), Discipline.RUNNING, minutes=50, distance_m=10_000)
    _served(focus_id, DAY + timedelta(days=8), Discipline.RUNNING, minutes=30)  # no distance
    timeline = focus_timeline(focus_id)
    [series] = timeline.measured
    assert series.days == [DAY, DAY + timedelta(days=7)]
    assert series.values == pytest.approx([330, 300])
    assert _progress(FocusGauge.PACE, timeline) == "pace 5:30 → 5:00 /km (2 runs)"
    assert _progress(FocusGauge.PACE, timeline, "mi") == "pace 8:51 → 8:03 /mi (2 runs)"


@pytest.mark.parametrize("gauge", [FocusGauge.ACCURACY, FocusGauge.TEMPO, FocusGauge.PACE])
def test_without_the_measure_intentions_met_are_the_fallback(
    journal: Path, gauge: FocusGauge
) -> None:
    focus_id = _focus(gauge)
    _served(focus_id, DAY)  # no blocks, no distance
    timeline = focus_timeline(focus_id)
    assert timeline.measured == []
    assert _progress(gauge, timeline) == "met 100% of 1 rated intentions"


def test_other_gauges_are_not_measured(journal: Path) -> None:
    focus_id = _focus(FocusGauge.INTENTIONS)
    _served(focus_id, DAY, blocks=[BlockData("a", done_reps=10, clean_reps=9)])
    assert focus_timeline(focus_id).measured == []
