"""Experiments through the real main window: made in its dialog, sessions run in both arms through
Today, and the result read in the view and in `cadence experiments --json` (the same numbers)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tests.ui.test_day_scenarios import (
    CTRL,
    SHIFT,
    click,
    dialog_closed,
    key,
    press,
    settle,
    today,
    type_here,
)

from cadence.domain.experiments import ExperimentMeasure
from cadence.domain.titles import day_words
from cadence.services.experiment import experiments as ex
from cadence.services.experiment.experiment_results import experiment_results, table_rows
from cadence.services.records import journal as journal_service
from cadence.services.today import sessions_on
from cadence.ui.dialogs.experiment_editor import ExperimentDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import REFLECT, SETUP
from cadence.ui.views.experiments import ExperimentsView

CHANGE = "Smile after a wrong note"
# the offscreen platform's note when a dialog opens (as in the Seasons view's tests)
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _new_experiment(window: MainWindow, qtbot) -> ExperimentsView:
    key(qtbot, window, Qt.Key.Key_0, CTRL)
    view = window.current_view()
    assert isinstance(view, ExperimentsView)
    assert view.empty.isVisible()
    key(qtbot, window, Qt.Key.Key_X, CTRL | SHIFT)
    dialog = view.dialog
    assert isinstance(dialog, ExperimentDialog)
    assert QApplication.focusWidget() is dialog.change
    type_here(qtbot, window, CHANGE)
    click(dialog.measure_boxes[ExperimentMeasure.INTENTIONS])
    dialog.design.setFocus()
    key(qtbot, window, Qt.Key.Key_Down)  # alternating by day
    key(qtbot, window, Qt.Key.Key_Down)  # alternating by session
    key(qtbot, window, Qt.Key.Key_Return)  # Save
    dialog_closed(qtbot, window)
    assert view.dialog is None
    return view


def _session(window: MainWindow, qtbot, view, met: bool) -> str:
    """One session: the reminder as its intention, started, stopped, rated, saved."""
    setup = view.panel.setup
    assert setup.experiment.isVisible()
    said = setup.experiment.label.text()
    click(setup.experiment.button)
    press(qtbot, window, "timer", "stop")
    assert view.panel.step == REFLECT
    if met:
        key(qtbot, window, Qt.Key.Key_Space)  # achieved
    else:
        key(qtbot, window, Qt.Key.Key_Right)
        key(qtbot, window, Qt.Key.Key_Right)
        key(qtbot, window, Qt.Key.Key_Space)  # missed
    press(qtbot, window, "save")
    assert view.panel.step == SETUP
    return said


def test_an_experiment_made_and_run_through_the_window(
    main_window: MainWindow, qtbot, journal: Path
) -> None:
    view = _new_experiment(main_window, qtbot)
    [made] = ex.experiments()
    assert (made.change, made.design.value, made.measures) == (
        CHANGE,
        "alternate_sessions",
        [ExperimentMeasure.INTENTIONS],
    )
    assert (made.start_date, made.end_date) == (date.today(), date.today() + timedelta(days=27))
    assert view.tree.topLevelItemCount() == 1

    todays = today(main_window, qtbot)
    said = []
    for i in range(10):  # A, B, A, B ...: the change met its intention, the usual way did not
        said.append(_session(main_window, qtbot, todays, met=i % 2 == 0))
        settle()
    assert said[0].startswith(f"Experiment: today's session is A, with the change “{CHANGE}”")
    assert said[1].startswith("Experiment: today's session is B, the usual way")
    saved = [journal_service.load_session(line.id) for line in sessions_on(date.today())]
    arms = ex.arms_of(made.id)
    assert [arms[s.id].value for s in saved] == ["change", "usual"] * 5
    assert [s.intentions[0].outcome.value for s in saved] == ["achieved", "missed"] * 5
    assert [s.intentions[0].text for s in saved[:2]] == [
        f"A: {CHANGE}",
        f"B: the usual way (not: {CHANGE})",
    ]

    key(qtbot, main_window, Qt.Key.Key_0, CTRL)
    assert main_window.current_view() is view
    [result] = experiment_results()
    assert result.summary == "Clearly better on intentions met"
    cells = [
        [view.table.item(r, c).text() for c in range(view.table.columnCount())]
        for r in range(view.table.rowCount())
    ]
    assert cells == table_rows(result)
    assert cells[0][1:6] == ["0 %", "100 %", "+100 points", "+100 to +100 points", "5 vs 5"]
    assert "Clearly better on intentions met." in view.summary.text()

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run(
        [sys.executable, "-m", "cadence", "experiments", "--db", str(journal), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    [printed] = json.loads(out)["experiments"]
    assert printed == json.loads(json.dumps(result.to_json()))
    assert printed["measures"][0]["interval_90"] == [1.0, 1.0]
    assert printed["n_usual"] == printed["n_change"] == 5


def test_the_dialog_says_what_is_missing_and_saves_nothing(main_window: MainWindow, qtbot) -> None:
    key(qtbot, main_window, Qt.Key.Key_0, CTRL)
    view = main_window.current_view()
    key(qtbot, main_window, Qt.Key.Key_X, CTRL | SHIFT)
    dialog = view.dialog
    key(qtbot, main_window, Qt.Key.Key_Return)  # Save with nothing typed
    assert view.dialog is dialog and dialog.isVisible()
    assert dialog.fields["change"].error.text() == "Write the change, in words"
    assert dialog.fields["measures"].error.text() == (
        "Choose at least one measure that should tell whether it helps"
    )
    assert not dialog.measure_boxes[ExperimentMeasure.PACE].isVisible()  # a running measure
    dialog.craft.setCurrentIndex(1)  # running
    assert dialog.measure_boxes[ExperimentMeasure.PACE].isVisible()
    assert not dialog.measure_boxes[ExperimentMeasure.ACCURACY].isVisible()
    assert ex.experiments() == []
    dialog.done(0)
    dialog_closed(qtbot, main_window)


def test_end_early_then_conclude_from_the_view(main_window: MainWindow, qtbot) -> None:
    ex.save_experiment(
        ex.ExperimentData(
            change=CHANGE,
            discipline="music",
            design="before_after",
            start_date=date.today() - timedelta(days=3),
            end_date=date.today() + timedelta(days=20),
            measures=[ExperimentMeasure.FOCUS],
        )
    )
    key(qtbot, main_window, Qt.Key.Key_0, CTRL)
    view = main_window.current_view()
    view.refresh_now()
    assert view.end_button.isEnabled()
    click(view.end_button)
    [ended] = ex.experiments()
    assert ended.ended_on == date.today()
    assert view.tree.topLevelItem(0).text(3) == (
        f"ended early on {day_words(date.today())} (before / after); conclude it"
    )
    click(view.conclude_button)
    dialog = view.dialog
    assert QApplication.focusWidget() is dialog.choice
    key(qtbot, main_window, Qt.Key.Key_Down)  # drop it
    dialog.note.setFocus()
    type_here(qtbot, main_window, "no calmer")
    key(qtbot, main_window, Qt.Key.Key_Return)
    dialog_closed(qtbot, main_window)
    [done] = ex.experiments()
    assert (done.conclusion.value, done.conclusion_note) == ("drop", "no calmer")
    assert view.tree.topLevelItem(0).text(3) == "concluded: drop it (no calmer)"
    assert not view.end_button.isEnabled()


def test_the_shortcut_sheet_lists_its_keys_once(main_window: MainWindow) -> None:
    from PySide6.QtGui import QKeySequence

    from cadence.ui.dialogs.help import shortcut_rows

    rows = shortcut_rows(main_window)
    keys = [k for _, _, k in rows]
    native = QKeySequence.SequenceFormat.NativeText
    for wanted in ("Ctrl+0", "Ctrl+Shift+X"):
        assert keys.count(QKeySequence(wanted).toString(native)) == 1, wanted
    assert ("Experiments", "New experiment", QKeySequence("Ctrl+Shift+X").toString(native)) in rows


def test_the_passage_choice_is_one_query_and_leaves_shelved_pieces_out(
    main_window: MainWindow, qtbot
) -> None:
    """The experiment's passage picker offers what every passage picker offers (the Today plan's,
    the editor's blocks): one query for the whole repertoire, shelved pieces left out but for
    the passage already chosen."""
    from cadence.domain.enums import Discipline
    from cadence.domain.experiments import ExperimentDesign, ExperimentScope
    from cadence.services.records import library
    from cadence.store.models import database

    passage_ids = {}
    pieces = (("Sonata", "learning"), ("Etude", "learning"), ("Old waltz", "shelved"))
    for title, status in pieces:
        piece_id, _ = library.add_piece(title, "", status)
        for n in (1, 2):
            passage_ids[title, n], _ = library.add_passage(piece_id, f"part {n}", "", None, None)
    dialog = ExperimentDialog(main_window.bus, parent=main_window)
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        dialog.scope.setCurrentIndex(dialog.scope.findData(ExperimentScope.PASSAGE))
    finally:
        connection.set_trace_callback(None)
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1
    offered = [dialog.scope_choice.itemText(i) for i in range(dialog.scope_choice.count())]
    assert offered == ["Etude: part 1", "Etude: part 2", "Sonata: part 1", "Sonata: part 2"]

    chosen = ex.ExperimentData(
        change=CHANGE,
        discipline=Discipline.MUSIC,
        design=ExperimentDesign.BEFORE_AFTER,
        start_date=date.today(),
        end_date=date.today() + timedelta(days=27),
        measures=[ExperimentMeasure.INTENTIONS],
        scope=ExperimentScope.PASSAGE,
        scope_value=str(passage_ids["Old waltz", 2]),
    )
    editing = ExperimentDialog(main_window.bus, chosen, parent=main_window)
    assert editing.scope_choice.currentText() == "Old waltz: part 2"  # kept, though shelved
    assert editing.scope_choice.count() == 5
    dialog.deleteLater()
    editing.deleteLater()
