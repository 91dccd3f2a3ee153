"""The views of the main window, in the order the sidebar shows them (Ctrl+1 .. Ctrl+8)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cadence.ui.bus import AppBus
from cadence.ui.views.base import View


def build_views(bus: AppBus, parent: QWidget | None = None) -> list[View]:
    from cadence.ui.views.compare import CompareView
    from cadence.ui.views.journal import JournalView
    from cadence.ui.views.music import MusicView
    from cadence.ui.views.reports import ReportsView
    from cadence.ui.views.running import RunningView
    from cadence.ui.views.today import TodayView
    from cadence.ui.views.trash import TrashView
    from cadence.ui.views.trends import TrendsView

    classes = (
        TodayView,
        JournalView,
        MusicView,
        RunningView,
        TrendsView,
        CompareView,
        ReportsView,
        TrashView,
    )
    return [cls(bus, parent) for cls in classes]


VIEW_NAMES = ("today", "journal", "music", "running", "trends", "compare", "reports", "trash")
