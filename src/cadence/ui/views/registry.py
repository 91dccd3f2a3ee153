"""The views of the main window, in the order the sidebar shows them (Ctrl+1 .. Ctrl+9, Ctrl+0)."""

from __future__ import annotations

from cadence.ui.views.base import View

VIEW_NAMES = (
    "today",
    "journal",
    "music",
    "running",
    "trends",
    "compare",
    "reports",
    "trash",
    "seasons",
    "experiments",
)

# Views with many charts are built the first time they are shown: building Trends' and Compare's
# pyqtgraph charts up front was about 0.46 s of a 1.5 s start (docs/performance.md). A lazy view
# contributes no menus or toolbar actions (tests/ui/test_main_window.py checks it).
LAZY_VIEWS = frozenset({"trends", "compare"})


def view_classes() -> list[type[View]]:
    from cadence.ui.views.compare import CompareView
    from cadence.ui.views.experiments import ExperimentsView
    from cadence.ui.views.journal import JournalView
    from cadence.ui.views.music import MusicView
    from cadence.ui.views.reports import ReportsView
    from cadence.ui.views.running import RunningView
    from cadence.ui.views.seasons import SeasonsView
    from cadence.ui.views.today import TodayView
    from cadence.ui.views.trash import TrashView
    from cadence.ui.views.trends import TrendsView

    return [
        TodayView,
        JournalView,
        MusicView,
        RunningView,
        TrendsView,
        CompareView,
        ReportsView,
        TrashView,
        SeasonsView,
        ExperimentsView,
    ]
