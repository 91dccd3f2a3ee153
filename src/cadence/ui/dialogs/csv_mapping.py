"""Which column of a practice spreadsheet holds what: one combo per field, the guess preselected,
the first rows shown, and a check of the whole file before anything is imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cadence.services.imports import CSV_FIELDS, CsvMapping, guess_mapping, parse_music_csv
from cadence.services.imports.common import MAX_CSV_BYTES, Refused
from cadence.services.imports.files import read_file
from cadence.services.imports.music_csv import REQUIRED, preview_rows
from cadence.ui.sizing import keep_size
from cadence.ui.widgets.common import ERROR_COLOUR

PREVIEW_ROWS = 6
# The whole file is checked on every change of the mapping only while that stays instant.
CHECK_LIMIT_BYTES = 2 * 1024 * 1024
FIELD_TITLES = {
    "date": "Date",
    "minutes": "Minutes",
    "piece": "Piece",
    "notes": "Notes",
    "title": "Title",
    "kind": "Kind",
    "start": "Start time",
    "bpm": "Tempo (BPM)",
    "rpe": "Effort (RPE)",
    "focus": "Focus",
}
DATE_FORMATS = (
    ("Work it out from the dates", None),
    ("Day first (31/12/2024)", "%d/%m/%Y"),
    ("Month first (12/31/2024)", "%m/%d/%Y"),
    ("Year first (2024-12-31)", "%Y-%m-%d"),
)


@dataclass(frozen=True)
class CsvPreview:
    data: bytes  # the whole file while it is small enough to check on every change, else b""
    header: list[str]
    rows: list[list[str]]
    size: int = 0


def read_preview(path: Path, rows: int = PREVIEW_ROWS) -> CsvPreview:
    """The header and first rows (and a small file's bytes); Refused (with the reason) if it
    cannot be read. A large file is read as a stream, never held whole."""
    # music_csv's own reader, so the preview splits columns exactly as the import will
    header, first_rows = preview_rows(path, rows)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror or exc})") from exc
    data = read_file(path, MAX_CSV_BYTES) if size <= CHECK_LIMIT_BYTES else b""
    return CsvPreview(data, header, first_rows, size)


class CsvMappingDialog(QDialog):
    """Accepting it means: import this file with `mapping()`."""

    def __init__(self, path: Path, preview: CsvPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.preview = preview
        self.setWindowTitle(self.tr("Import a practice log"))

        heading = QLabel(self.tr("Which column holds what in “{name}”?").format(name=path.name))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        heading.setFont(font)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a file name is text, never markup
        intro = QLabel(
            self.tr(
                "Each row becomes one practice session. Date and minutes are needed; the rest is "
                "optional. Columns named like a field are chosen already."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")

        self.combos: dict[str, QComboBox] = {}
        guessed = guess_mapping(preview.header).columns
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        half = (len(CSV_FIELDS) + 1) // 2
        for i, (name, meaning) in enumerate(CSV_FIELDS.items()):
            combo = QComboBox()
            combo.addItem(self.tr("— not in this file —"), "")
            for column in preview.header:
                combo.addItem(column, column)
            if name in guessed:
                combo.setCurrentIndex(combo.findData(guessed[name]))
            combo.setToolTip(meaning)
            combo.currentIndexChanged.connect(self._update)
            title = self.tr(FIELD_TITLES.get(name, name))
            label = QLabel(title + (" *" if name in REQUIRED else ""))
            label.setToolTip(meaning)
            label.setBuddy(combo)
            row, col = i % half, (i // half) * 3
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.combos[name] = combo
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        self.date_format = QComboBox()
        for text, value in DATE_FORMATS:
            self.date_format.addItem(self.tr(text), value)
        self.date_format.currentIndexChanged.connect(self._update)
        grid.addWidget(QLabel(self.tr("Date order")), half, 0)
        grid.addWidget(self.date_format, half, 1)

        self.table = QTableWidget(len(preview.rows), len(preview.header))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        for r, row in enumerate(preview.rows):
            for c in range(len(preview.header)):
                self.table.setItem(r, c, QTableWidgetItem(row[c] if c < len(row) else ""))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setMinimumHeight(190)

        self.check = QLabel()
        self.check.setObjectName("MappingCheck")
        self.check.setWordWrap(True)
        self.check.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        # the texts change while the dialog is shown; its size is set once, not chased
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        first_rows = QLabel(self.tr("The first rows of the file"))
        first_rows.setStyleSheet("font-weight: 600;")
        layout.addSpacing(4)
        layout.addWidget(first_rows)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.check)
        layout.addWidget(self.buttons)
        minimum = self.minimumSizeHint()
        self.setMinimumSize(max(minimum.width(), 720), minimum.height())
        keep_size(self, "csv-mapping", QSize(max(minimum.width(), 860), max(minimum.height(), 620)))
        self._update()

    def mapping(self) -> CsvMapping:
        columns = {name: combo.currentData() for name, combo in self.combos.items()}
        return CsvMapping(
            {name: column for name, column in columns.items() if column},
            date_format=self.date_format.currentData(),
        )

    def _update(self) -> None:
        mapping = self.mapping()
        # the preview's header says which field each column feeds
        fields_of: dict[str, list[str]] = {}
        for name, column in mapping.columns.items():
            fields_of.setdefault(column, []).append(self.tr(FIELD_TITLES.get(name, name)))
        for c, column in enumerate(self.preview.header):
            fed = fields_of.get(column)
            text = f"{column}\n→ {', '.join(fed)}" if fed else f"{column}\n{self.tr('(not used)')}"
            self.table.setHorizontalHeaderItem(c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()  # a handful of rows: cheap
        for c in range(self.table.columnCount()):
            self.table.setColumnWidth(c, min(max(self.table.columnWidth(c), 80), 260))
        missing = [self.tr(FIELD_TITLES[n]) for n in REQUIRED if n not in mapping.columns]
        self.import_button.setEnabled(not missing)
        if missing:
            self._say(
                self.tr("Choose the column for: {fields}.").format(fields=", ".join(missing)), True
            )
            return
        if self.preview.size > CHECK_LIMIT_BYTES:
            self._say(self.tr("The rows are checked as they are imported."), False)
            return
        try:
            sessions = parse_music_csv(self.preview.data, mapping)
        except Refused as exc:
            self.import_button.setEnabled(False)
            reason = self.tr("As mapped, this file would be refused: it {reason}")
            self._say(reason.format(reason=str(exc)), True)
            return
        self._say(
            self.tr("Ready: {n} practice sessions, from {first} to {last}.").format(
                n=len(sessions),
                first=min(s.local_date for s in sessions).isoformat(),
                last=max(s.local_date for s in sessions).isoformat(),
            ),
            False,
        )

    def _say(self, text: str, problem: bool) -> None:
        self.check.setText(text)
        colour = ERROR_COLOUR if problem else "palette(placeholder-text)"
        self.check.setStyleSheet(f"color: {colour};")
