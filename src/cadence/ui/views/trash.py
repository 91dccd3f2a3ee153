"""The Trash view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class TrashView(PendingView):
    NAME = "trash"
    TITLE = "Trash"
    ICON = "trash"
    EXPLANATION = "Deleted sessions and day entries, ready to restore."
