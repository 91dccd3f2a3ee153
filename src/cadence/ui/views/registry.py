"""The views of the main window, in the order the sidebar shows them (Ctrl+1 .. Ctrl+9, Ctrl+0).

Each view is one line here: its name, title and icon (what the sidebar, the View menu and the
window title need) and where its class lives. The window builds a view the first time it is
shown, so a view's module, its charts and pyqtgraph itself are imported only then: the window
starts with Today alone (docs/performance.md). A view that puts commands in the File menu
declares them here too, so the menu is whole before the view exists. A `teachers_only` view (the
Studio view, STUDIO_VIEWS) is listed after the ten and shown only to a teacher or coach on a
studio's server journal (ui/studio_window.py hides it for anyone else, journal by journal).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from cadence.ui.views.base import View


@dataclass(frozen=True)
class FileCommand:
    """A File-menu entry of a view: triggering it builds the view if need be and calls
    `view.file_command(method)`."""

    text: str
    method: str
    shortcut: QKeySequence.StandardKey | str = ""
    icon: str = ""


@dataclass(frozen=True)
class ViewEntry:
    name: str
    title: str
    icon: str
    where: str  # "module:Class" under cadence.ui.views, imported when the view is first built
    file_commands: tuple[FileCommand, ...] = ()
    # Only for a teacher or coach on a server journal (the studio overview): hidden in the
    # sidebar and the View menu for anyone else; it reads, so it stays offered while a teacher
    # looks at a student's journal (ui/studio_window.py).
    teachers_only: bool = False

    def load(self) -> type[View]:
        module, _, cls = self.where.partition(":")
        return getattr(import_module(f"cadence.ui.views.{module}"), cls)


REPORT_COMMANDS = (
    FileCommand("&Print report…", "print_report", QKeySequence.StandardKey.Print, "print"),
    FileCommand("Save report as P&DF…", "save_pdf", "", "export"),
)

VIEWS = (
    ViewEntry("today", "Today", "today", "today:TodayView"),
    ViewEntry("journal", "Journal", "journal", "journal:JournalView"),
    ViewEntry("music", "Music", "music", "music:MusicView"),
    ViewEntry("running", "Running", "running", "running:RunningView"),
    ViewEntry("trends", "Trends", "trends", "trends:TrendsView"),
    ViewEntry("compare", "Compare", "compare", "compare:CompareView"),
    ViewEntry("reports", "Reports", "reports", "reports:ReportsView", REPORT_COMMANDS),
    ViewEntry("trash", "Trash", "trash", "trash:TrashView"),
    ViewEntry("seasons", "Seasons", "seasons", "seasons:SeasonsView"),
    ViewEntry("experiments", "Experiments", "experiments", "experiments:ExperimentsView"),
)
# After the ten, with no Ctrl+digit (VIEWS have all ten); hidden unless one teaches someone.
STUDIO_VIEWS = (
    ViewEntry(
        "studio", "Studio", "trends", "studio_overview:StudioOverviewView", teachers_only=True
    ),
)
WINDOW_VIEWS = VIEWS + STUDIO_VIEWS  # what the window lists, in the sidebar's order
VIEW_NAMES = tuple(entry.name for entry in VIEWS)


# Built with the window whichever view is in front: Today owns the Session menu and the toolbar's
# session actions (the only view with menus() or toolbar_actions(); tests/ui/test_main_window.py).
BUILT_AT_START = frozenset({"today"})
