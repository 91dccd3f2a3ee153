"""The main window: a list of views on the left, the current view on the right, menus, a toolbar
and a status bar with this week's totals. Views are listed in `cadence.ui.views.registry` and
built the first time they are shown (Today at once)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cadence import APP_NAME
from cadence.services.changes import Changes
from cadence.services.studio.members import viewed_person
from cadence.services.today.page import is_demo_journal
from cadence.ui import status
from cadence.ui.bus import AppBus
from cadence.ui.demo_banner import DemoBanner
from cadence.ui.dialogs import studio_note
from cadence.ui.icons import icon
from cadence.ui.journal_file import is_read_only, is_server_url, redact_url
from cadence.ui.settings import WindowState
from cadence.ui.sizing import fit_to_screen, fitted
from cadence.ui.studio_window import journal_name
from cadence.ui.tab_order import focus_into
from cadence.ui.views.base import View
from cadence.ui.views.registry import BUILT_AT_START, VIEWS, WINDOW_VIEWS, FileCommand, ViewEntry


class MainWindow(QMainWindow):
    def __init__(
        self, bus: AppBus, journal_path: Path | str, window_state: WindowState | None = None
    ):
        super().__init__()
        self.bus = bus
        self.journal_path = journal_path
        self.window_state = window_state or WindowState()
        self.setObjectName("MainWindow")
        self.setMinimumSize(QSize(960, 640))
        self.setAcceptDrops(True)  # files and folders dropped on the window are imported

        self.nav = QListWidget()
        self.nav.setObjectName("ViewList")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(170)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        self.view_entries = {entry.name: entry for entry in WINDOW_VIEWS}
        self.view_names = list(self.view_entries)
        self.views: dict[str, View] = {}  # the views built so far (each on its first show)
        self.file_command_actions: dict[str, dict[str, QAction]] = {}
        for entry in WINDOW_VIEWS:
            self._add_view(entry)
        self.nav.currentRowChanged.connect(self._on_row)
        self.nav.currentRowChanged.connect(lambda _row: self._update_title())

        self.demo_banner = DemoBanner()
        self.demo_banner.own_journal_requested.connect(self.open_own_journal)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        right = QVBoxLayout()
        right.setSpacing(0)
        self.right_column = right  # banners above the view (the demo's; a student's journal)
        right.addWidget(self.demo_banner)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self.status_week = QLabel()
        self.status_week.setObjectName("StatusWeek")
        self.statusBar().addPermanentWidget(self.status_week)
        self.status_read_only = QLabel(self.tr("Read-only: nothing can be saved"))
        self.status_read_only.setObjectName("StatusReadOnly")
        self.status_read_only.setToolTip(
            self.tr("This journal file cannot be written; it is opened to read only.")
        )
        self.statusBar().addPermanentWidget(self.status_read_only)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()

        bus.changed.connect(self._on_changed)
        bus.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        bus.undo_available.connect(self._on_undo_available)
        bus.navigate.connect(self._on_navigate)
        bus.command.connect(self._on_command)
        self._restore_state()
        self._update_status()
        from cadence.ui.studio_window import StudioControls

        self.studio = StudioControls(self)  # on a server journal: people picker, others' saves
        self.act_backup.setEnabled(not is_server_url(journal_path))  # a server's: pg_dump, export
        self._update_title()
        self._update_demo_banner()
        self.studio.journal_opened(journal_path)

    # --- views ------------------------------------------------------------------------------------

    def _add_view(self, entry: ViewEntry) -> None:
        item = QListWidgetItem(icon(entry.icon), QCoreApplication.translate("View", entry.title))
        item.setData(Qt.ItemDataRole.UserRole, entry.name)
        item.setSizeHint(QSize(150, 34))
        self.nav.addItem(item)
        holder = QWidget()  # the view's place in the stack; the view goes in when first shown
        QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(holder)
        if entry.name in BUILT_AT_START:
            self.view(entry.name)

    def view(self, name: str) -> View:
        """The view called `name`, built now if it has not been shown before (a new view is
        stale, so it reads the journal as it is when it is first shown)."""
        if name not in self.views:
            holder = self.stack.widget(self.view_names.index(name))
            view = self.view_entries[name].load()(self.bus, holder)
            layout = holder.layout() if holder is not None else None
            assert layout is not None  # (each view has its holder, made with its layout)
            layout.addWidget(view)
            view.show()  # seen once its place in the stack is
            self.views[name] = view
            view.use_file_actions(self.file_command_actions.get(name, {}))
        return self.views[name]

    def _on_row(self, row: int) -> None:
        if row >= 0:
            self.view(self.view_names[row])
            self.stack.setCurrentIndex(row)

    def show_view(self, name: str) -> View:
        view = self.view(name)
        self.nav.setCurrentRow(self.view_names.index(name))
        return view

    def current_view(self) -> View:
        return self.views[self.view_names[self.stack.currentIndex()]]

    # --- actions and menus -------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot,
        shortcut: str | QKeySequence | QKeySequence.StandardKey | None = None,
        icon_name="",
    ):
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.act_new = self._action(
            self.tr("&New session…"), self.new_session, QKeySequence.StandardKey.New, "new-session"
        )
        self.act_undo = self._action(
            self.tr("&Undo"), self.bus.undo, QKeySequence.StandardKey.Undo, "undo"
        )
        self.act_undo.setEnabled(False)
        self.act_find = self._action(
            self.tr("&Find…"), self.find, QKeySequence.StandardKey.Find, "search"
        )
        self.act_prefs = self._action(
            self.tr("&Preferences…"), self.edit_preferences, QKeySequence("Ctrl+,"), "settings"
        )
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.act_demo = self._action(self.tr("Open a &demo journal"), self.open_demo_journal)
        self.act_open = self._action(
            self.tr("&Open journal…"), self.open_other_journal, QKeySequence.StandardKey.Open
        )
        self.act_own = self._action(self.tr("Open &my journal"), self.open_own_journal)
        self.act_backup = self._action(self.tr("&Back up now"), self.backup_now)
        self.act_import = self._action(
            self.tr("&Import…"), lambda: self.importer.choose_files(), "Ctrl+I", "import"
        )
        self.act_import_folder = self._action(
            self.tr("Import a &folder…"), lambda: self.importer.choose_folder()
        )
        self.act_export = self._action(
            self.tr("&Export…"), lambda: self.exporter.choose(), icon_name="export"
        )
        self.view_actions: list[QAction] = []
        for i, entry in enumerate(WINDOW_VIEWS):
            act = self._action(
                entry.title,
                lambda _=False, n=entry.name: focus_into(self.show_view(n)),
                f"Ctrl+{(i + 1) % 10}" if i < len(VIEWS) else None,  # the tenth takes Ctrl+0
                entry.icon,
            )
            self.view_actions.append(act)
            self.file_command_actions[entry.name] = {
                command.method: self._file_command_action(entry.name, command)
                for command in entry.file_commands
            }
        for name, actions in self.file_command_actions.items():
            if name in self.views:  # a view built before its actions were made
                self.views[name].use_file_actions(actions)

    def _file_command_action(self, name: str, command: FileCommand) -> QAction:
        return self._action(
            QCoreApplication.translate("View", command.text),
            lambda _=False: self.view(name).file_command(command.method),
            command.shortcut or None,
            command.icon,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.act_new)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.act_import, self.act_import_folder, self.act_export])
        self.file_extra_anchor = self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_open)
        self.file_menu.addAction(self.act_own)
        self.file_menu.addAction(self.act_demo)
        self.file_menu.addAction(self.act_backup)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addAction(self.act_undo)
        edit.addSeparator()
        edit.addAction(self.act_find)
        edit.addSeparator()
        edit.addAction(self.act_prefs)
        view_menu = bar.addMenu(self.tr("&View"))
        for act in self.view_actions:
            view_menu.addAction(act)
        # views built at start contribute menus (Today: the Session menu with timer and rep
        # shortcuts); any view its File commands, declared in the registry
        for view in self.views.values():
            for title, actions in view.menus().items():
                menu = bar.addMenu(title)
                for act in actions:
                    menu.addAction(act) if act is not None else menu.addSeparator()
        for actions in self.file_command_actions.values():
            for act in actions.values():
                self.file_menu.insertAction(self.file_extra_anchor, act)
        # a teacher or coach on a studio's server: File → Note for a student…
        self.act_note = studio_note.note_action(self, self.bus)
        self.file_menu.insertAction(self.file_extra_anchor, self.act_note)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.act_getting_started = self._action(
            self.tr("&Getting started"), self.getting_started, QKeySequence.StandardKey.HelpContents
        )
        self.act_shortcuts = self._action(
            self.tr("&Keyboard shortcuts"), self.keyboard_shortcuts, QKeySequence("Ctrl+/")
        )
        help_menu.addAction(self.act_getting_started)
        help_menu.addAction(self.act_shortcuts)
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("&About Cadence"), self.about))

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addAction(self.act_new)
        for view in self.views.values():
            for act in view.toolbar_actions():
                toolbar.addAction(act)
        toolbar.addSeparator()
        toolbar.addAction(self.act_undo)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    # --- commands ----------------------------------------------------------------------------------

    def new_session(self) -> None:
        from cadence.ui.views.today import TodayView  # (loaded by now: the view is shown)

        today = self.show_view("today")
        assert isinstance(today, TodayView)
        today.start_new()

    def find(self) -> None:
        if not self.current_view().focus_search():
            self.show_view("music").focus_search()

    def edit_preferences(self) -> None:
        from cadence.ui.dialogs.preferences import PreferencesDialog

        PreferencesDialog(self.bus, self).exec()

    def open_demo_journal(self) -> None:
        from cadence.ui.journal_switch import open_demo_journal

        open_demo_journal(self)

    def open_other_journal(self) -> None:
        from cadence.ui.journal_switch import open_other_journal

        open_other_journal(self)

    def open_own_journal(self) -> None:
        from cadence.ui.journal_switch import open_own_journal

        open_own_journal(self)

    def backup_now(self) -> None:
        from cadence.ui.journal_file import backup_now

        path = backup_now(Path(self.journal_path))
        self.statusBar().showMessage(f"Backup written to {path}", 8000)

    def getting_started(self):
        from cadence.ui.dialogs.help import GettingStartedDialog, open_help

        return open_help(self, GettingStartedDialog)

    def keyboard_shortcuts(self):
        from cadence.ui.dialogs.help import ShortcutsDialog, open_help

        return open_help(self, ShortcutsDialog)

    def about(self) -> None:
        from cadence import __version__

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3><p>A practice journal for people who make music "
            "and run: intention, practice, stop-points, reflection.</p>"
            f"<p>Journal: {redact_url(str(self.journal_path))}</p>",
        )

    # --- import and export (the logic is in ui/importing.py and ui/exporting.py) ------------------

    @cached_property
    def importer(self):
        from cadence.ui.importing import ImportController

        return ImportController(self, self.bus)

    @cached_property
    def exporter(self):
        from cadence.ui.exporting import ExportController

        return ExportController(self, self.bus)

    @cached_property
    def work_guard(self):
        """Asks before the journal is closed under an import or an export (ui/background.py)."""
        from cadence.ui.background import WorkGuard

        return WorkGuard(self, self._background_work)

    def _background_work(self) -> list:
        return [self.__dict__[name] for name in ("importer", "exporter") if name in self.__dict__]

    def import_files(self, paths: list[Path]) -> None:
        self.importer.import_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from cadence.ui.importing import dropped_paths

        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from cadence.ui.importing import dropped_paths

        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # --- state -------------------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.sessions or changes.preferences:
            self._update_status()

    def _on_navigate(self, name: str, payload: object) -> None:
        self.show_view(name).open_item(payload)

    def _on_command(self, command: str) -> None:
        handlers = {
            "open-demo": self.open_demo_journal,
            "new-session": self.new_session,
            "preferences": self.edit_preferences,
            "import": self.act_import.trigger,
        }
        handlers[command]()

    def _on_undo_available(self, description: str) -> None:
        self.act_undo.setEnabled(bool(description))
        self.act_undo.setText(f"&Undo {description}" if description else "&Undo")

    def _update_status(self) -> None:
        self.status_week.setText(status.week_summary_text())

    def _update_title(self) -> None:
        view = self.current_view()
        name = journal_name(self.journal_path)
        looking = viewed_person()
        if looking:
            name = self.tr("{name}'s journal in {journal}").format(name=looking, journal=name)
        read_only = is_read_only()
        if read_only:
            name += self.tr(" (read-only)")
        self.status_read_only.setVisible(read_only)
        title = self.view_entries[view.NAME].title if view else ""
        self.setWindowTitle(f"{title} — {name} — {APP_NAME}")

    def set_journal_path(self, path: Path | str) -> None:
        self.journal_path = path
        self.act_backup.setEnabled(not is_server_url(path))  # a server's: pg_dump, the export
        self.studio.journal_opened(path)
        self.bus.clear_undo()
        self.bus.publish(Changes.everything())
        studio_note.refresh_note_action(self.act_note)
        self._update_status()
        self._update_title()
        self._update_demo_banner()

    def _update_demo_banner(self) -> None:
        self.demo_banner.setVisible(is_demo_journal())

    def _restore_state(self) -> None:
        geometry = self.window_state.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(fitted(QSize(1280, 820), self))
        fit_to_screen(self)  # a size left on a larger screen
        last = self.window_state.last_view()
        self.show_view(last if last in self.view_entries else "today")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.work_guard.allows(self.close, self.tr("quit")):
            event.ignore()  # asked: wait for the work or cancel it; closed once it has stopped
            return
        self.studio.back_to_me()  # one's own journal again, where the drafts are written
        for view in self.views.values():
            if not view.can_close():
                event.ignore()
                return
        self.window_state.save(self.saveGeometry(), self.saveState(), self.current_view().NAME)
        self.studio.stop()
        super().closeEvent(event)
