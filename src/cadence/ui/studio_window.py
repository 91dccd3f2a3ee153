"""The window on a journal on a PostgreSQL server (docs/studio.md): its name without secrets, a
teacher's or coach's people picker, and hearing when someone else saves.

- The picker ("Me", then each student one teaches) sits in the toolbar when the login role
  teaches someone. Choosing a student sets whose journal the connection shows
  (services.studio.members.view_person): Journal, Trends, Compare and Reports then show what row security
  lets the teacher read; the views and actions that would write are not offered, and a banner
  says whose journal it is, with "Note for alice…" (ui/dialogs/studio_note.py). "Me" (or the
  banner's button) gives everything back.
- Saves by others: the change trigger NOTIFYs on commit; a connection of its own LISTENs, and
  its socket is watched here, so the views refresh within a fraction of a second and nothing is
  asked of the server in between. A journal whose trigger does not notify yet (made by an older
  Cadence, until its admin runs `cadence studio init`) is asked for its change counter instead,
  once a second (one row per writer, summed: no journal query).
"""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
    QWidgetAction,
)

from cadence.services.changes import Changes
from cadence.services.studio import members as studio
from cadence.ui.dialogs.studio_note import open_note_dialog
from cadence.ui.journal_file import is_server_url, redact_url

log = logging.getLogger(__name__)

# What a teacher may open while looking at a student's journal: views that only read (and the
# registry's teacher-only views, `ViewEntry(teachers_only=True)`, which only read too).
READABLE_VIEWS = frozenset({"journal", "trends", "compare", "reports"})
# What others' saves can change of what this window shows (their rows, as row security lets
# it read them; never one's preferences, repertoire or gear).
OTHERS_CHANGE = Changes(sessions=True, day_entries=True, plans=True, trash=True, notes=True)
THROTTLE_MS = 100  # many saves at once (a whole studio) make one refresh a tenth of a second
POLL_MS = 1000  # only where the trigger does not notify


SERVER_ADVICE = (
    "Check that the server is running and can be reached from here, and that the user name and "
    "database are right. A password belongs in ~/.pgpass or PGPASSWORD, never in the address. "
    "Then try again; the journal on the server is unchanged."
)


def journal_name(target: object) -> str:
    """The journal's name for the window title: a file's stem; on a server, the database and the
    user (`studio as alice`), never a password."""
    if not is_server_url(target):
        return getattr(target, "stem", str(target))
    parts = urlsplit(redact_url(str(target)))
    database = unquote(parts.path.lstrip("/")) or "journal"
    return f"{database} as {unquote(parts.username)}" if parts.username else database


def server_address_problem(text: str) -> str | None:
    """What is wrong with a journal's server address typed in Preferences (None: nothing; an
    empty one means the journal file on this computer)."""
    if not text:
        return None
    if not is_server_url(text):
        return (
            "A journal on a server is named by an address that starts with postgresql://, e.g. "
            "postgresql://alice@db.example/studio. Leave it empty for the journal file on this "
            "computer."
        )
    if redact_url(text) != text:
        return (
            "Leave the password out of the address (it would be kept in the settings in "
            "clear): put it in ~/.pgpass or PGPASSWORD instead."
        )
    return None


class PeoplePicker(QWidget):
    """ "Journal of: [Me ▾]" in the toolbar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PeoplePicker")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 8, 0)
        label = QLabel(self.tr("Journal of"))
        self.combo = QComboBox()
        self.combo.setObjectName("PeopleCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(
            self.tr("Whose journal the window shows: your own, or a student's you teach")
        )
        label.setBuddy(self.combo)
        layout.addWidget(label)
        layout.addWidget(self.combo)

    def set_people(self, names: list[str]) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Me"), None)
        for name in names:
            self.combo.addItem(name, name)
        self.combo.blockSignals(False)

    def person(self) -> str | None:
        return self.combo.currentData()

    def show_person(self, name: str | None) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(0, self.combo.findData(name)))
        self.combo.blockSignals(False)


class LookingBanner(QFrame):
    """Says whose journal is shown while it is not one's own, with the way back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LookingBanner")
        self.setStyleSheet(
            "#LookingBanner { background: palette(alternate-base); "
            "border-bottom: 1px solid palette(mid); }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note = QPushButton()
        self.note.setObjectName("NoteForStudent")
        self.note.setToolTip(self.tr("A note or an assignment for their Today"))
        self.back = QPushButton(self.tr("Back to my journal"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.back)
        self.hide()

    def show_person(self, name: str | None) -> None:
        if name:
            self.text.setText(
                self.tr(
                    "You are looking at {name}'s journal: their sessions, stop-points and the "
                    "reflections they share with you, to read. Nothing of theirs can be changed."
                ).format(name=name)
            )
            self.note.setText(self.tr("Note for {name}…").format(name=name))
        self.setVisible(bool(name))


class StudioControls(QObject):
    """Everything the main window does differently on a server journal; idle on a file."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.picker = PeoplePicker()
        self.picker.combo.currentIndexChanged.connect(lambda _i: self.look_at(self.picker.person()))
        # an action of the window's own (the one QToolBar.addWidget makes can be deleted
        # under its Python wrapper)
        self.picker_action = QWidgetAction(window)
        self.picker_action.setDefaultWidget(self.picker)
        window.toolbar.addAction(self.picker_action)
        self.picker_action.setVisible(False)
        self.banner = LookingBanner()
        self.banner.back.clicked.connect(lambda: self.look_at(None))
        self.banner.note.clicked.connect(self.write_note)
        window.right_column.insertWidget(1, self.banner)
        self._undo_was_enabled = False
        self._listener = None
        self._notifier: QSocketNotifier | None = None
        self._last_count: int | None = None
        self.throttle = QTimer(self)
        self.throttle.setSingleShot(True)
        self.throttle.setInterval(THROTTLE_MS)
        self.throttle.timeout.connect(self._others_saved)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._poll)

    # --- opening --------------------------------------------------------------------------------

    def journal_opened(self, target: object) -> None:
        """Set up for the journal the window now shows (or stand down on a file)."""
        self._stop_listening()
        self._show(None)
        on_server = is_server_url(target)
        people: list[str] = []
        if on_server:
            try:
                people = studio.students_taught()
            except Exception:  # a server journal that is not a studio: nobody to pick
                log.info("no studio members to pick from", exc_info=True)
            self._listen()
        self.picker.set_people(people)
        self.picker_action.setVisible(bool(people))
        self._offer_teacher_views(bool(people))

    def _offer_teacher_views(self, teaches: bool) -> None:
        window = self.window
        for row, name in enumerate(window.view_names):
            if window.view_entries[name].teachers_only:
                window.nav.setRowHidden(row, not teaches)
                window.view_actions[row].setVisible(teaches)
                if not teaches and window.stack.currentIndex() == row:
                    window.show_view("today")

    def readable(self, name: str) -> bool:
        """Whether view `name` is offered while looking at a student's journal."""
        return name in READABLE_VIEWS or self.window.view_entries[name].teachers_only

    def _listen(self) -> None:
        from cadence.ui.journal_file import ChangeListener, announced, change_count

        try:
            if announced():
                self._listener = ChangeListener()
                self._notifier = QSocketNotifier(
                    self._listener.socket(), QSocketNotifier.Type.Read, self
                )
                self._notifier.activated.connect(self._heard)
            else:
                self._last_count = change_count()
                self.poll.start()
        except Exception:  # the window works without: it then refreshes on its own saves only
            log.warning("cannot hear of others' saves", exc_info=True)

    def _stop_listening(self) -> None:
        self.poll.stop()
        self.throttle.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def back_to_me(self) -> None:
        """Before the window closes: one's own journal again (drafts are written there)."""
        if studio.viewed_person() is not None:
            self.look_at(None)

    def stop(self) -> None:
        """The window closed: stop listening (its connection is closed)."""
        self._stop_listening()

    @property
    def listening(self) -> bool:
        """True while others' saves are heard by NOTIFY (not asked of the counter)."""
        return self._listener is not None

    # --- others' saves ---------------------------------------------------------------------------

    def _heard(self) -> None:
        listener = self._listener
        try:
            heard = listener is not None and listener.heard()
        except Exception:
            log.warning("the server stopped announcing changes; asking the counter", exc_info=True)
            self._stop_listening()
            return
        if heard and not self.throttle.isActive():
            self.throttle.start()

    def _poll(self) -> None:
        from cadence.ui.journal_file import change_count

        count = change_count()
        if count != self._last_count:
            self._last_count = count
            if not self.throttle.isActive():
                self.throttle.start()

    def _others_saved(self) -> None:
        self.window.bus.publish(OTHERS_CHANGE)

    # --- the people picker ------------------------------------------------------------------------

    def look_at(self, name: str | None) -> None:
        """Show `name`'s journal (a student one teaches), or one's own with None."""
        if name == studio.viewed_person():
            self.picker.show_person(name)
            return
        window = self.window
        if name is not None and not self.readable(window.current_view().NAME):
            window.show_view("journal")
        studio.view_person(name)
        self._show(name)
        window.bus.publish(Changes.everything())

    def write_note(self) -> None:
        """ "Note for alice…" in the banner: a note for the student looked at."""
        name = studio.viewed_person()
        if name is not None:
            open_note_dialog(self.window.bus, name, self.window)

    def _show(self, name: str | None) -> None:
        """Offer what may be done in the journal shown: everything in one's own, only reading
        in a student's."""
        window = self.window
        own = name is None
        self.picker.show_person(name)
        self.banner.show_person(name)
        for row, view_name in enumerate(window.view_names):
            item = window.nav.item(row)
            readable = own or self.readable(view_name)
            flags = item.flags()
            enabled = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | enabled if readable else flags & ~enabled)
            window.view_actions[row].setEnabled(readable)
            for action in window.file_command_actions.get(view_name, {}).values():
                action.setEnabled(readable)
        for action in (window.act_new, window.act_import, window.act_import_folder):
            action.setEnabled(own)
        menus = {a.text(): a for a in window.menuBar().actions()}
        for view in window.views.values():  # Today's Session menu and toolbar
            for title, actions in view.menus().items():
                if title in menus:
                    menus[title].setVisible(own)
                for action in actions:
                    if action is not None:
                        action.setVisible(own)
            for action in view.toolbar_actions():
                action.setVisible(own)
        if not own:
            self._undo_was_enabled = window.act_undo.isEnabled() or self._undo_was_enabled
            window.act_undo.setEnabled(False)
        elif self._undo_was_enabled:
            window.act_undo.setEnabled(window.bus.can_undo)
            self._undo_was_enabled = False
        window._update_title()
