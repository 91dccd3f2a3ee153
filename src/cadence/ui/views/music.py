"""The Music view."""

from __future__ import annotations

from cadence.ui.views.pending import PendingView


class MusicView(PendingView):
    NAME = "music"
    TITLE = "Music"
    ICON = "music"
    EXPLANATION = "Your music sessions and repertoire."
