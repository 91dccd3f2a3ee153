"""The Today view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class TodayView(PendingView):
    NAME = "today"
    TITLE = "Today"
    ICON = "today"
    EXPLANATION = "Write today's intention, practise with a timer and rep counter, record where you stopped, then reflect."
