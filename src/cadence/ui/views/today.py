"""The Today view: intention → practice → stop-point → reflection, today's sessions, the inbox of
imported sessions, and the day entry. Keyboard first: the Session menu holds every step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline
from cadence.services.changes import Changes
from cadence.services.today import journal_identity, journal_is_empty
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.session_editor import SessionEditor
from cadence.ui.icons import icon
from cadence.ui.tab_order import chain, stops_in
from cadence.ui.today.day_entry import DayEntryCard
from cadence.ui.today.drafts import DraftKeeper
from cadence.ui.today.inbox import InboxCard
from cadence.ui.today.review_offer import ReviewOffer
from cadence.ui.today.session_panel import PRACTICE, REFLECT, SETUP, SessionPanel
from cadence.ui.today.today_list import TodaySessionsCard
from cadence.ui.today.welcome import WelcomeCard
from cadence.ui.views.base import View
from cadence.ui.widgets.common import PAGE_STYLE, Banner, Card, long_date, muted, scaled_font

NARROW_PX = 980
SESSION_DRAFT = "today/session"
DAY_DRAFT = "today/day-entry"
SHORTCUTS = {
    "timer": "Ctrl+T",
    "rep": "Ctrl+R",
    "clean": "Ctrl+Shift+C",
    "attempt": "Ctrl+Shift+A",
    "take_back": "Ctrl+Shift+R",
    "warning": "Ctrl+Shift+W",
    "slip": "Ctrl+L",
    "stop": "Ctrl+.",
    "save": "Ctrl+S",
}


class TodayView(View):
    NAME = "today"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.setStyleSheet(PAGE_STYLE)
        self._journal = journal_identity()
        self._welcome_dismissed = False
        self.editor: SessionEditor | None = None
        self.banner = Banner()
        self.welcome = WelcomeCard()
        self.panel = SessionPanel(bus)
        self.session_card = Card(self.tr("New session"))
        self.session_card.body.addWidget(self.panel)
        self.sessions = TodaySessionsCard()
        self.inbox = InboxCard(bus)
        self.review_offer = ReviewOffer()  # the weekly review, at the week's end
        self.review_offer.open_requested.connect(self.open_review)
        self.day_entry = DayEntryCard(bus)
        self._build_layout()
        self._build_actions()

        self.session_draft = DraftKeeper(SESSION_DRAFT, self._session_draft, self)
        self.day_draft = DraftKeeper(DAY_DRAFT, self.day_entry.draft, self)
        self.panel.setup.changed.connect(self.session_draft.touch)
        self.panel.reflection.changed.connect(self.session_draft.touch)
        self.panel.state_changed.connect(self._on_session_state)
        self.day_entry.edited.connect(self.day_draft.touch)
        self.welcome.start_requested.connect(self.start_new)
        self.welcome.demo_requested.connect(lambda: self.bus.command.emit("open-demo"))
        self.sessions.open_requested.connect(self.open_session)
        self.panel.setup.rows_changed.connect(self.update_tab_order)
        self._restore_drafts()
        self._update_actions()
        self.update_tab_order()

    # --- layout ---

    def _build_layout(self) -> None:
        heading = QLabel(self.tr("Today"))
        scaled_font(heading, 1.6, bold=True)
        self.date_label = muted(QLabel(long_date(date.today())))
        head = QHBoxLayout()
        head.addWidget(heading)
        head.addSpacing(10)
        head.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBaseline)
        head.addStretch(1)

        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self.welcome)
        left.addWidget(self.session_card)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(16)
        right.addWidget(self.review_offer)
        right.addWidget(self.inbox)
        right.addWidget(self.sessions)
        right.addWidget(self.day_entry)
        right.addStretch(1)
        columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(20)
        self.columns = columns
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        content = QWidget()
        content.setObjectName("TodayContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(28, 20, 28, 28)
        layout.setSpacing(16)
        layout.addLayout(head)
        layout.addWidget(self.banner)
        layout.addLayout(columns, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _action(self, text: str, slot, key: str = "", icon_name: str = "") -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if key:
            action.setShortcut(QKeySequence(SHORTCUTS[key]))
            action.setToolTip(f"{text.replace('&', '')} ({SHORTCUTS[key]})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        p = self.panel
        # Ctrl+N belongs to the window's File → New session, which calls start_new(); shown here too
        self.act_new = self._action(
            self.tr("&New session") + "\tCtrl+N", self.start_new, "", "new-session"
        )
        self.act_timer = self._action(self.tr("&Start session"), p.start_or_pause, "timer", "start")
        self.act_rep = self._action(self.tr("+1 &rep"), lambda: p.add_rep("rep"), "rep", "plus-one")
        self.act_rep.setIconText(self.tr("Rep"))  # the icon already says +1
        self.act_clean = self._action(self.tr("+1 &clean"), lambda: p.add_rep("clean"), "clean")
        self.act_attempt = self._action(
            self.tr("+1 &attempt (not clean)"), lambda: p.add_rep("attempt"), "attempt"
        )
        self.act_take_back = self._action(self.tr("&Take back last rep"), p.take_back, "take_back")
        self.act_warning = self._action(self.tr("Log a &warning sign…"), p.log_warning, "warning")
        self.act_slip = self._action(self.tr("Log a s&lip, let it go"), p.log_slip, "slip")
        self.act_stop = self._action(self.tr("St&op"), p.stop, "stop", "stop")
        self.act_save = self._action(self.tr("&Save"), self.save, "save", "save")
        self.act_discard = self._action(self.tr("&Discard session in progress"), p.discard)
        self._button_tooltips()

    def _button_tooltips(self) -> None:
        """The card's buttons say what they do and their keys, from the Session menu's actions."""
        p = self.panel
        pp = p.practice_panel
        for button, action, text in (
            (p.setup.start_button, self.act_timer, self.tr("Start the timer")),
            (pp.pause_button, self.act_timer, self.tr("Pause or resume the timer")),
            (pp.rep_button, self.act_rep, ""),
            (pp.clean_button, self.act_clean, ""),
            (pp.attempt_button, self.act_attempt, ""),
            (pp.take_back_button, self.act_take_back, ""),
            (pp.warning_button, self.act_warning, ""),
            (pp.slip_button, self.act_slip, self.tr("A wrong note, a rep far too fast: log it")),
            (pp.stop_button, self.act_stop, ""),
            (p.reflection.save_button, self.act_save, self.tr("Save the session")),
        ):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            what = text or action.text().replace("&", "").rstrip("…")
            button.setToolTip(f"{what} ({keys})")

    def update_tab_order(self) -> None:
        """Tab runs top to bottom: the left column (the session's step), then the right one."""
        p = self.panel
        chain(
            [
                self.banner.action,
                self.banner.close_button,
                *stops_in(self.welcome),
                *p.setup.tab_stops(),
                *stops_in(p.practice_panel),
                *p.reflection.tab_stops(),
                *stops_in(self.review_offer),
                *stops_in(self.inbox),
                *stops_in(self.sessions),
                *stops_in(self.day_entry),
            ]
        )

    def resizeEvent(self, event) -> None:
        # a narrow window stacks the two columns rather than scrolling sideways
        narrow = event.size().width() < NARROW_PX
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
        super().resizeEvent(event)

    # --- what the window asks of a view ---

    def menus(self) -> dict[str, list[QAction | None]]:
        return {
            self.tr("&Session"): [
                self.act_new,
                None,
                self.act_timer,
                self.act_rep,
                self.act_clean,
                self.act_attempt,
                self.act_take_back,
                self.act_slip,
                None,
                self.act_warning,
                self.act_stop,
                None,
                self.act_save,
                self.act_discard,
            ]
        }

    def toolbar_actions(self) -> list[QAction]:
        return [self.act_timer, self.act_rep, self.act_stop]

    def wants(self, changes: Changes) -> bool:
        return (
            changes.sessions
            or changes.day_entries
            or changes.repertoire
            or changes.plans
            or changes.preferences
            or changes.notes
        )

    def reload(self) -> None:
        if journal_identity() != self._journal:  # another journal was opened
            for keeper in (self.session_draft, self.day_draft):
                keeper.timer.stop()  # what was pending belongs to the journal that was closed
            self._journal = journal_identity()
            self._welcome_dismissed = False
            self._restore_drafts()
        self.date_label.setText(long_date(date.today()))
        self.sessions.reload()
        self.inbox.reload()
        self.review_offer.refresh()
        self.panel.setup.refresh_choices()
        if not self.day_entry.dirty and self.day_entry.day != date.today():
            self.day_entry.load(date.today())
        elif not self.day_entry.dirty:
            self.day_entry.load(self.day_entry.day)
        self._update_welcome()
        self.update_tab_order()  # the rows of the inbox and of today's sessions are new

    def open_review(self, week: date | None) -> None:
        from cadence.ui.dialogs.weekly_review import WeeklyReviewDialog

        self.review_dialog = WeeklyReviewDialog(self.bus, week, self)
        self.review_dialog.open()

    def open_item(self, payload: object) -> None:
        if payload in ("new-session", None):
            self.start_new()

    def can_close(self) -> bool:
        # The draft holds everything, the running timer too: closing loses nothing.
        self.session_draft.flush()
        self.day_draft.flush()
        return True

    # --- commands ---

    def start_new(self) -> None:
        """Put the cursor in the intention field of a new session (one in progress is kept)."""
        self._welcome_dismissed = True
        self._update_welcome()
        if self.panel.in_progress:
            self.banner.show_message(
                self.tr("A session is in progress: stop and save it (or discard it) first.")
            )
            self.panel.setFocus()
            return
        field = self.panel.setup.first_empty_intention()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll_area.ensureWidgetVisible(field)

    def save(self) -> None:
        """Ctrl+S: the reflection when a session is being reflected on, else the day entry."""
        if self.panel.step == REFLECT:
            self.panel.save()
        elif self.day_entry.dirty:
            self.day_entry.save()
        else:
            self.bus.status_message.emit(self.tr("Nothing new to save"))

    def open_session(self, session_id: int) -> SessionEditor:
        """One of today's sessions, in the session editor (to correct or add to it)."""
        editor = SessionEditor(self.bus, session_id, parent=self.window())
        editor.finished.connect(editor.deleteLater)
        editor.open()
        self.editor = editor
        return editor

    # --- state ---

    def _session_draft(self) -> dict | None:
        return None if self.panel.is_blank() else self.panel.state()

    def _on_session_state(self) -> None:
        self.session_draft.flush()
        self._update_actions()
        self._update_welcome()
        self.update_tab_order()  # the reflection's rows are new at each session

    def _update_actions(self) -> None:
        step = self.panel.step
        practising = step == PRACTICE
        music = (
            self.panel.practice is not None and self.panel.practice.discipline == Discipline.MUSIC
        )
        running = self.panel.timer_running
        if step == SETUP:
            self.act_timer.setText(self.tr("&Start session"))
        else:
            self.act_timer.setText(self.tr("&Pause timer") if running else self.tr("&Resume timer"))
        self.act_timer.setIcon(icon("pause" if practising and running else "start"))
        self.act_timer.setEnabled(step != REFLECT)
        for act in (self.act_rep, self.act_warning, self.act_stop, self.act_slip):
            act.setEnabled(practising)
        for act in (self.act_clean, self.act_attempt):
            act.setEnabled(practising and music)
        counted = self.panel.practice is not None and bool(self.panel.practice.counted)
        self.act_take_back.setEnabled(practising and counted)
        self.act_discard.setEnabled(self.panel.in_progress)
        titles = {
            SETUP: self.tr("New session"),
            PRACTICE: self.tr("Practising"),
            REFLECT: self.tr("How did it go?"),
        }
        self.session_card.title.setText(titles[step])

    def _update_welcome(self) -> None:
        show = not self._welcome_dismissed and not self.panel.in_progress and journal_is_empty()
        self.welcome.setVisible(show)

    def _restore_drafts(self) -> None:
        self.session_draft.suspended = self.day_draft.suspended = True
        try:
            messages = []
            session = self.session_draft.load()
            if session:
                messages.append(self.panel.restore(session))
            else:
                self.panel.reset()
            day = self.day_draft.load()
            if day:
                self.day_entry.restore_draft(day)
            else:
                self.day_entry.load(date.today())
        finally:
            self.session_draft.suspended = self.day_draft.suspended = False
        if session or day:
            text = " ".join([self.tr("Restored what you were writing."), *filter(None, messages)])
            self.banner.show_message(text)
        else:
            self.banner.hide()
