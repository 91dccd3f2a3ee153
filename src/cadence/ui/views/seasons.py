"""The Seasons view: goal events and training cycles on a timeline, and in a list, to create, edit
and delete. Events go to the trash (Ctrl+Z brings them back); a deleted cycle comes back with
Ctrl+Z too, its phases and links whole."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import GAUGE_WORDS, EventPriority, FocusGauge, label
from cadence.domain.palette import discipline_colour
from cadence.domain.seasons import (
    READINESS_DUE_DAYS,
    CycleData,
    EventData,
    FocusData,
    ReviewData,
    phase_at,
)
from cadence.domain.titles import span_words
from cadence.services.changes import Changes
from cadence.services.season.focus_progress import focus_progress
from cadence.services.season.reviews import load_review, restore_reviews, reviews, trash_review
from cadence.services.season.seasons import (
    cycles,
    delete_cycle,
    events,
    load_cycle,
    load_event,
    restore_events,
    trash_event,
    undelete_cycle,
)
from cadence.ui.bus import AppBus, UndoStep
from cadence.ui.charts.season_timeline import SeasonTimeline
from cadence.ui.dialogs.cycle_editor import CycleDialog
from cadence.ui.dialogs.event_editor import EventDialog
from cadence.ui.dialogs.event_review import DebriefDialog, ReadinessDialog
from cadence.ui.dialogs.session_editor import SessionEditor
from cadence.ui.dialogs.weekly_review import WeeklyReviewDialog
from cadence.ui.safe_text import plain_tooltip
from cadence.ui.views.base import View
from cadence.ui.views.season_detail import SeasonDetail
from cadence.ui.widgets.cells import child_items, top_level_items
from cadence.ui.widgets.common import scaled_font

_ITEM = Qt.ItemDataRole.UserRole
_FOCUS = Qt.ItemDataRole.UserRole + 1  # a focus target's row: its id (Enter opens its cycle)
NEW_EVENT_KEY = "Ctrl+Shift+E"
NEW_CYCLE_KEY = "Ctrl+Shift+Y"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


_span = span_words


def _craft(discipline: str | None) -> str:
    return label(discipline) if discipline else "Both"


class SeasonsView(View):
    NAME = "seasons"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.today = date.today()
        self.dialog: QDialog | None = None
        self._ends: dict[tuple[str, int | None], date] = {}
        self._progress: dict = {}

        title = QLabel(self.tr("Your season"))
        scaled_font(title, 1.3, bold=True)
        self.span = QComboBox()
        self.span.addItem(self.tr("Around today"), "around")
        self.span.addItem(self.tr("Everything"), "all")
        self.span.setToolTip(self.tr("How much of the season the timeline shows"))
        self.span.currentIndexChanged.connect(self.reload)
        self.new_event_button = QPushButton(self.tr("New &event…"))
        self.new_event_button.setToolTip(
            self.tr("A new goal event: a race, recital, audition, exam… ({key})").format(
                key=NEW_EVENT_KEY
            )
        )
        self.new_event_button.clicked.connect(self.new_event)
        self.new_cycle_button = QPushButton(self.tr("New &cycle…"))
        self.new_cycle_button.setToolTip(
            self.tr("A training cycle with phases, toward the chosen event if any ({key})").format(
                key=NEW_CYCLE_KEY
            )
        )
        self.new_cycle_button.clicked.connect(self.new_cycle)
        self.edit_button = QPushButton(self.tr("E&dit…"))
        self.edit_button.setToolTip(self.tr("Edit the chosen event or cycle (Enter)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(
            self.tr(
                "Events and weekly reviews go to the trash, cycles are deleted; Ctrl+Z brings "
                "any back (Del)"
            )
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.review_button = QPushButton(self.tr("&Readiness…"))
        self.review_button.setToolTip(
            self.tr("Before the chosen event: how ready for each demand. After it: a debrief")
        )
        self.review_button.clicked.connect(self.review_selected)
        self.week_button = QPushButton(self.tr("&Weekly review…"))
        self.week_button.setToolTip(
            self.tr("Look back on this week (or the chosen one) and rate your focus targets")
        )
        self.week_button.clicked.connect(self.weekly_review)
        head = QHBoxLayout()  # the title on its own row, so the buttons never squeeze it
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.span)
        head.addStretch(1)
        bar = QHBoxLayout()
        for button in (
            self.new_event_button,
            self.new_cycle_button,
            self.edit_button,
            self.review_button,
            self.week_button,
            self.delete_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)

        self.timeline = SeasonTimeline()
        self.timeline.picked.connect(self.select)
        self.timeline.activated.connect(self.open)
        self.empty = QLabel(
            self.tr(
                "<p><b>Plan a season.</b> Add a goal event — a race, a recital, an audition — "
                "with what it will demand and why it matters to you ({event}). Then a training "
                "cycle toward it ({cycle}): Cadence proposes its phases from the event's date, "
                "craft and size, and you change any date.</p>"
            ).format(event=NEW_EVENT_KEY, cycle=NEW_CYCLE_KEY)
        )
        self.empty.setObjectName("EmptySeason")
        self.empty.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("SeasonList")
        self.tree.setColumnCount(6)
        self.tree.setHeaderLabels(
            [
                self.tr("When"),
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Craft"),
                self.tr("Priority / now"),
                self.tr("Target → result"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # names and targets
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)  # share what is left
        self.tree.itemActivated.connect(lambda item, _c: self._open_item(item))
        self.tree.currentItemChanged.connect(self._current_changed)

        for key, slot in (
            (NEW_EVENT_KEY, self.new_event),
            (NEW_CYCLE_KEY, self.new_cycle),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # only while the view shows
            shortcut.activated.connect(slot)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, self.delete_selected)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addLayout(bar)
        layout.addWidget(self.timeline)
        layout.addWidget(self.empty)
        self.detail = SeasonDetail()
        self.detail.session_opened.connect(self.open_session)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)  # the list first: at 1280x720 it showed five rows over an
        split.setStretchFactor(1, 2)  # empty panel
        self.tree.setMinimumHeight(120)
        self.detail.setMinimumHeight(210)  # the same room whatever is chosen: the list stays put
        layout.addWidget(split, 1)
        self.setFocusProxy(self.tree)
        self._update_buttons()

    def wants(self, changes: Changes) -> bool:
        return changes.plans or changes.trash or changes.sessions  # sessions: focus progress

    # --- reading ---------------------------------------------------------------------------------

    def _range(self, evs: list[EventData], cys: list[CycleData]) -> tuple[date, date]:
        first = self.today - timedelta(weeks=8)
        last = self.today + timedelta(weeks=44)
        if self.span.currentData() == "all":
            days = [e.day for e in evs] + [c.start for c in cys] + [c.end for c in cys]
            if days:
                first = min(first, min(days) - timedelta(days=7))
                last = max(last, max(days) + timedelta(days=7))
        return first, last

    def reload(self) -> None:
        self.today = date.today()
        chosen = self.current()
        all_events, all_cycles = events(), cycles()
        first, last = self._range(all_events, all_cycles)
        shown_events = [e for e in all_events if first <= e.day <= last]
        shown_cycles = [c for c in all_cycles if c.end >= first and c.start <= last]
        self.timeline.set_season(first, last, shown_events, shown_cycles, self.today)
        self.empty.setVisible(not all_events and not all_cycles)

        self.tree.clear()
        self._event_names = {e.id: e.name for e in all_events}
        self._ends = {("event", e.id): e.day for e in all_events}
        self._ends.update({("cycle", c.id): c.end for c in all_cycles})
        self._progress = focus_progress(
            [f.id for c in all_cycles for f in c.focuses if f.id is not None]
        )
        events_head = QTreeWidgetItem([self.tr("Goal events")])
        cycles_head = QTreeWidgetItem([self.tr("Training cycles")])
        reviews_head = QTreeWidgetItem([self.tr("Weekly reviews")])
        for head in (events_head, cycles_head, reviews_head):
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(False)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setData(1, Qt.ItemDataRole.DecorationRole, QColor(0, 0, 0, 0))
        self.tree.addTopLevelItem(events_head)
        for event in all_events:
            events_head.addChild(self._event_item(event))
        self.tree.addTopLevelItem(cycles_head)
        for cycle in all_cycles:
            cycles_head.addChild(self._cycle_item(cycle))
        self.tree.addTopLevelItem(reviews_head)
        for review in reviews():
            reviews_head.addChild(self._review_item(review))
            self._ends[("review", review.week_start.toordinal())] = review.week_start
        events_head.setExpanded(True)
        cycles_head.setExpanded(True)
        reviews_head.setExpanded(True)
        upcoming = None
        for item in self._items():
            kind, item_id = item.data(0, _ITEM)
            ends = self._ends.get((kind, item_id), self.today)
            item.setExpanded(ends >= self.today)  # a finished cycle folds its focus targets
            if upcoming is None and ends >= self.today:
                upcoming = item
        if upcoming is not None and chosen is None:
            self.tree.scrollToItem(upcoming, QAbstractItemView.ScrollHint.PositionAtTop)
        if chosen is not None:
            self.select(*chosen)
        self._update_buttons()

    def _event_item(self, event: EventData) -> QTreeWidgetItem:
        target = event.target
        if event.result:
            target = f"{target} → {event.result}" if target else f"→ {event.result}"
        when = _day(event.day)
        item = QTreeWidgetItem(
            [
                when,
                event.name,
                self.tr(label(event.kind)),
                self.tr(_craft(event.discipline)),
                self._event_status(event),
                target,
            ]
        )
        item.setData(0, _ITEM, ("event", event.id))
        item.setData(1, Qt.ItemDataRole.DecorationRole, QColor(discipline_colour(event.discipline)))
        return item

    def _event_status(self, event: EventData) -> str:
        parts = [str(event.priority)] if event.priority else []
        if event.day < self.today:
            parts.append(self.tr("debriefed") if event.debrief else self.tr("debrief?"))
        elif event.readiness and event.readiness.mean is not None:
            parts.append(self.tr("ready {mean:.1f}/5").format(mean=event.readiness.mean))
        elif (
            event.priority == EventPriority.A
            and (event.day - self.today).days <= READINESS_DUE_DAYS
        ):
            parts.append(self.tr("readiness check due"))
        else:
            weeks = (event.day - self.today).days // 7
            parts.append(self.tr("in {n} wk").format(n=weeks) if weeks else self.tr("this week"))
        return " · ".join(parts)

    def _focus_status(self, focus: FocusData) -> str:
        """Its status, and how it goes in its measure when Cadence can say it in a few words."""
        parts = [self.tr(label(focus.status))]
        progress = self._progress.get(focus.id)
        if (
            progress is not None
            and focus.gauge == FocusGauge.INTENTIONS
            and progress.met is not None
        ):
            parts.append(
                self.tr("met {rate:.0%} of {n}").format(rate=progress.met, n=progress.intentions)
            )
        elif progress is not None and progress.last_rating is not None:
            parts.append(self.tr("rated {n}/5").format(n=progress.last_rating))
        return " · ".join(parts)

    def _review_item(self, review: ReviewData) -> QTreeWidgetItem:
        rated = [r.rating for r in review.ratings if r.rating is not None]
        mean = self.tr("focus {mean:.1f}/5").format(mean=sum(rated) / len(rated)) if rated else ""
        item = QTreeWidgetItem(
            [
                self.tr("Week of {day}").format(day=_day(review.week_start)),
                review.went_well or review.learned,
                self.tr("Review"),
                "",
                mean,
                review.next_week,
            ]
        )
        item.setToolTip(
            1, plain_tooltip("\n".join(t for t in (review.went_well, review.learned) if t))
        )
        item.setData(0, _ITEM, ("review", review.week_start.toordinal()))
        item.setData(1, Qt.ItemDataRole.DecorationRole, QColor(0, 0, 0, 0))
        return item

    def _cycle_item(self, cycle: CycleData) -> QTreeWidgetItem:
        now = phase_at(cycle.phases, self.today)
        if now is not None:
            week = (self.today - now.start).days // 7 + 1
            weeks = max(1, round(now.days / 7))
            status = self.tr("{phase}, week {week} of {weeks}").format(
                phase=label(now.name), week=week, weeks=weeks
            )
        elif cycle.end < self.today:
            status = self.tr("done")
        elif cycle.start > self.today:
            status = self.tr("starts in {n} wk").format(n=(cycle.start - self.today).days // 7)
        else:
            status = ""
        toward = self._event_names.get(cycle.event_id, "")
        phases = " · ".join(label(p.name) for p in cycle.phases)
        item = QTreeWidgetItem(
            [
                _span(cycle.start, cycle.end),
                cycle.name,
                self.tr("Cycle"),
                self.tr(_craft(cycle.discipline)),
                status,
                cycle.goal or phases,
            ]
        )
        item.setToolTip(5, phases)
        if toward:
            item.setToolTip(2, plain_tooltip(self.tr("Toward {event}").format(event=toward)))
        item.setData(0, _ITEM, ("cycle", cycle.id))
        for focus in cycle.focuses:
            seen = GAUGE_WORDS.get(focus.gauge, "") if focus.gauge else focus.measure
            child = QTreeWidgetItem(
                ["", self.tr("Focus: {title}").format(title=focus.title), "", "", "", seen]
            )
            child.setData(4, Qt.ItemDataRole.DisplayRole, self._focus_status(focus))
            child.setToolTip(5, plain_tooltip(focus.measure or seen))
            child.setData(0, _ITEM, ("cycle", cycle.id))  # Enter opens the cycle
            child.setData(0, _FOCUS, focus.id)
            # a clear chip: the row as tall as the others, the title under the cycle's name
            child.setData(1, Qt.ItemDataRole.DecorationRole, QColor(0, 0, 0, 0))
            item.addChild(child)
        item.setData(1, Qt.ItemDataRole.DecorationRole, QColor(discipline_colour(cycle.discipline)))
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        return [child for head in top_level_items(self.tree) for child in child_items(head)]

    def current(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return item.data(0, _ITEM) if item is not None else None

    def select(self, kind: str, item_id: int) -> None:
        for item in self._items():
            if item.data(0, _ITEM) == (kind, item_id):
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def _current_changed(self) -> None:
        chosen = self.current()
        self.timeline.select(*(chosen or (None, None)))
        self._update_buttons()
        self._show_detail()

    def _show_detail(self) -> None:
        item = self.tree.currentItem()
        focus_id = item.data(0, _FOCUS) if item is not None else None
        kind, item_id = self.current() or ("", 0)
        if focus_id is not None:
            self.detail.show_focus(focus_id, self.today)
        elif kind == "event":
            self.detail.show_event(item_id, self.today)
        else:
            self.detail.show_nothing()

    def select_focus(self, focus_id: int) -> None:
        """Choose a focus target's row (under its cycle) and show its progress."""
        for item in self._items():
            for child in child_items(item):
                if child.data(0, _FOCUS) == focus_id:
                    item.setExpanded(True)
                    self.tree.setCurrentItem(child)
                    self.tree.scrollToItem(child)
                    return

    def open_session(self, session_id: int) -> None:
        """A session that worked on a focus target, in the session editor."""
        editor = SessionEditor(self.bus, session_id, parent=self.window())
        editor.finished.connect(editor.deleteLater)
        editor.open()
        self.editor = editor

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        kind, item_id = self.current() or ("", 0)
        self.delete_button.setEnabled(chosen)
        self.review_button.setEnabled(kind == "event")
        if kind == "event":
            past = self._ends.get(("event", item_id), self.today) < self.today
            self.review_button.setText(self.tr("De&brief…") if past else self.tr("&Readiness…"))
        self.new_cycle_button.setText(
            self.tr("&Cycle toward it…") if kind == "event" else self.tr("New &cycle…")
        )

    # --- acting ----------------------------------------------------------------------------------

    def review_selected(self) -> None:
        """A readiness check before the chosen event, a debrief on its day or after it."""
        kind, item_id = self.current() or ("", 0)
        if kind != "event":
            return
        event = load_event(item_id)
        if event.day <= self.today and (event.day < self.today or event.debrief is not None):
            self._show(DebriefDialog(self.bus, event, self, self.today))
        else:
            self._show(ReadinessDialog(self.bus, event, self, self.today))

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_save(dialog))
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: object) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.tree.setFocus()

    def _after_save(self, dialog: QDialog) -> None:
        if isinstance(dialog, WeeklyReviewDialog) and dialog.saved_week is not None:
            self.select("review", dialog.saved_week.toordinal())
        if not isinstance(dialog, EventDialog | CycleDialog):
            return
        kind = "event" if isinstance(dialog, EventDialog) else "cycle"
        if dialog.saved_id is not None:
            self.select(kind, dialog.saved_id)

    def new_event(self) -> None:
        self._show(EventDialog(self.bus, None, self))

    def new_cycle(self) -> None:
        chosen = self.current()
        toward = chosen[1] if chosen and chosen[0] == "event" else None
        self._show(CycleDialog(self.bus, None, toward, self, today=self.today))

    def weekly_review(self) -> None:
        """The chosen week's review, else this week's."""
        kind, item_id = self.current() or ("", 0)
        week = date.fromordinal(item_id) if kind == "review" else None
        self._show(WeeklyReviewDialog(self.bus, week, self, self.today))

    def open(self, kind: str, item_id: int) -> None:
        if kind == "review":
            self._show(WeeklyReviewDialog(self.bus, date.fromordinal(item_id), self, self.today))
        elif kind == "event":
            self._show(EventDialog(self.bus, load_event(item_id), self))
        else:
            self._show(CycleDialog(self.bus, load_cycle(item_id), None, self, today=self.today))

    def _open_item(self, item: QTreeWidgetItem) -> None:
        chosen = item.data(0, _ITEM)
        if chosen:
            self.open(*chosen)

    def edit_selected(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.open(*chosen)

    def delete_selected(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == "review":
            self._trash_review(date.fromordinal(item_id))
        elif kind == "event":
            name = load_event(item_id).name
            self.bus.run(
                lambda: trash_event(item_id),
                UndoStep(
                    self.tr("Move {name} to the trash").format(name=name),
                    lambda: restore_events([item_id]),
                ),
            )
            self.bus.status_message.emit(
                self.tr("{name} moved to the trash — Ctrl+Z brings it back").format(name=name)
            )
        else:
            deleted: list = []

            def op() -> Changes:
                snapshot, changes = delete_cycle(item_id)
                deleted.append(snapshot)
                return changes

            name = load_cycle(item_id).name
            self.bus.run(
                op,
                UndoStep(
                    self.tr("Delete cycle {name}").format(name=name),
                    lambda: undelete_cycle(deleted[0]),
                ),
            )
            self.bus.status_message.emit(
                self.tr("Cycle {name} deleted — Ctrl+Z brings it back").format(name=name)
            )

    def _trash_review(self, week: date) -> None:
        review = load_review(week)
        if review is None or review.id is None:
            return
        review_id = review.id
        self.bus.run(
            lambda: trash_review(review_id),
            UndoStep(
                self.tr("Move the review of the week of {day} to the trash").format(day=_day(week)),
                lambda: restore_reviews([review_id]),
            ),
        )
        self.bus.status_message.emit(
            self.tr(
                "Review of the week of {day} moved to the trash — Ctrl+Z brings it back"
            ).format(day=_day(week))
        )

    def open_item(self, payload: object) -> None:
        if isinstance(payload, tuple) and len(payload) == 2:
            self.select(*payload)
