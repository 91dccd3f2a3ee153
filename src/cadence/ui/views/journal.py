"""The Journal view: a month calendar with a chip per discipline on each day, and beside it the
chosen day — its sessions (intentions, stop-points, reflections) and its day entry."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, ReflectionPrompt
from cadence.domain.palette import BOTH, MUSIC, RUNNING
from cadence.domain.units import Units
from cadence.services.browse import calendar as cal
from cadence.services.changes import Changes
from cadence.services.records.days import get_day_entry, restore_day_entry, trash_day_entry
from cadence.services.records.journal import load_session, restore_sessions, trash_sessions
from cadence.services.records.library import reflection_prompts
from cadence.services.records.preferences import load_preferences
from cadence.services.studio.members import viewed_person
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.dialogs.session_editor import SessionEditor
from cadence.ui.icons import icon
from cadence.ui.plurals import plural
from cadence.ui.views.base import View
from cadence.ui.views.journal_cards import DayEntryCard, SessionCard, chip
from cadence.ui.widgets.dates import pydate, qdate


def _minutes(value: float) -> str:
    """Compact, for a chip: 45′, 1h05."""
    minutes = round(value)
    return f"{minutes}′" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}"


def _hours(value: float) -> str:
    """For a month's total: 45 min, 24 h 23 min."""
    minutes = round(value)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


class MarkedCalendar(QCalendarWidget):
    """A month calendar that paints, per day, a chip of minutes per discipline, a dot for a day
    entry and a ring for planned sessions; the marks come from one query per page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JournalCalendar")
        self.marks: dict[date, cal.DayMarks] = {}
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setGridVisible(False)
        self.currentPageChanged.connect(lambda _y, _m: self.load_marks())
        self._tune_grid()

    def _tune_grid(self) -> None:
        """A short row of weekday names (not as tall as a week), and a light selection fill
        under the frame paintCell draws, so the day's chips stay readable."""
        grid = self.findChild(QTableView)
        if grid is None:
            return
        header = grid.verticalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, QFontMetrics(self.font()).height() + 12)
        palette = grid.palette()
        fill = QColor(palette.color(QPalette.ColorRole.Highlight))
        fill.setAlpha(40)
        palette.setColor(QPalette.ColorRole.Highlight, fill)
        grid.setPalette(palette)

    def load_marks(self) -> None:
        self.marks = cal.month_marks(self.yearShown(), self.monthShown())
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, qdate: QDate) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        box = rect.adjusted(2, 2, -2, -2)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if qdate == self.selectedDate():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(highlight, 2))
            painter.drawRoundedRect(box, 6, 6)
        font = QFont(self.font())
        if qdate == QDate.currentDate():
            font.setBold(True)
            painter.setPen(QPen(highlight, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 5, 5)
        in_month = qdate.month() == self.monthShown()
        group = QPalette.ColorGroup.Active if in_month else QPalette.ColorGroup.Disabled
        painter.setFont(font)
        painter.setPen(palette.color(group, QPalette.ColorRole.Text))
        painter.drawText(
            box.adjusted(7, 4, -6, 0),
            Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft,
            str(qdate.day()),
        )
        marks = self.marks.get(pydate(qdate))
        if marks is not None:
            self._paint_marks(painter, box, marks, in_month)
        painter.restore()

    def _paint_marks(self, painter: QPainter, box: QRect, marks: cal.DayMarks, strong: bool):
        painter.setOpacity(1.0 if strong else 0.45)
        top_right = box.right() - 8
        if marks.has_day_entry:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BOTH))
            painter.drawEllipse(top_right - 7, box.top() + 7, 8, 8)
            top_right -= 12
        if marks.planned:
            painter.setPen(QPen(QColor(BOTH), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(top_right - 7, box.top() + 7, 8, 8)
        chips = [
            (colour, _minutes(minutes))
            for colour, minutes in ((MUSIC, marks.music_minutes), (RUNNING, marks.running_minutes))
            if minutes > 0
        ]
        small = QFont(self.font())
        small.setPointSizeF(max(8.0, small.pointSizeF() * 0.92))  # readable at the default size
        small.setBold(True)
        metrics = QFontMetrics(small)
        height = metrics.height() + 2
        y = box.top() + QFontMetrics(self.font()).height() + 8  # under the day's number
        painter.setFont(small)
        painter.setPen(Qt.PenStyle.NoPen)
        if y + len(chips) * (height + 2) > box.bottom():  # a cramped calendar: dots, no text
            for i, (colour, _text) in enumerate(chips):
                painter.setBrush(QColor(colour))
                painter.drawEllipse(box.left() + 7 + 12 * i, box.bottom() - 12, 8, 8)
            return
        for colour, text in chips:
            width = min(metrics.horizontalAdvance(text) + 12, box.width() - 10)
            chip_rect = QRect(box.left() + 6, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(chip_rect, height / 2, height / 2)
            painter.setPen(QColor("white"))
            painter.drawText(chip_rect, Qt.AlignmentFlag.AlignCenter, text)
            y += height + 2


class JournalView(View):
    NAME = "journal"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.units = Units.KM
        self.editor: SessionEditor | None = None
        self.cards: list[SessionCard] = []
        self.entry_card: DayEntryCard | None = None

        self.calendar = MarkedCalendar()
        self.calendar.setMinimumSize(360, 360)
        self.calendar.selectionChanged.connect(self.show_day)
        self.calendar.activated.connect(lambda _qdate: self.open_first_session())
        self.month_totals = QLabel()
        self.month_totals.setObjectName("MonthTotals")
        self.month_totals.setWordWrap(True)
        legend = QHBoxLayout()
        legend.setSpacing(8)
        legend.addWidget(chip(self.tr("Music"), MUSIC))
        legend.addWidget(chip(self.tr("Running"), RUNNING))
        legend.addWidget(QLabel(f'<span style="color:{BOTH}">●</span> ' + self.tr("day entry")))
        legend.addWidget(QLabel(f'<span style="color:{BOTH}">○</span> ' + self.tr("planned")))
        legend.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.calendar, 1)
        left.addLayout(legend)
        left.addWidget(self.month_totals)

        self.day_title = QLabel()
        self.day_title.setObjectName("DayTitle")
        title_font = self.day_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.day_title.setFont(title_font)
        self.day_title.setWordWrap(True)
        # the title gives way (wraps) before the buttons do
        self.day_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.add_music = QPushButton(icon("music"), self.tr("Add music session"))
        self.add_run = QPushButton(icon("running"), self.tr("Add run"))
        self.add_music.clicked.connect(lambda: self.add_session(Discipline.MUSIC))
        self.add_run.clicked.connect(lambda: self.add_session(Discipline.RUNNING))
        header = QHBoxLayout()
        header.addWidget(self.day_title, 1)
        header.addWidget(self.add_music)
        header.addWidget(self.add_run)

        self.empty = QLabel()
        self.empty.setObjectName("EmptyDay")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.demo_button = QPushButton(self.tr("Open a demo journal"))
        self.demo_button.clicked.connect(lambda: self.bus.command.emit("open-demo"))
        self.card_list = QVBoxLayout()
        self.card_list.setSpacing(12)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 8, 0)
        content_layout.addWidget(self.empty)
        content_layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        content_layout.addLayout(self.card_list)
        content_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        right = QVBoxLayout()
        right.addLayout(header)
        right.addWidget(self.scroll_area, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(20)
        layout.addLayout(left, 5)
        layout.addLayout(right, 6)
        self.setFocusProxy(self.calendar)

    # --- reading -----------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return changes.sessions or changes.day_entries or changes.preferences or changes.trash

    def reload(self) -> None:
        prefs = load_preferences()
        self.units = prefs.units
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek(prefs.week_start + 1))
        self.calendar.load_marks()
        self.show_day()

    def selected_day(self) -> date:
        return pydate(self.calendar.selectedDate())

    def show_day(self) -> None:
        day = self.selected_day()
        self.day_title.setText(
            QLocale().toString(self.calendar.selectedDate(), QLocale.FormatType.LongFormat)
        )
        self._update_month_totals()
        for widget in [*self.cards, self.entry_card]:
            if widget is not None:
                self.card_list.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.cards, self.entry_card = [], None
        prompts = {
            d: {ReflectionPrompt.FREE.value: self.tr("Anything else?")}
            | {p.value: text for p, text in reflection_prompts(d)}
            for d in Discipline
        }
        for session in cal.sessions_on(day):
            card = SessionCard(session, self.units, prompts[session.discipline])
            card.editRequested.connect(self.edit_session)
            card.trashRequested.connect(self.trash_session)
            self.card_list.addWidget(card)
            self.cards.append(card)
        entry = get_day_entry(day)
        if entry is not None:
            self.entry_card = DayEntryCard(entry)
            self.entry_card.trashRequested.connect(self.trash_day_entry)
            self.card_list.addWidget(self.entry_card)
        own = viewed_person() is None
        self._offer_changes(own)
        nothing = not self.cards and self.entry_card is None
        empty_journal = nothing and own and cal.journal_is_empty()
        if empty_journal:
            self.empty.setText(
                self.tr(
                    "Your journal is empty. Each day you practise or run shows up here with "
                    "its intentions, stop-points and reflections. Add a session for this day, "
                    "or look around a demo journal first."
                )
            )
        elif not own:
            self.empty.setText(self.tr("Nothing on this day."))
        else:
            self.empty.setText(
                self.tr("Nothing on this day yet. Add a music session or a run for it.")
            )
        self.empty.setVisible(nothing)
        self.demo_button.setVisible(empty_journal)

    def _update_month_totals(self) -> None:
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        inside = [m for d, m in self.calendar.marks.items() if (d.year, d.month) == (year, month)]
        music = sum(m.music_minutes for m in inside)
        running = sum(m.running_minutes for m in inside)
        days = sum(1 for m in inside if m.music_minutes or m.running_minutes)
        entries = sum(1 for m in inside if m.has_day_entry)
        month_name = QLocale().standaloneMonthName(month)
        self.month_totals.setText(
            self.tr("{month}: music {music} · running {running} · {days} · {entries}").format(
                month=month_name,
                music=_hours(music),
                running=_hours(running),
                days=plural(
                    days, self.tr("%n active day", "", days), self.tr("%n active days", "", days)
                ),
                entries=plural(
                    entries,
                    self.tr("%n day entry", "", entries),
                    self.tr("%n day entries", "", entries),
                ),
            )
        )

    def _offer_changes(self, own: bool) -> None:
        """Adding, editing and trashing only in one's own journal: a teacher looking at a
        student's (the people picker) reads it, and the database would refuse any change."""
        for button in (self.add_music, self.add_run):
            button.setVisible(own)
        for card in self.cards:
            card.edit_button.setVisible(own)
            card.trash_button.setVisible(own)
        if self.entry_card is not None:
            self.entry_card.trash_button.setVisible(own)

    # --- acting ------------------------------------------------------------------------------------

    def _open_editor(self, editor: SessionEditor) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = editor
        editor.open()

    def edit_session(self, session_id: int) -> None:
        if viewed_person() is not None:  # Enter on a day of a student's journal: only read
            return
        self._open_editor(SessionEditor(self.bus, session_id, self))

    def add_session(self, discipline: Discipline) -> None:
        if viewed_person() is not None:
            return
        self._open_editor(SessionEditor(self.bus, None, self, discipline, day=self.selected_day()))

    def open_first_session(self) -> None:
        """Enter on a day: its first session, or a new one for that day."""
        if self.cards:
            self.edit_session(self.cards[0].session_id)
        else:
            self.add_session(Discipline.MUSIC)

    def trash_session(self, session_id: int) -> None:
        self.bus.run(
            lambda: trash_sessions([session_id]),
            UndoStep(self.tr("Move session to trash"), lambda: restore_sessions([session_id])),
        )
        self.bus.status_message.emit(self.tr("Session moved to the trash — Ctrl+Z brings it back"))

    def trash_day_entry(self, day: date) -> None:
        trashed: list[int] = []

        def op() -> Changes:
            changes = trash_day_entry(day)
            entry_id = cal.latest_trashed_entry_id(day)
            trashed.extend([entry_id] if entry_id is not None else [])
            return changes

        def undo() -> Changes:
            return restore_day_entry(trashed[0]) if trashed else Changes()

        self.bus.run(op, UndoStep(self.tr("Move day entry to trash"), undo))
        self.bus.status_message.emit(
            self.tr("Day entry moved to the trash — Ctrl+Z brings it back")
        )

    def open_item(self, payload: object) -> None:
        """Select a date, the first day of a (year, week) ISO week, or a session's day."""
        if isinstance(payload, datetime):
            day = payload.date()
        elif isinstance(payload, date):
            day = payload
        elif isinstance(payload, tuple) and len(payload) == 2:
            day = cal.first_day_of_week(*payload, load_preferences().week_start)
        elif isinstance(payload, int) and not isinstance(payload, bool):
            day = load_session(payload).local_date
            self.calendar.setSelectedDate(qdate(day))
            card = next((c for c in self.cards if c.session_id == payload), None)
            if card is not None:
                self.scroll_area.ensureWidgetVisible(card)
        else:
            raise TypeError(
                f"The Journal opens a date, a (year, week) pair or a session id, not {payload!r}"
            )
        self.calendar.setSelectedDate(qdate(day))
        self.calendar.setFocus()
