"""Preferences of the journal: name, units, first day of the week, instruments, teacher, coach;
and of this computer: which journal on a server to open (docs/studio.md)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline
from cadence.domain.prompts import DEFAULT_PROMPTS
from cadence.services.changes import Changes
from cadence.services.records.library import reflection_prompts, set_reflection_prompts
from cadence.services.records.preferences import Preferences, load_preferences, save_preferences
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.entry import EntryDialog
from cadence.ui.settings import WindowState
from cadence.ui.studio_window import server_address_problem
from cadence.ui.widgets.fields import FieldError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PreferencesDialog(EntryDialog):
    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.setWindowTitle(self.tr("Preferences"))
        prefs = load_preferences()
        self.name = QLineEdit(prefs.name)
        self.name.setPlaceholderText(self.tr("Shown on printed reports"))
        self.units = QComboBox()
        self.units.addItem(self.tr("Kilometres"), "km")
        self.units.addItem(self.tr("Miles"), "mi")
        self.units.setCurrentIndex(0 if prefs.units == "km" else 1)
        self.week_start = QComboBox()
        for day in WEEKDAYS:
            self.week_start.addItem(self.tr(day))
        self.week_start.setCurrentIndex(prefs.week_start)
        self.instruments = QLineEdit(", ".join(prefs.instruments))
        self.instruments.setPlaceholderText(self.tr("e.g. piano, violin"))
        self.teacher = QLineEdit(prefs.teacher)
        self.coach = QLineEdit(prefs.coach)
        self.window_state = getattr(parent, "window_state", None) or WindowState()
        self.server = QLineEdit(self.window_state.server_journal())
        self.server.setObjectName("ServerJournal")
        self.server.setPlaceholderText(self.tr("Empty: the journal file on this computer"))
        self.server.setToolTip(
            self.tr(
                "A studio's or team's journal on a PostgreSQL server, e.g. "
                "postgresql://alice@db.example/studio. The password stays out of it: in "
                "~/.pgpass or PGPASSWORD. --db and CADENCE_DB come first."
            )
        )
        # the reflection prompts asked after a session, per discipline (an emptied line falls
        # back to the built-in question)
        self.prompt_edits: dict[Discipline, list[QLineEdit]] = {}
        prompt_boxes = QHBoxLayout()
        for discipline, title in (
            (Discipline.MUSIC, self.tr("Prompts after music")),
            (Discipline.RUNNING, self.tr("Prompts after a run")),
        ):
            box = QGroupBox(title)
            box_form = QFormLayout(box)
            edits = []
            for prompt, text in reflection_prompts(discipline):
                edit = QLineEdit(text)
                edit.setObjectName(f"prompt-{discipline}-{prompt}")
                edit.setMinimumWidth(260)
                edits.append(edit)
                box_form.addRow(edit)
            self.prompt_edits[discipline] = edits
            prompt_boxes.addWidget(box)
        self.error = FieldError()  # wraps: a long message keeps the dialog its width

        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Distances in"), self.units)
        form.addRow(self.tr("Weeks start on"), self.week_start)
        form.addRow(self.tr("Instruments"), self.instruments)
        form.addRow(self.tr("Teacher"), self.teacher)
        form.addRow(self.tr("Coach"), self.coach)
        form.addRow(self.tr("Journal on a server"), self.server)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(14)
        form.setVerticalSpacing(8)
        layout.addLayout(form)
        layout.addLayout(prompt_boxes)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.entry_keys(self.name, buttons)

    def preferences(self) -> Preferences:
        return Preferences(
            name=self.name.text().strip(),
            units=self.units.currentData(),
            week_start=self.week_start.currentIndex(),
            instruments=[s.strip() for s in self.instruments.text().split(",") if s.strip()],
            teacher=self.teacher.text().strip(),
            coach=self.coach.text().strip(),
        )

    def prompts(self, discipline: Discipline) -> list[tuple]:
        built_in = dict(DEFAULT_PROMPTS[discipline])
        current = reflection_prompts(discipline)
        return [
            (prompt, edit.text().strip() or built_in.get(prompt, ""))
            for (prompt, _), edit in zip(current, self.prompt_edits[discipline], strict=True)
        ]

    def _save(self) -> Changes:
        changes = save_preferences(self.preferences())
        for discipline in self.prompt_edits:
            prompts = self.prompts(discipline)
            if prompts != reflection_prompts(discipline):
                changes = changes | set_reflection_prompts(discipline, prompts)
        return changes

    def accept(self) -> None:
        server = self.server.text().strip()
        problem = server_address_problem(server)
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            self.server.setFocus()
            return
        try:
            self.bus.run(self._save)
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        moved = server != self.window_state.server_journal()
        self.window_state.set_server_journal(server)
        super().accept()
        window = self.parent()
        if moved and hasattr(window, "set_journal_path"):  # open it now, as at the next start
            from cadence.ui.journal_file import default_db_path
            from cadence.ui.journal_switch import switch_journal

            switch_journal(window, server or default_db_path())
