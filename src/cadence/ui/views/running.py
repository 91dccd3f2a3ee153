"""The Running view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class RunningView(PendingView):
    NAME = "running"
    TITLE = "Running"
    ICON = "running"
    EXPLANATION = "Your runs and gear."
