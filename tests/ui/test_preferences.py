from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from cadence.domain.enums import Discipline, ReflectionPrompt
from cadence.services.records.library import reflection_prompts
from cadence.services.records.preferences import load_preferences
from cadence.ui.dialogs.preferences import PreferencesDialog
from cadence.ui.main_window import MainWindow


# the offscreen platform cannot pass a dialog's size hints on; a real window system can
@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_preferences_are_typed_saved_and_shown(main_window: MainWindow, qtbot) -> None:
    dialog = PreferencesDialog(main_window.bus, main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Ada Lovelace")
    dialog.units.setFocus()
    qtbot.keyClick(dialog.units, Qt.Key.Key_Down)  # Kilometres -> Miles
    dialog.week_start.setCurrentIndex(6)
    qtbot.keyClicks(dialog.instruments, "piano, violin")
    went_well = dialog.findChild(
        QLineEdit, f"prompt-{Discipline.MUSIC}-{ReflectionPrompt.WENT_WELL}"
    )
    went_well.clear()
    qtbot.keyClicks(went_well, "What sang today?")
    let_go = dialog.findChild(QLineEdit, f"prompt-{Discipline.MUSIC}-{ReflectionPrompt.LET_GO}")
    let_go.clear()  # an emptied prompt falls back to the built-in question

    with qtbot.waitSignal(main_window.bus.changed):
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
            Qt.MouseButton.LeftButton,
        )

    prefs = load_preferences()
    assert (prefs.name, prefs.units, prefs.week_start) == ("Ada Lovelace", "mi", 6)
    assert prefs.instruments == ["piano", "violin"]
    music = dict(reflection_prompts(Discipline.MUSIC))
    assert music[ReflectionPrompt.WENT_WELL] == "What sang today?"
    assert music[ReflectionPrompt.LET_GO] == "Which wrong notes can you let go of?"
    assert dict(reflection_prompts(Discipline.RUNNING))[ReflectionPrompt.WENT_WELL] == (
        "What went well?"
    )
    assert " mi" in main_window.status_week.text()
