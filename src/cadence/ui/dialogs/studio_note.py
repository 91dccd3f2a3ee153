"""A teacher's or coach's "Note for alice…": a note or an assignment for a student they teach
(it appears in the student's Today as a proposed intention), with the notes already written to
them and what they answered. Ctrl+Enter writes it, Esc closes.

`open_note_dialog(bus, student, parent)` opens it for one student (what the people picker calls);
`note_action(window, bus)` is File → "Note for a student…", which asks whom first and shows only
on a studio's server journal, for someone who teaches (`refresh_note_action`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, label
from cadence.domain.notes import Note, NoteKind
from cadence.services.studio import notes as studio_notes
from cadence.services.studio.members import StudioError
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.event_review import plain_label
from cadence.ui.widgets.fields import FieldError

SHOWN_BEFORE = 5  # the latest notes to this student, shown under the new one


def _earlier(note: Note) -> str:
    state = "done" if note.done else "taken up" if note.session_id is not None else "open"
    line = f"{note.created_at:%d %b}, {note.kind.value}, {state}: {note.text}"
    if note.answer:
        line += f"\n    {note.student}: {note.answer}"
    return line


class StudioNoteDialog(QDialog):
    def __init__(self, bus: AppBus, student: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.student = student
        self.setWindowTitle(self.tr("Note for {0}").format(student))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Note — something to think about or try"), NoteKind.NOTE.value)
        self.kind.addItem(self.tr("Assignment — something to practise"), NoteKind.ASSIGNMENT.value)
        self.discipline = QComboBox()
        self.discipline.addItem(self.tr("Either"), None)
        for discipline in Discipline:
            self.discipline.addItem(self.tr(label(discipline)), discipline.value)
        self.passage = QLineEdit()
        self.passage.setPlaceholderText(self.tr("e.g. bars 33–48 (optional)"))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.installEventFilter(self)  # Ctrl+Enter writes it (Enter is a new line)
        self.text.setPlaceholderText(
            self.tr("e.g. bars 33–48 at ♩=80, hands separately. Its first line is the intention.")
        )
        form = QFormLayout()
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("&For"), self.discipline)
        form.addRow(self.tr("&Passage"), self.passage)
        form.addRow(self.tr("&Note"), self.text)
        self.error = FieldError()
        written = studio_notes.notes_written(student)[:SHOWN_BEFORE]
        self.earlier = plain_label("\n".join(_earlier(n) for n in written))
        self.earlier.setVisible(bool(written))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Write it"))
        self.save_button.setToolTip(self.tr("Ctrl+Enter"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        intro = QLabel(
            self.tr("It appears in {0}'s Today as a proposed intention.").format(student)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if written:
            layout.addWidget(QLabel(self.tr("<b>Written before</b>")))
            layout.addWidget(self.earlier)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self.text.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        text = self.text.toPlainText()  # the service says what a note must hold
        try:
            self.bus.run(
                lambda: studio_notes.write_note(
                    self.student,
                    text,
                    self.kind.currentData(),
                    self.discipline.currentData(),
                    self.passage.text(),
                )
            )
        except StudioError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.text.setFocus()
            return
        self.bus.status_message.emit(self.tr("Wrote a note for {0}").format(self.student))
        super().accept()


def open_note_dialog(bus: AppBus, student: str, parent: QWidget | None = None) -> StudioNoteDialog:
    """Open "Note for <student>" (not modal, like the app's other editors); returns it."""
    dialog = StudioNoteDialog(bus, student, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def ask_and_open(bus: AppBus, parent: QWidget) -> StudioNoteDialog | None:
    """Ask which student (when one teaches several), then open their note dialog."""
    students = studio_notes.students_i_teach()
    if not students:
        return None
    if len(students) == 1:
        return open_note_dialog(bus, students[0], parent)
    name, ok = QInputDialog.getItem(
        parent, parent.tr("Note for a student"), parent.tr("Student:"), students, 0, False
    )
    return open_note_dialog(bus, name, parent) if ok and name else None


def note_action(window: QWidget, bus: AppBus) -> QAction:
    """File → "Note for a student…"; call refresh_note_action when another journal opens."""
    act = QAction(window.tr("Note for a s&tudent…"), window)
    act.setToolTip(window.tr("A note or an assignment for a student you teach"))
    act.triggered.connect(lambda: ask_and_open(bus, window))
    refresh_note_action(act)
    return act


def refresh_note_action(act: QAction) -> None:
    """Shown on a studio's server journal, for someone who teaches a student there."""
    act.setVisible(bool(studio_notes.students_i_teach()))
