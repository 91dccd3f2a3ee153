"""Enter or edit any session with everything the journal holds, in four tabs: General, Blocks,
Intentions, stop-points & slips, Reflection.

Saving goes through `journal.save_session` on the app bus (undoable); what the service refuses is
shown next to the field or table cell at fault, which gets the cursor, and nothing is saved.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, time

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline, label
from cadence.domain.records import SessionData
from cadence.domain.units import DURATION_HINT, Units
from cadence.services.changes import Changes
from cadence.services.records.journal import (
    load_session,
    restore_sessions,
    save_session,
    trash_sessions,
)
from cadence.services.records.preferences import load_preferences
from cadence.services.season.rehearsals import demand_choices, rated_focus_targets
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.dialogs.ask import ask
from cadence.ui.editor.blocks_table import BlocksEditor
from cadence.ui.editor.general_form import GeneralForm, local_to_utc
from cadence.ui.editor.intentions_editor import IntentionsEditor
from cadence.ui.editor.reflections_editor import ReflectionsEditor
from cadence.ui.editor.slips_table import SlipsEditor
from cadence.ui.editor.stops_table import StopsEditor
from cadence.ui.icons import icon
from cadence.ui.sizing import keep_size
from cadence.ui.widgets.dates import pydate
from cadence.ui.widgets.fields import ERROR_COLOUR, split_error_key
from cadence.ui.widgets.season_links import DemandPicker, FocusRatings

GENERAL, BLOCKS, PURPOSE, REFLECTION = range(4)


def new_session(discipline: Discipline, day: date) -> SessionData:
    """A blank session starting now (to the five minutes) on `day`."""
    now = datetime.now()
    start = time(now.hour, now.minute - now.minute % 5)
    return SessionData(
        discipline=discipline,
        kind=KINDS_BY_DISCIPLINE[discipline][0],
        started_at=local_to_utc(day, start),
        local_date=day,
    )


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class SessionEditor(QDialog):
    """`exec()` (or `open()` + `finished`) gives Accepted once saved, `Deleted` once trashed."""

    Deleted = 2

    def __init__(
        self,
        bus: AppBus,
        session_id: int | None,
        parent: QWidget | None = None,
        discipline: Discipline | None = None,
        *,
        day: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.saved_id: int | None = None  # the session's id once saved
        self._framed = False  # the first field's focus frame shown
        self.units = load_preferences().units
        if session_id is None:
            self.original = new_session(discipline or Discipline.MUSIC, day or date.today())
        else:
            self.original = load_session(session_id)
        self.setObjectName("SessionEditor")
        self.setMinimumSize(820, 560)
        keep_size(self, "session-editor", QSize(1040, 720))
        self.setSizeGripEnabled(True)

        self.general = GeneralForm(self.units)
        self.blocks = BlocksEditor(self.units)
        self.blocks.bus = bus  # for "New piece/passage…"
        self.intentions = IntentionsEditor()
        self.stops = StopsEditor()
        self.slips = SlipsEditor()
        self.reflections = ReflectionsEditor()
        self.demands = DemandPicker()  # shared with Today: the goal-event demands it rehearsed
        self.focus_ratings = FocusRatings()  # and the focus targets rated 1-5 in its reflection
        self.general_scroll = _scrolling(self.general)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.general_scroll, self.tr("General"))
        self.tabs.addTab(self.blocks, self.tr("Blocks"))
        self.tabs.addTab(self._purpose_tab(), self.tr("Intentions, stop-points && slips"))
        reflection_page = QWidget()
        reflection_layout = QVBoxLayout(reflection_page)
        reflection_layout.setContentsMargins(0, 0, 0, 0)
        reflection_layout.addWidget(self.focus_ratings)
        reflection_layout.addWidget(self.reflections, 1)
        self.tabs.addTab(_scrolling(reflection_page), self.tr("Reflection"))
        self.route = _route_tab(session_id, self.units)  # an imported run's track points
        if self.route is not None:
            self.tabs.addTab(self.route, self.tr("Route"))
        self._tab_titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]

        self.summary = QLabel()
        self.summary.setObjectName("ErrorSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.summary.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.delete_button = QPushButton(icon("trash"), self.tr("Move to trash"))
        self.delete_button.setToolTip(self.tr("Move this session to the trash (undo with Ctrl+Z)"))
        self.delete_button.setVisible(session_id is not None)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self.delete_session)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)  # apart from Save, so it is never hit by mistake
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addLayout(bottom)

        self.general.disciplineChanged.connect(self._on_discipline)
        self.blocks.blocksChanged.connect(self._on_blocks_changed)
        self.general.day.dateChanged.connect(self._on_day_changed)
        self._load(self.original)
        self._clean_state = self._state()
        self._update_title()
        self.general.discipline.setFocus()  # the cursor in the first field, ready for typing

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and not self._framed
        ):
            # the first field framed at once: Qt draws focus frames only after a Tab, and the
            # window's activation (whose focus comes after this event) resets that
            self._framed = True
            QTimer.singleShot(0, self, self._show_focus_frame)

    def _show_focus_frame(self) -> None:
        self.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
        if self.focusWidget() is not None:
            self.focusWidget().update()

    def _purpose_tab(self) -> QWidget:
        intentions_box = QGroupBox(self.tr("Intentions"))
        QVBoxLayout(intentions_box).addWidget(self.intentions)
        stops_box = QGroupBox(self.tr("Stop-points"))
        stops_layout = QVBoxLayout(stops_box)
        hint = QLabel(
            self.tr(
                "Where and why the session stopped — or where warning signs were pushed "
                "through. Time from the start ({0}), or the repetition."
            ).format(self.tr(DURATION_HINT))
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        stops_layout.addWidget(hint)
        stops_layout.addWidget(self.stops, 1)
        slips_box = QGroupBox(self.tr("Slips"))
        slips_hint = QLabel(
            self.tr(
                "Wrong notes, reps far too fast — logged with Ctrl+L on Today — and whether "
                "each was let go."
            )
        )
        slips_hint.setWordWrap(True)
        slips_hint.setEnabled(False)
        slips_layout = QVBoxLayout(slips_box)
        slips_layout.addWidget(slips_hint)
        slips_layout.addWidget(self.slips, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(intentions_box)
        layout.addWidget(self.demands)
        layout.addWidget(stops_box, 1)
        layout.addWidget(slips_box, 1)
        return page

    # --- data in -----------------------------------------------------------------------------------

    def _load(self, data: SessionData) -> None:
        self.general.set_data(data)
        self.blocks.set_discipline(data.discipline)
        self.stops.craft = data.discipline
        self.blocks.set_blocks(data.blocks)
        self.stops.set_stops(data.stop_points, self.blocks.block_keys())
        self.slips.craft = data.discipline
        self.slips.set_slips(data.slips, self.blocks.block_keys())
        self.intentions.discipline = data.discipline
        self.intentions.set_intentions(data.intentions)
        self.reflections.set_reflections(data.discipline, data.reflections)
        self._season_choices(data.rehearsals, data.focus_ratings)

    def _on_day_changed(self, _day: object) -> None:
        self._season_choices()

    def _season_choices(self, rehearsals: list | None = None, ratings: list | None = None) -> None:
        """The demands it may rehearse and the focus targets it may rate, for its craft and day;
        what it holds already stays offered."""
        if rehearsals is None:
            rehearsals = self.demands.rehearsals()
        if ratings is None:
            ratings = self.focus_ratings.ratings()
        discipline = self.general.current_discipline()
        day = pydate(self.general.day.date())
        self.demands.set_choices(demand_choices(discipline, day, rehearsals), rehearsals)
        rated = [r.focus_id for r in ratings]
        self.focus_ratings.set_targets(rated_focus_targets(discipline, day, rated), ratings)

    def _on_discipline(self, discipline: Discipline) -> None:
        self.blocks.set_discipline(discipline)
        self.stops.craft = discipline
        self.slips.craft = discipline
        self.intentions.set_discipline(discipline)
        if self.reflections.boxes:
            self.reflections.switch_discipline(discipline)
        self._season_choices()
        self._update_title()

    def _on_blocks_changed(self) -> None:
        self.stops.set_blocks(self.blocks.block_keys(), self.blocks.block_names())

    def _update_title(self) -> None:
        discipline = self.tr(label(self.general.current_discipline())).lower()
        if self.original.id is None:
            title = self.tr("New {discipline} session").format(discipline=discipline)
        else:
            day = self.original.local_date.strftime("%a %d %b %Y")
            title = self.tr("Edit {discipline} session · {day}").format(
                discipline=discipline, day=day
            )
        self.setWindowTitle(title)

    # --- data out ----------------------------------------------------------------------------------

    def _commit_open_edits(self) -> None:
        """A cell still being typed into (Ctrl+S pressed mid-edit) counts as typed."""
        focus = QApplication.focusWidget()
        for table in (self.blocks.table, self.stops.table, self.slips.table):
            editing = table.state() == QAbstractItemView.State.EditingState
            if editing and focus is not None and table.isAncestorOf(focus):
                table.commitData(focus)
                table.closeEditor(focus, QAbstractItemDelegate.EndEditHint.NoHint)

    def session_data(self) -> tuple[SessionData, dict[str, str]]:
        """The session as typed, and what could not even be read (by field name)."""
        self._commit_open_edits()
        data = copy.deepcopy(self.original)
        errors: dict[str, str] = {}
        self.general.fill(data, errors)
        data.blocks, block_errors = self.blocks.blocks()
        data.stop_points, stop_errors = self.stops.stops(self.blocks.block_keys())
        data.slips, slip_errors = self.slips.slips(self.blocks.block_keys())
        data.intentions = self.intentions.intentions()
        data.reflections = self.reflections.reflections()
        data.rehearsals = self.demands.rehearsals()
        data.focus_ratings = self.focus_ratings.ratings()
        for stop in data.stop_points:
            # the plan in force at the stop, so its place in the plan can be measured later
            if stop.block_position is not None:
                planned_reps = data.blocks[stop.block_position].planned_reps
                stop.planned_reps = planned_reps if planned_reps else stop.planned_reps
            if data.planned_duration_s:
                stop.planned_s = data.planned_duration_s
        return data, {**errors, **block_errors, **stop_errors, **slip_errors}

    def _state(self) -> tuple:
        return (
            self.general.state(),
            self.blocks.state(),
            self.intentions.state(),
            self.stops.state(),
            self.reflections.state(),
            self.slips.state(),
            self.demands.state(),
            self.focus_ratings.state(),
        )

    def is_dirty(self) -> bool:
        return self._state() != self._clean_state

    # --- actions -----------------------------------------------------------------------------------

    def save(self) -> bool:
        data, errors = self.session_data()
        if errors:
            self.show_errors(errors)
            return False
        if self.original.id is None:

            def undo_add() -> Changes:
                assert data.id is not None  # (saving gave the session its id)
                return trash_sessions([data.id])

            undo = UndoStep(self.tr("Add session"), undo_add)
        else:
            before = copy.deepcopy(self.original)
            undo = UndoStep(self.tr("Edit session"), lambda: save_session(before))
        try:
            self.bus.run(lambda: save_session(data), undo)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        self.saved_id = data.id
        self._clean_state = self._state()
        self.bus.status_message.emit(self.tr("Session saved"))
        self.accept()
        return True

    def delete_session(self) -> None:
        session_id = self.original.id
        if session_id is None:
            return
        self.bus.run(
            lambda: trash_sessions([session_id]),
            UndoStep(self.tr("Move session to trash"), lambda: restore_sessions([session_id])),
        )
        self.bus.status_message.emit(self.tr("Session moved to the trash — Ctrl+Z brings it back"))
        self.done(self.Deleted)

    def reject(self) -> None:
        """Esc or Cancel: ask first if something was typed."""
        if self.is_dirty():
            answer = self.ask_discard()
            if answer == "save":
                self.save()
                return
            if answer != "discard":
                return
        super().reject()

    def ask_discard(self) -> str:
        """'save', 'discard' or '' (keep editing)."""
        role = QDialogButtonBox.ButtonRole
        return ask(
            self,
            self.tr("Unsaved changes"),
            self.tr("This session has changes that are not saved."),
            self.tr("Save them, discard them, or keep editing?"),
            [
                ("save", self.tr("Save"), role.AcceptRole),
                ("discard", self.tr("Discard"), role.DestructiveRole),
                ("", self.tr("Keep editing"), role.RejectRole),
            ],
            default="save",
        )

    # --- errors ------------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        parts = (self.general, self.blocks, self.intentions, self.stops, self.slips)
        for part in (*parts, self.reflections):
            part.clear_errors()
        self.summary.hide()
        for i, title in enumerate(self._tab_titles):
            self.tabs.setTabText(i, title)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message next to its field or table row; the cursor goes to the first one."""
        self.clear_errors()
        placed: list[tuple[int, QWidget]] = []
        loose: list[str] = []
        for key, message in errors.items():
            group, index, field = split_error_key(key)
            if group == "blocks":
                placed.append((BLOCKS, self.blocks.show_error(index, field, message)))
            elif group == "stop_points":
                placed.append((PURPOSE, self.stops.show_error(index, field, message)))
            elif group == "slips":
                placed.append((PURPOSE, self.slips.show_error(index, field, message)))
            elif group == "intentions":
                placed.append((PURPOSE, self.intentions.show_error(index, field, message)))
            elif group == "reflections":
                placed.append((REFLECTION, self.reflections.show_error(index, message)))
            else:
                widget = self.general.show_error(group, message)
                if widget is None:
                    loose.append(message)
                else:
                    placed.append((GENERAL, widget))
        for tab in sorted({tab for tab, _ in placed}):
            count = sum(1 for t, _ in placed if t == tab)
            self.tabs.setTabText(tab, f"{self._tab_titles[tab]} ({count} ⚠)")
        if len(errors) == 1:
            text = self.tr("Nothing was saved: one field needs a fix (marked ⚠).")
        else:
            text = self.tr("Nothing was saved: {n} fields need a fix (marked ⚠).").format(
                n=len(errors)
            )
        if loose:
            text += " " + " ".join(loose)
        self.summary.setText(text)
        self.summary.show()
        if placed:
            tab, widget = min(placed, key=lambda p: p[0])
            self.tabs.setCurrentIndex(tab)
            if tab == GENERAL:
                self.general_scroll.ensureWidgetVisible(widget)
            widget.setFocus()
            if isinstance(widget, QTableWidget) and widget.currentItem() is not None:
                widget.scrollToItem(widget.currentItem())


def _route_tab(session_id: int | None, units: Units):
    """The Route tab of a run with track points, else None; its charts (pyqtgraph, numpy) are
    imported only for such a run, so opening the editor or starting the app needs neither."""
    from cadence.services.records.tracks import has_track

    if not has_track(session_id):
        return None
    from cadence.ui.editor.route_tab import route_tab_for

    return route_tab_for(session_id, units)
