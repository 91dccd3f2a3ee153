"""The Compare view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class CompareView(PendingView):
    NAME = "compare"
    TITLE = "Compare"
    ICON = "compare"
    EXPLANATION = "Music and running side by side on one time axis."
