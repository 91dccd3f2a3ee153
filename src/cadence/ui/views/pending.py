"""A view whose content is still being built: it says so plainly instead of showing a blank page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from cadence.ui.bus import AppBus
from cadence.ui.views.base import View
from cadence.ui.views.registry import view_entry


class PendingView(View):
    EXPLANATION = ""

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        label = QLabel(f"<h2>{view_entry(self.NAME).title}</h2><p>{self.EXPLANATION}</p>")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
