"""The slips of a session as an editable table: when (time or rep), the word, whether it was let
go, and the reps after it and the good ones among them (docs/measures.md, "Slips")."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem, QWidget

from cadence.domain.records import SlipData
from cadence.domain.units import DURATION_HINT, duration_words
from cadence.ui.editor.table_base import ORIGINAL_ROLE, TimedRowsEditor
from cadence.ui.widgets.fields import (
    format_number,
    parse_number,
    parse_optional_duration,
)

HEADERS = ("At (time)", "Rep", "Let go", "Reps after", "Good after", "Word")
AT, REP, LET_GO, AFTER, GOOD, NOTE = range(len(HEADERS))
COLUMN_OF = {
    "elapsed_s": AT,
    "rep_index": REP,
    "let_go": LET_GO,
    "reps_after": AFTER,
    "good_after": GOOD,
    "note": NOTE,
    "block_position": AT,
}
LET_GO_CHOICES = ((None, "not answered"), (True, "yes"), (False, "not yet"))
_BLOCK_ROLE = Qt.ItemDataRole.UserRole + 2  # the key of the block it belongs to (moves with it)


class SlipsEditor(TimedRowsEditor):
    HEADERS = HEADERS
    COLUMN_OF = COLUMN_OF
    ROW_NAME = "Slip {n}"
    FIRST_COLUMN = AT

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("SlipsTable", "Add slip", NOTE, parent)
        for col, width in ((AT, 80), (REP, 50), (LET_GO, 120), (AFTER, 90), (GOOD, 90)):
            self.table.setColumnWidth(col, width)
        self.table.setToolTip(
            self.tr(
                "Time from the start: {0}; or the repetition it came at. Good after: clean "
                "reps (music), else reps before the next slip"
            ).format(self.tr(DURATION_HINT))
        )
        self.add_button.clicked.connect(lambda: self.start_editing(self.add_slip()))

    def add_slip(self, slip: SlipData | None = None, block_key: int | None = None) -> int:
        slip = slip or SlipData()
        row = self.table.rowCount()
        self.table.insertRow(row)
        at = QTableWidgetItem(duration_words(slip.elapsed_s) if slip.elapsed_s else "")
        at.setData(ORIGINAL_ROLE, slip)
        at.setData(_BLOCK_ROLE, block_key)
        self.table.setItem(row, AT, at)
        self.table.setItem(row, REP, QTableWidgetItem(format_number(slip.rep_index)))
        self.table.setItem(row, AFTER, QTableWidgetItem(format_number(slip.reps_after)))
        self.table.setItem(row, GOOD, QTableWidgetItem(format_number(slip.good_after)))
        self.table.setItem(row, NOTE, QTableWidgetItem(slip.note))
        self.table.setItem(row, LET_GO, QTableWidgetItem())
        combo = QComboBox()
        for _value, words in LET_GO_CHOICES:
            combo.addItem(self.tr(words))
        combo.setCurrentIndex(next(i for i, c in enumerate(LET_GO_CHOICES) if c[0] is slip.let_go))
        self.table.setCellWidget(row, LET_GO, combo)
        return row

    def set_slips(self, slips: list[SlipData], block_keys: list[int]) -> None:
        self.table.setRowCount(0)
        for slip in slips:
            self.add_slip(slip, self.block_key(slip.block_position, block_keys))

    def slips(self, block_keys: list[int]) -> tuple[list[SlipData], dict[str, str]]:
        """The slips as typed (each keeps its block while the session has it, wherever it was
        moved), and what could not be read."""
        result: list[SlipData] = []
        errors: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            original: SlipData = self.cell_item(row, AT).data(ORIGINAL_ROLE)
            at = f"slips[{row}]"
            values: dict[str, object] = {}
            try:
                values["elapsed_s"] = parse_optional_duration(
                    self.cell_item(row, AT).text(), self.tr("Time"), self.craft
                )
            except ValueError as exc:
                errors[f"{at}.elapsed_s"] = str(exc)
            for col, name, what in (
                (REP, "rep_index", "Rep"),
                (AFTER, "reps_after", "Reps after"),
                (GOOD, "good_after", "Good after"),
            ):
                try:
                    values[name] = parse_number(
                        self.cell_item(row, col).text(), self.tr(what), whole=True
                    )
                except ValueError as exc:
                    errors[f"{at}.{name}"] = str(exc)
            key = self.cell_item(row, AT).data(_BLOCK_ROLE)
            result.append(
                replace(
                    original,
                    **values,
                    let_go=LET_GO_CHOICES[self.cell_combo(row, LET_GO).currentIndex()][0],
                    note=self.cell_item(row, NOTE).text().strip(),
                    block_position=block_keys.index(key) if key in block_keys else None,
                )
            )
        return result, errors

    def state(self) -> tuple:
        cells = []
        for row in range(self.table.rowCount()):
            for col in (AT, REP, AFTER, GOOD, NOTE):
                cells.append(self.cell_item(row, col).text())
            cells.append(self.cell_combo(row, LET_GO).currentIndex())
        return tuple(cells)
