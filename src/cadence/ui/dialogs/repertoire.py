"""Add a piece and Add a passage: the Music view's repertoire dialogs, also offered where a
passage is chosen (ui/dialogs/new_passage.py)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from cadence.domain.enums import PieceStatus, label
from cadence.domain.limits import MAX_BPM
from cadence.services.changes import Changes
from cadence.services.records import library
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.form import FormDialog


class PieceDialog(FormDialog):
    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a piece"), parent)
        self.bus = bus
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Étude Op. 10 No. 3"))
        self.composer = QLineEdit()
        self.status = QComboBox()
        for status in PieceStatus:
            self.status.addItem(self.tr(label(status)), status.value)
        self.form.addRow(self.tr("Title"), self.title)
        self.form.addRow(self.tr("Composer"), self.composer)
        self.form.addRow(self.tr("Status"), self.status)
        self.entry_keys(self.title, self.buttons)

    def save(self) -> None:
        title, composer, status = self.title.text(), self.composer.text(), self.status.currentData()
        self.bus.run(lambda: library.add_piece(title, composer, status)[1])


class PassageDialog(FormDialog):
    saved = Signal(int)  # the new passage's id

    def __init__(
        self,
        bus: AppBus,
        pieces: list[tuple[int, str]],  # (id, title)
        piece_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Add a passage"), parent)
        self.bus = bus
        self.piece = QComboBox()
        for choice_id, title in pieces:
            self.piece.addItem(title, choice_id)
        if piece_id is not None:
            self.piece.setCurrentIndex(max(self.piece.findData(piece_id), 0))
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("e.g. Coda, or the left-hand run"))
        self.bars = QLineEdit()
        self.bars.setPlaceholderText(self.tr("e.g. 33–48"))
        self.start_bpm, self.target_bpm = self._tempo_box(), self._tempo_box()
        self.form.addRow(self.tr("Piece"), self.piece)
        self.form.addRow(self.tr("Passage"), self.label)
        self.form.addRow(self.tr("Bars"), self.bars)
        self.form.addRow(self.tr("Start tempo"), self.start_bpm)
        self.form.addRow(self.tr("Target tempo"), self.target_bpm)
        # the piece is chosen already when one is selected: the cursor goes to the passage
        self.entry_keys(self.label if piece_id is not None else self.piece, self.buttons)

    def _tempo_box(self) -> QSpinBox:
        box = QSpinBox()
        box.setRange(0, int(MAX_BPM))
        box.setSpecialValueText(self.tr("not set"))
        box.setSuffix(" BPM")
        return box

    def save(self) -> None:
        piece_id = self.piece.currentData()
        label_text, bars = self.label.text(), self.bars.text().strip()
        start = float(self.start_bpm.value()) or None
        target = float(self.target_bpm.value()) or None
        new_id: list[int] = []

        def op() -> Changes:
            passage_id, changes = library.add_passage(piece_id, label_text, bars, start, target)
            new_id.append(passage_id)
            return changes

        self.bus.run(op)
        self.saved.emit(new_id[0])
