"""'Smile after a wrong note' through the real main window: an experiment on the slips made in its
dialog, ten sessions run through Today in both arms with the slips logged by Ctrl+L and answered
in the reflection, and the result read in the view and in `cadence experiments --json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
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
from tests.ui.test_today import FakeClock

from cadence.domain.experiments import ExperimentMeasure
from cadence.services.experiment import experiments as ex
from cadence.services.experiment.experiment_results import experiment_results, table_rows
from cadence.services.records.journal import load_session
from cadence.services.today import sessions_on
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import REFLECT, SETUP
from cadence.ui.views.experiments import ExperimentsView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
SLIP_MEASURES = [
    ExperimentMeasure.SLIPS,
    ExperimentMeasure.SLIPS_LET_GO,
    ExperimentMeasure.SLIPS_RECOVERED,
]


def _session(window: MainWindow, qtbot, view, clock: FakeClock, smile: bool) -> None:
    """The reminder taken as the intention; one clean rep, a slip by key, two reps after it
    (clean with the smile, not clean yet without), and the reflection's let-go answered."""
    click(view.panel.setup.experiment.button)
    press(qtbot, window, "timer", "clean")
    clock.advance(2)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_L, CTRL)  # the slip
    settle()
    press(qtbot, window, *(("clean", "clean") if smile else ("attempt", "attempt")))
    clock.advance(2)
    press(qtbot, window, "stop")
    assert view.panel.step == REFLECT
    (combo,) = view.panel.reflection.slips.combos
    combo.setFocus()
    key(qtbot, window, Qt.Key.Key_Down)  # "Yes, let go"
    if not smile:
        key(qtbot, window, Qt.Key.Key_Down)  # "Not yet"
    press(qtbot, window, "save")
    assert view.panel.step == SETUP


def test_smile_after_a_wrong_note_measured_on_the_slips(
    main_window: MainWindow, qtbot, journal: Path
) -> None:
    key(qtbot, main_window, Qt.Key.Key_0, CTRL)
    view = main_window.current_view()
    assert isinstance(view, ExperimentsView)
    key(qtbot, main_window, Qt.Key.Key_X, CTRL | SHIFT)
    dialog = view.dialog
    type_here(qtbot, main_window, "Smile after a wrong note")
    for measure in SLIP_MEASURES:
        assert dialog.measure_boxes[measure].isEnabled()  # a music measure
        click(dialog.measure_boxes[measure])
    dialog.design.setFocus()
    key(qtbot, main_window, Qt.Key.Key_Down)
    key(qtbot, main_window, Qt.Key.Key_Down)  # alternating by session
    key(qtbot, main_window, Qt.Key.Key_Return)
    dialog_closed(qtbot, main_window)
    [made] = ex.experiments()
    assert made.measures == SLIP_MEASURES

    todays = today(main_window, qtbot)
    clock = FakeClock()
    todays.panel.stopwatch.clock = clock
    for i in range(10):
        _session(main_window, qtbot, todays, clock, smile=i % 2 == 0)
        settle()
    saved = [load_session(line.id) for line in sessions_on(date.today())]
    arms = ex.arms_of(made.id)
    assert [arms[s.id].value for s in saved] == ["change", "usual"] * 5
    assert [(s.slips[0].let_go, s.slips[0].reps_after, s.slips[0].good_after) for s in saved] == [
        (True, 2, 2),
        (False, 2, 0),
    ] * 5

    key(qtbot, main_window, Qt.Key.Key_0, CTRL)
    [result] = experiment_results()
    cells = [
        [view.table.item(r, c).text() for c in range(view.table.columnCount())]
        for r in range(view.table.rowCount())
    ]
    assert cells == table_rows(result)
    assert [row[0] for row in cells] == [
        "slips per session",
        "slips let go",
        "recovered after a slip",
    ]
    assert cells[0][1:4] == ["1.0", "1.0", "0.0"]  # one slip in every session: no difference
    assert cells[1][1:6] == ["0 %", "100 %", "+100 points", "+100 to +100 points", "5 vs 5"]
    assert cells[2][1:6] == ["0 %", "100 %", "+100 points", "+100 to +100 points", "5 vs 5"]
    assert result.summary == (
        "Can't tell on slips per session; clearly better on slips let go; "
        "clearly better on recovered after a slip"
    )
    assert result.summary in view.summary.text()

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
