"""A dialog's message for what it could not save reads in the error colour, whichever view opened
it: every dialog's error line is the one `FieldError` (not a label of its own that took its colour
from the Today page's style, and so was black in a dialog opened elsewhere)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel
from tests.ui.test_day_scenarios import CTRL, key, settle

from cadence.domain.enums import Discipline
from cadence.domain.experiments import ExperimentDesign, ExperimentMeasure
from cadence.services.experiment import experiments as ex
from cadence.ui.dialogs.experiment_editor import ExperimentDialog
from cadence.ui.dialogs.studio_note import StudioNoteDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.views.experiments import ExperimentsView
from cadence.ui.widgets.common import ERROR_COLOUR

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen Qt, a dialog opening


def drawn_in(label: QLabel) -> str:
    label.ensurePolished()
    return label.palette().color(label.foregroundRole()).name().upper()


def test_the_experiment_dialogs_message_reads_in_the_error_colour(
    main_window: MainWindow, qtbot
) -> None:
    data = ex.ExperimentData(
        change="Breathe out before each run",
        discipline=Discipline.RUNNING,
        design=ExperimentDesign.ALTERNATE_DAYS,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 4, 26),
        measures=[ExperimentMeasure.INTENTIONS],
    )
    experiment_id, _ = ex.save_experiment(data)
    ex.end_early(experiment_id, date(2026, 3, 20))
    key(qtbot, main_window, Qt.Key.Key_0, CTRL)
    view = main_window.current_view()
    assert isinstance(view, ExperimentsView)
    dialog = ExperimentDialog(main_window.bus, ex.load_experiment(experiment_id), view)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.start.setDate(QDate(2026, 3, 23))  # after the day it ended: not saved, and said why
    qtbot.keyClick(dialog.change, Qt.Key.Key_Return)  # Enter saves
    settle()
    assert dialog.isVisible() and ex.load_experiment(experiment_id).start_date == date(2026, 3, 2)
    assert dialog.error.isVisible() and "cannot end before it starts" in dialog.error.text()
    assert drawn_in(dialog.error) == ERROR_COLOUR
    dialog.done(0)


def test_the_note_dialogs_message_reads_in_the_error_colour(main_window: MainWindow, qtbot) -> None:
    dialog = StudioNoteDialog(main_window.bus, "nina", main_window)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.text, "long tones")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle()  # Ctrl+Enter writes it; a personal journal has no studio to write notes in
    assert dialog.isVisible() and "between the members of a studio" in dialog.error.text()
    assert dialog.error.isVisible() and drawn_in(dialog.error) == ERROR_COLOUR
    assert QApplication.activeModalWidget() is None  # said in the dialog, not in an error box
    dialog.done(0)
