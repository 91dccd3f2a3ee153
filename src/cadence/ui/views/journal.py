"""The Journal view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class JournalView(PendingView):
    NAME = "journal"
    TITLE = "Journal"
    ICON = "journal"
    EXPLANATION = "A month calendar of music, running and day entries."
