"""Preferences of the journal: name, units, first day of the week, instruments, teacher, coach."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.services.preferences import Preferences, load_preferences, save_preferences
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PreferencesDialog(QDialog):
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
        self.error = QLabel()
        self.error.setObjectName("FormError")
        self.error.setStyleSheet("color: #D55E00")
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Distances in"), self.units)
        form.addRow(self.tr("Weeks start on"), self.week_start)
        form.addRow(self.tr("Instruments"), self.instruments)
        form.addRow(self.tr("Teacher"), self.teacher)
        form.addRow(self.tr("Coach"), self.coach)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def preferences(self) -> Preferences:
        return Preferences(
            name=self.name.text().strip(),
            units=self.units.currentData(),
            week_start=self.week_start.currentIndex(),
            instruments=[s.strip() for s in self.instruments.text().split(",") if s.strip()],
            teacher=self.teacher.text().strip(),
            coach=self.coach.text().strip(),
        )

    def accept(self) -> None:
        try:
            self.bus.run(lambda: save_preferences(self.preferences()))
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        super().accept()
