"""The Reports view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class ReportsView(PendingView):
    NAME = "reports"
    TITLE = "Reports"
    ICON = "reports"
    EXPLANATION = "Printable reports for yourself, a teacher or a coach."
