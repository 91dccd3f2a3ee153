"""The Trends view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class TrendsView(PendingView):
    NAME = "trends"
    TITLE = "Trends"
    ICON = "trends"
    EXPLANATION = "Minutes, load, focus, stop-points and tempo over time."
