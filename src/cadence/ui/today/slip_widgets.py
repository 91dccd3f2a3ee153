"""Slips on the Today page: the small word box that follows the slip key while practising (it
never stops the clock or asks anything: Enter keeps the word, Esc or simply going on leaves it),
and the reflection's question whether each slip was let go."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.records import SlipData
from cadence.domain.units import format_duration
from cadence.services.records.slips import NOTE_MAX
from cadence.ui.plurals import plural
from cadence.ui.widgets.common import muted


def where(slip: SlipData) -> str:
    return f"{format_duration(slip.elapsed_s or 0)}, after rep {slip.rep_index or 0}"


class _WordEdit(QLineEdit):
    done = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
            self.done.emit()
            return
        super().keyPressEvent(event)


class SlipWord(QWidget):
    """'Slip at 3:12, after rep 4 — let it go.' and a box for a word, if wanted."""

    word_given = Signal(str)  # Enter (or going on) with a word for the last slip
    finished = Signal()  # the box closed: the session's keys go back where they were

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SlipWord")
        self.line = muted(QLabel())
        self.line.setObjectName("SlipLine")
        self.edit = _WordEdit()
        self.edit.setObjectName("SlipWordEdit")
        self.edit.setMaxLength(NOTE_MAX)
        self.edit.setPlaceholderText(self.tr("A word about it? Enter keeps it, Esc leaves it"))
        self.edit.setMaximumWidth(360)
        self.edit.done.connect(self.close_word)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line)
        row.addWidget(self.edit, 1)
        self.edit.hide()
        self.hide()

    def show_slips(self, slips: list[SlipData]) -> None:
        if not slips:
            self.edit.hide()
            self.hide()
            return
        n = len(slips)
        count = plural(n, self.tr("%n slip", "", n), self.tr("%n slips", "", n))
        self.line.setText(
            self.tr("{0} · the last at {1} — let it go.").format(count, where(slips[-1]))
        )
        self.show()

    def open_word(self) -> None:
        """After the slip key: the box takes the keys (the session's shortcuts still work)."""
        self.edit.clear()
        self.edit.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_word(self) -> None:
        """Enter, Esc, the next count or the next slip: keep what was typed, close the box."""
        if not self.edit.isVisible():
            return
        text = self.edit.text().strip()
        self.edit.clear()
        self.edit.hide()
        if text:
            self.word_given.emit(text)
        self.finished.emit()


LET_GO_CHOICES = (
    (None, "Let it go?"),
    (True, "Yes, let go"),
    (False, "Not yet"),
)


class SlipsQuestion(QWidget):
    """For each slip of the session: was it let go? Not answering is an answer too (None)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SlipsQuestion")
        self.title = QLabel(self.tr("<b>Slips</b> — did you let each one go?"))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.combos: list[QComboBox] = []
        self._labels: list[QLabel] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        self.hide()

    def begin(self, slips: list[SlipData]) -> None:
        for widget in [*self.combos, *self._labels]:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.combos, self._labels = [], []
        for n, slip in enumerate(slips):
            text = self.tr("At {0}").format(where(slip))
            if slip.note:
                text += f" — {slip.note}"
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName(f"LetGo{n}")
            for value, words in LET_GO_CHOICES:
                combo.addItem(self.tr(words), value)
            combo.setCurrentIndex(0)
            combo.currentIndexChanged.connect(self.changed)
            label.setBuddy(combo)
            self.grid.addWidget(label, n, 0)
            self.grid.addWidget(combo, n, 1, Qt.AlignmentFlag.AlignLeft)
            self._labels.append(label)
            self.combos.append(combo)
        self.grid.setColumnStretch(0, 1)
        self.setVisible(bool(slips))

    def answers(self) -> list[bool | None]:
        return [LET_GO_CHOICES[combo.currentIndex()][0] for combo in self.combos]

    def set_answers(self, answers: list[bool | None]) -> None:
        index = {value: i for i, (value, _) in enumerate(LET_GO_CHOICES)}
        for combo, value in zip(self.combos, answers, strict=False):
            combo.setCurrentIndex(index.get(value, 0))
