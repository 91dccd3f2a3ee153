"""The Running view: every run in a table that stays quick at any size, filtered by dates, kind
and words; beside it the shoes with their mileage and a clear warning past their limit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QLocale, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, GearKind, StopReason, label
from cadence.domain.palette import REASON_COLOURS, RUNNING
from cadence.domain.units import Units, format_distance
from cadence.services.browse.listing import ListFilter
from cadence.services.changes import Changes
from cadence.services.records import library
from cadence.services.records.library import GearUse
from cadence.services.records.preferences import load_preferences
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.dialogs.gear import ShoeDialog
from cadence.ui.icons import icon
from cadence.ui.models.columns import running_columns
from cadence.ui.views.session_list import SessionListView
from cadence.ui.widgets.filter_bar import FilterBar
from cadence.ui.widgets.sessions_table import SessionsPanel

WARNING = REASON_COLOURS[StopReason.PAIN]
_GEAR_ROLE = Qt.ItemDataRole.UserRole + 1


class RunningView(SessionListView):
    NAME = "running"
    DISCIPLINE = Discipline.RUNNING
    CHOICE_FIELD = "kind"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.filter_bar = FilterBar(self.tr("Kind of run"), self.tr("All kinds"))
        self.filter_bar.set_choices(
            [(self.tr(label(k)), k.value) for k in KINDS_BY_DISCIPLINE[Discipline.RUNNING]]
        )
        self.panel = SessionsPanel(
            bus,
            running_columns(),
            ListFilter(Discipline.RUNNING),
            self.tr(
                "<h3>No runs yet</h3><p>Every run you record appears here with its distance, "
                "pace, heart rate, effort and stop-points.</p><p>Record one from Today "
                "(Ctrl+N) or import your GPX, TCX or FIT files.</p>"
            ),
            self.tr("<h3>No runs match these filters</h3>"),
            self._count_text,
        )
        self.panel.new_button.setText(self.tr("Record a run in Today"))
        self.gear = GearPanel(bus)
        self._lay_out(self.gear, (3, 1), [780, 320])

    def _count_text(self, n: int, filtered: bool) -> str:
        number = QLocale().toString(n)
        if filtered:
            return self.tr("{n} runs match").format(n=number)
        return self.tr("1 run") if n == 1 else self.tr("{n} runs").format(n=number)

    # --- View --------------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.sessions or changes.gear or changes.preferences

    def reload(self) -> None:
        units = load_preferences().units
        self.panel.refresh(self._filter(), self.filter_bar.is_active(), units)
        self.gear.show_gear(library.gear_usage(), units)


class ShoeCard(QWidget):
    """One pair of shoes: the distance run in them against their limit."""

    def __init__(self, shoe: GearUse, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShoeCard")
        name = QLabel(shoe.name)
        name.setTextFormat(Qt.TextFormat.PlainText)  # a typed name is never markup
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        used = format_distance(shoe.distance_m, units, 0)
        if shoe.limit_m:
            limit = format_distance(shoe.limit_m, units, 0)
            mileage = self.tr("{used} of {limit}").format(used=used, limit=limit)
        else:
            mileage = used
        self.mileage = QLabel(mileage)
        self.mileage.setObjectName("ShoeMileage")
        name.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(name, 1)
        top.addWidget(self.mileage)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(5)
        layout.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.warning = QLabel()
        self.warning.setObjectName("ShoeWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        if shoe.limit_m and not shoe.retired:
            self.bar.setRange(0, 1000)
            self.bar.setValue(min(1000, round(1000 * shoe.distance_m / shoe.limit_m)))
            hue = WARNING if shoe.over_limit else RUNNING
            self.bar.setStyleSheet(
                "QProgressBar { border: none; border-radius: 3px; background: palette(midlight); }"
                f"QProgressBar::chunk {{ border-radius: 3px; background: {hue}; }}"
            )
            layout.addWidget(self.bar)
        else:
            self.bar.hide()
        if shoe.over_limit and not shoe.retired and shoe.limit_m is not None:
            past = format_distance(shoe.distance_m - shoe.limit_m, units, 0)
            self.warning.setText(
                self.tr(
                    "<span style='color:{hue}'>⚠ <b>{past} past the limit.</b></span> "
                    "Worn cushioning raises the strain on legs and feet: time to retire them."
                ).format(hue=WARNING, past=past)
            )
            self.warning.show()
            layout.addWidget(self.warning)
        if shoe.retired:
            self.setEnabled(False)
            self.setToolTip(self.tr("Retired"))


class GearPanel(QWidget):
    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.dialog: QDialog | None = None
        self._units = Units.KM
        self._shoes: list[GearUse] = []
        title = QLabel(self.tr("Shoes"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.add_button = QPushButton(icon("new-session"), self.tr("Add shoes…"))
        self.retire_button = QPushButton(self.tr("Retire"))
        self.retire_button.setToolTip(self.tr("Retire the chosen pair (undo with Ctrl+Z)"))
        self.add_button.clicked.connect(self.add_shoes)
        self.retire_button.clicked.connect(self.retire_selected)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.add_button)
        header.addWidget(self.retire_button)
        self.list = QListWidget()
        self.list.setObjectName("ShoeList")
        self.list.setSpacing(3)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.currentItemChanged.connect(lambda _now, _before: self._update_buttons())
        self.list.verticalScrollBar().valueChanged.connect(lambda _value: self._cards_in_view())
        self.list.viewport().installEventFilter(self)
        self.empty = QLabel(
            self.tr(
                "No shoes yet. Add a pair with its distance limit, choose it for your runs, "
                "and Cadence adds up the distance and warns you when it is time for new ones."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addStretch(0)

    def show_gear(self, gear: list[GearUse], units: Units) -> None:
        chosen = self.selected_shoe()
        self._units = units
        self._shoes = [g for g in gear if g.kind == GearKind.SHOES]
        self.list.clear()
        # active pairs first (gear_usage orders them so), the retired ones after a heading
        retired_heading = False
        for shoe in self._shoes:
            if shoe.retired and not retired_heading:
                heading = QListWidgetItem(self.tr("Retired"))
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(heading)
                retired_heading = True
            item = QListWidgetItem()
            item.setData(_GEAR_ROLE, shoe.gear_id)
            if shoe.retired:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            # width 0: the card takes the list's width instead of widening it. The card itself
            # is made when its row comes into view (`_cards_in_view`): thirty years of running
            # wore out some eighty pairs, and a card of widgets held ~80 KB
            item.setSizeHint(QSize(0, ShoeCard(shoe, units).sizeHint().height()))
            self.list.addItem(item)
            if chosen is not None and shoe.gear_id == chosen.gear_id:
                self.list.setCurrentItem(item)
        self.list.setVisible(bool(self._shoes))
        self.empty.setVisible(not self._shoes)
        self._update_buttons()
        self._cards_in_view()

    def _cards_in_view(self) -> None:
        """Give each row in view its card, before Qt paints them: called on every scroll and
        resize of the list and after it is filled."""
        viewport = self.list.viewport().rect()
        for i in range(self.list.count()):
            item = self.list.item(i)
            waiting = item.data(_GEAR_ROLE) is not None and self.list.itemWidget(item) is None
            if waiting and self.list.visualItemRect(item).intersects(viewport):
                self._card(item)

    def _card(self, item: QListWidgetItem) -> ShoeCard | None:
        card = self.list.itemWidget(item)
        if card is None:
            gear_id = item.data(_GEAR_ROLE)
            shoe = next((s for s in self._shoes if s.gear_id == gear_id), None)
            if shoe is None:
                return None
            card = ShoeCard(shoe, self._units)
            self.list.setItemWidget(item, card)
        return card if isinstance(card, ShoeCard) else None

    def eventFilter(self, watched, event) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._cards_in_view()
        return super().eventFilter(watched, event)

    def selected_shoe(self) -> GearUse | None:
        item = self.list.currentItem()
        gear_id = None if item is None else item.data(_GEAR_ROLE)
        return next((s for s in self._shoes if s.gear_id == gear_id), None)

    def card_for(self, gear_id: int) -> ShoeCard | None:
        """The pair's card (made now if its row has not been in view yet)."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(_GEAR_ROLE) == gear_id:
                return self._card(item)
        return None

    def _update_buttons(self) -> None:
        shoe = self.selected_shoe()
        self.retire_button.setEnabled(shoe is not None and not shoe.retired)

    def add_shoes(self) -> None:
        self.dialog = ShoeDialog(self.bus, self._units, self)
        self.dialog.open()

    def retire_selected(self) -> None:
        shoe = self.selected_shoe()
        if shoe is None or shoe.retired:
            return
        gear_id = shoe.gear_id
        self.bus.run(
            lambda: library.retire_gear(gear_id, date.today()),
            UndoStep(
                self.tr("Retire {name}").format(name=shoe.name),
                lambda: library.retire_gear(gear_id, None),  # None: in use again
            ),
        )
