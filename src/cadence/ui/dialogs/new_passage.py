"""'New piece/passage…' where a passage is chosen (Today's plan, the editor's blocks): the Music
view's Add piece and Add passage dialogs (ui/dialogs/repertoire.py), so a passage can be made
where it is needed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from cadence.services.records import library
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.repertoire import PassageDialog, PieceDialog

NEW_PASSAGE = "New piece/passage…"
_OPEN = "_new_passage_dialog"  # the dialog open now, kept on the widget it was opened from


def offer_new_passage(bus: AppBus, parent: QWidget, on_saved: Callable[[int], None]) -> QDialog:
    """Open the Add passage dialog (first Add piece when there is no piece yet); `on_saved`
    gets the new passage's id. Returns the dialog now open (tests answer it)."""

    def passage_dialog(piece_id: int | None) -> QDialog:
        pieces = [(p.id, p.title) for p in library.pieces()]
        dialog = PassageDialog(bus, pieces, piece_id, parent)
        dialog.saved.connect(on_saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        setattr(parent, _OPEN, dialog)
        return dialog

    if library.pieces():
        return passage_dialog(None)
    piece = PieceDialog(bus, parent)
    piece.setWindowTitle(piece.tr("Add a piece, then its passage"))

    def piece_saved() -> None:
        newest = max(library.pieces(), key=lambda p: p.id, default=None)
        passage_dialog(newest.id if newest else None)

    piece.accepted.connect(piece_saved)
    piece.finished.connect(piece.deleteLater)
    piece.open()
    setattr(parent, _OPEN, piece)
    return piece
