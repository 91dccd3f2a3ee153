"""The focus target's chart draws the target's own measure — accuracy per session, the best clean
tempo of a passage against its target, a run's pace in minutes and seconds — and, where those
sessions hold none of it, the intentions serving it met per week."""

from __future__ import annotations

import html
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_session

from cadence.domain.enums import Discipline, FocusGauge, Outcome
from cadence.domain.records import BlockData, IntentionData
from cadence.services.records.journal import save_session
from cadence.services.records.library import add_focus, add_passage, add_piece
from cadence.services.season.focus_progress import focus_timeline
from cadence.store.models import Focus
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.focus_target import draw_focus_target

DAY = date(2026, 10, 5)


def _focus(gauge: FocusGauge, discipline: Discipline) -> int:
    focus_id, _ = add_focus("Steady", discipline)
    Focus.update(gauge=str(gauge)).where(Focus.id == focus_id).execute()
    return focus_id


def _served(focus_id: int, day: date, discipline: Discipline, **fields) -> None:
    intention = IntentionData("steady", focus_id, Outcome.ACHIEVED)
    save_session(make_session(discipline, day=day, intentions=[intention], **fields))


def _drawn(qtbot, focus_id: int, units: str = "km") -> Chart:
    chart = Chart()
    qtbot.addWidget(chart)
    draw_focus_target(chart, focus_timeline(focus_id), today=DAY + timedelta(days=30), units=units)
    return chart


def _title(chart: Chart) -> str:
    return html.unescape(chart._title_html.replace("&nbsp;", " "))


def _ys(chart: Chart, name: str) -> list[float]:
    return chart.series[name].getData()[1].tolist()


def test_accuracy_is_drawn_per_session(qtbot, journal: Path) -> None:
    focus_id = _focus(FocusGauge.ACCURACY, Discipline.MUSIC)
    for n, clean in enumerate((5, 7, 9)):
        blocks = [BlockData("a", done_reps=10, clean_reps=clean)]
        _served(focus_id, DAY + timedelta(days=n), Discipline.MUSIC, blocks=blocks)
    chart = _drawn(qtbot, focus_id)
    assert "Steady: accuracy of the sessions serving it (%)" in _title(chart)
    assert _ys(chart, "measured") == pytest.approx([50, 70, 90])
    assert "met" not in chart.series


def test_tempo_is_drawn_for_the_passage_against_its_target(qtbot, journal: Path) -> None:
    piece, _ = add_piece("Nocturne")
    passage, _ = add_passage(piece, "Bars 33-48", target_bpm=96)
    focus_id = _focus(FocusGauge.TEMPO, Discipline.MUSIC)
    for n, bpm in enumerate((72, 80)):
        block = BlockData("b", done_reps=3, clean_reps=2, achieved_bpm=bpm, passage_id=passage)
        _served(focus_id, DAY + timedelta(days=n), Discipline.MUSIC, blocks=[block])
    chart = _drawn(qtbot, focus_id)
    assert "best clean tempo of Bars 33-48 (Nocturne) (BPM)" in _title(chart)
    assert _ys(chart, "measured") == [72, 80]
    assert chart.series["target"].value() == 96


def test_pace_is_drawn_in_minutes_and_seconds_per_km_or_mile(qtbot, journal: Path) -> None:
    focus_id = _focus(FocusGauge.PACE, Discipline.RUNNING)
    _served(focus_id, DAY, Discipline.RUNNING, minutes=55, distance_m=10_000)
    _served(focus_id, DAY + timedelta(days=7), Discipline.RUNNING, minutes=50, distance_m=10_000)
    chart = _drawn(qtbot, focus_id)
    assert "pace of the runs serving it (min per km, lower is faster)" in _title(chart)
    assert _ys(chart, "measured") == pytest.approx([330, 300])
    ticks = chart.plot_item.getAxis("left")._tickLevels[0]
    assert {"5:00", "5:30"} <= {label for _, label in ticks}
    miles = _drawn(qtbot, focus_id, units="mi")
    assert "min per mi" in _title(miles)
    assert np.allclose(_ys(miles, "measured"), [330 * 1.609344, 300 * 1.609344])


@pytest.mark.parametrize(
    ("gauge", "missing"),
    [
        (FocusGauge.ACCURACY, "no clean reps counted yet"),
        (FocusGauge.TEMPO, "no clean tempo recorded yet"),
        (FocusGauge.PACE, "no run with a distance yet"),
    ],
)
def test_without_the_measure_intentions_met_per_week_are_drawn(
    qtbot, journal: Path, gauge: FocusGauge, missing: str
) -> None:
    focus_id = _focus(gauge, Discipline.MUSIC)
    _served(focus_id, DAY, Discipline.MUSIC)
    chart = _drawn(qtbot, focus_id)
    assert f"intentions serving it met, per week (%) ({missing})" in _title(chart)
    assert _ys(chart, "met") == [100]
    assert "measured" not in chart.series
