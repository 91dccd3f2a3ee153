"""The session editor's part of the season: the demands a session rehearsed (Intentions &
stop-points tab) and its focus-target ratings (Reflection tab), with Today's widgets; shown as
saved, changed, saved again; a change of date offers the demands of that date's coming events."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from tests.conftest import make_session
from tests.ui.test_session_editor import click_tab, open_editor

from cadence.domain.enums import Discipline, EventKind, EventPriority, FocusGauge
from cadence.domain.records import FocusScoreData, RehearsalData
from cadence.domain.seasons import CycleData, Demand, EventData, FocusData
from cadence.services.records.journal import load_session, save_session
from cadence.services.season import seasons
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.event_editor import qdate
from cadence.ui.dialogs.session_editor import PURPOSE, REFLECTION

RECITAL = date(2026, 5, 2)


def test_the_editor_shows_changes_and_saves_a_sessions_season_links(
    qtbot, journal: Path, bus: AppBus
) -> None:
    event_id, _ = seasons.save_event(
        EventData(
            "Spring recital",
            EventKind.RECITAL,
            RECITAL,
            Discipline.MUSIC,
            EventPriority.A,
            demands=[Demand("Programme", "In order"), Demand("Dress", "Concert shoes")],
        )
    )
    cycle_id, _ = seasons.save_cycle(
        CycleData(
            name="Recital cycle",
            start=date(2026, 2, 1),
            end=RECITAL,
            discipline=Discipline.MUSIC,
            event_id=event_id,
            focuses=[
                FocusData("Relaxed shoulders", gauge=FocusGauge.RATING),
                FocusData("Even semiquavers", gauge=FocusGauge.INTENTIONS),
            ],
        )
    )
    shoulders = seasons.focuses_of(cycle_id)[0].id
    session = make_session(
        day=date(2026, 4, 20),
        rehearsals=[RehearsalData(event_id, "Dress")],
        focus_ratings=[FocusScoreData(shoulders, 2)],
    )
    save_session(session)

    editor = open_editor(qtbot, bus, session.id)
    click_tab(qtbot, editor, PURPOSE)
    picker = editor.demands
    assert picker.isVisible()
    assert [(a.text(), a.isChecked()) for a, _ in picker.actions_] == [
        ("Programme: In order", False),
        ("Dress: Concert shoes", True),
    ]
    assert "Rehearses Dress for Spring recital" in picker.summary.text()
    assert not editor.is_dirty()
    picker.actions_[0][0].trigger()  # the programme was played in order too
    click_tab(qtbot, editor, REFLECTION)
    ratings = editor.focus_ratings
    assert ratings.isVisible() and [t.title for t, _, _ in ratings.rows] == ["Relaxed shoulders"]
    assert ratings.combos()[0].value() == 2
    ratings.combos()[0].set_value(3)
    assert editor.is_dirty()
    with qtbot.waitSignal(bus.changed):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load_session(session.id)
    assert saved.rehearsals == [
        RehearsalData(event_id, "Programme"),
        RehearsalData(event_id, "Dress"),
    ]
    assert saved.focus_ratings == [FocusScoreData(shoulders, 3)]


def test_a_new_session_is_offered_the_demands_of_its_own_date(
    qtbot, journal: Path, bus: AppBus
) -> None:
    seasons.save_event(
        EventData(
            "Spring recital",
            EventKind.RECITAL,
            RECITAL,
            Discipline.MUSIC,
            demands=[Demand("Programme", "In order")],
        )
    )
    editor = open_editor(qtbot, bus, None, day=date(2026, 1, 2))  # over twelve weeks before
    assert editor.demands.isHidden()
    editor.general.day.setDate(qdate(date(2026, 4, 1)))
    assert not editor.demands.isHidden() and len(editor.demands.actions_) == 1
    editor.general.day.setDate(qdate(date(2026, 5, 3)))  # the day after: nothing to rehearse
    assert editor.demands.isHidden()
