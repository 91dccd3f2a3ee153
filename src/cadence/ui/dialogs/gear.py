"""Add shoes: the Running view's gear dialog (a name, the distance to retire them after, the day
they came into use)."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDoubleSpinBox, QLineEdit, QWidget

from cadence.domain.enums import Discipline, GearKind
from cadence.domain.units import METRES_PER_MILE, Units
from cadence.services.records import library
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.form import FormDialog
from cadence.ui.widgets.dates import pydate

# a common rule of thumb for road shoes; the person can change it per pair
DEFAULT_LIMIT = {"km": 800.0, "mi": 500.0}


class ShoeDialog(FormDialog):
    def __init__(self, bus: AppBus, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add shoes"), parent, min_width=400)
        self.bus = bus
        self.units = units
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Pegasus 40, blue"))
        self.limit = QDoubleSpinBox()
        self.limit.setRange(0, 5000 if units == "km" else 3100)
        self.limit.setDecimals(0)
        self.limit.setSuffix(f" {units}")
        self.limit.setSpecialValueText(self.tr("no limit"))
        self.limit.setValue(DEFAULT_LIMIT[units])
        self.started = QDateEdit(QDate.currentDate())
        self.started.setCalendarPopup(True)
        self.form.addRow(self.tr("Name"), self.name)
        self.form.addRow(self.tr("Retire after"), self.limit)
        self.form.addRow(self.tr("In use since"), self.started)
        self.entry_keys(self.name, self.buttons)

    def save(self) -> None:
        name = self.name.text()
        per_unit = METRES_PER_MILE if self.units == "mi" else 1000.0
        limit_m = self.limit.value() * per_unit or None
        started = pydate(self.started.date())
        self.bus.run(
            lambda: library.add_gear(GearKind.SHOES, name, limit_m, started, Discipline.RUNNING)[1]
        )
