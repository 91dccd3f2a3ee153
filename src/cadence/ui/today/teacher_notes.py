"""A teacher's notes in a student's Today (a journal on a studio's server): above the intentions,
each open note with a button that makes it this session's intention and links the session to it;
in the reflection, a box to answer the note the session took up and to mark it done."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline
from cadence.domain.notes import Note, NoteKind, as_intention
from cadence.services.studio import notes as studio_notes

SHOWN = 3  # notes offered at once, oldest first; the rest wait their turn


def describe(note: Note) -> str:
    what = "assignment" if note.kind == NoteKind.ASSIGNMENT else "note"
    about = f" ({note.passage})" if note.passage else ""
    return f"{note.teacher}'s {what}{about}: “{note.text}”"


class TeacherNotes(QWidget):
    """The open notes addressed to me, each with "Take it up"."""

    take_requested = Signal(str, str)  # the note's uid, the intention it becomes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TeacherNotes")
        self.notes: list[Note] = []
        self.taken: str | None = None
        self.labels: list[QLabel] = []
        self.buttons: list[QPushButton] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setColumnStretch(0, 1)
        for i in range(SHOWN):
            label = QLabel()
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            button = QPushButton(self.tr("Take it up"))
            button.setToolTip(
                self.tr("Write it as this session's intention; the reflection can answer it")
            )
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, i=i: self._take(i))
            layout.addWidget(label, i, 0)
            layout.addWidget(button, i, 1)
            self.labels.append(label)
            self.buttons.append(button)
        self.hide()

    def refresh(self, discipline: Discipline) -> None:
        self.notes = studio_notes.notes_for_me(str(discipline))[:SHOWN]
        for i, (label, button) in enumerate(zip(self.labels, self.buttons, strict=True)):
            note = self.notes[i] if i < len(self.notes) else None
            label.setVisible(note is not None)
            button.setVisible(note is not None)
            if note is not None:
                label.setText(describe(note))
        self.mark_taken(self.taken)
        self.setVisible(bool(self.notes))

    def mark_taken(self, uid: str | None) -> None:
        self.taken = uid
        for note, button in zip(self.notes, self.buttons, strict=False):
            chosen = note.uid == uid
            button.setEnabled(not chosen)
            button.setText(self.tr("Taken up") if chosen else self.tr("Take it up"))

    def _take(self, i: int) -> None:
        note = self.notes[i]
        self.take_requested.emit(note.uid, as_intention(note.text))


class NoteAnswer(QWidget):
    """In the reflection: the note this session took up, my answer to it, and whether it is
    done. Hidden when the session took up no note."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NoteAnswer")
        self.uid: str | None = None
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.edit = QPlainTextEdit()
        self.edit.setPlaceholderText(self.tr("Your answer (your teacher reads it)"))
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(70)
        self.done = QCheckBox(self.tr("Done with it: take it off my Today"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.note_label)
        layout.addWidget(self.edit)
        layout.addWidget(self.done)
        self.edit.textChanged.connect(self.changed)
        self.done.toggled.connect(self.changed)
        self.hide()

    def begin(self, uid: str | None) -> None:
        self.edit.clear()
        self.done.setChecked(False)
        note = studio_notes.note_for_me(uid) if uid else None
        self.uid = uid if note is not None else None
        if note is not None:
            self.note_label.setText(self.tr("Answering {0}").format(describe(note)))
            self.edit.setPlainText(note.answer)
            self.done.setChecked(note.done)
        self.setVisible(note is not None)

    def value(self) -> tuple[str, str, bool] | None:
        """(the note's uid, my answer, done), or None when the session took up no note."""
        if self.uid is None:
            return None
        return self.uid, self.edit.toPlainText(), self.done.isChecked()

    def state(self) -> dict[str, Any]:
        return {"text": self.edit.toPlainText(), "done": self.done.isChecked()}

    def restore(self, state: dict[str, Any]) -> None:
        if self.uid is not None and state:
            self.edit.setPlainText(str(state.get("text", "")))
            self.done.setChecked(bool(state.get("done")))
