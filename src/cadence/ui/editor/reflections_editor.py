"""Answers to the discipline's reflection prompts, each with 'share in reports'."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline, ReflectionPrompt
from cadence.domain.records import ReflectionData
from cadence.services.records.library import reflection_prompts
from cadence.ui.widgets.fields import FieldError


class ReflectionBox(QWidget):
    def __init__(self, prompt: ReflectionPrompt, question: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.prompt = prompt
        self.question = QLabel(f"<b>{html.escape(question)}</b>")
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(72)
        self.text.setTabChangesFocus(True)
        self.share = QCheckBox(self.tr("Share in reports"))
        self.share.setToolTip(self.tr("Printed reports for a teacher or coach include this answer"))
        self.error = FieldError()
        top = QHBoxLayout()
        top.addWidget(self.question, 1)
        top.addWidget(self.share)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.error)

    def data(self) -> ReflectionData:
        return ReflectionData(self.prompt, self.text.toPlainText().strip(), self.share.isChecked())


class ReflectionsEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[ReflectionBox] = []
        self._kept: list[int] = []
        self.list = QVBoxLayout()
        self.list.setSpacing(8)
        intro = QLabel(
            self.tr(
                "Look back briefly: what worked, what to let go of, what to try next. "
                "Empty answers are not saved."
            )
        )
        intro.setWordWrap(True)
        intro.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.list)
        layout.addStretch(1)

    def set_reflections(self, discipline: Discipline, reflections: list[ReflectionData]) -> None:
        """The discipline's prompts, filled with the answers given; answers to other prompts
        (an older template, a free note) keep a box of their own."""
        for box in self.boxes:
            box.hide()
            box.deleteLater()
        self.boxes = []
        answers = {r.prompt: r for r in reflections}
        prompts = list(reflection_prompts(discipline))
        asked = {p for p, _ in prompts}
        if ReflectionPrompt.FREE not in asked:
            prompts.append((ReflectionPrompt.FREE, self.tr("Anything else?")))
        extra = [r for r in reflections if r.prompt not in asked | {ReflectionPrompt.FREE}]
        for prompt, question in prompts:
            box = ReflectionBox(prompt, question)
            answer = answers.get(prompt)
            if answer is not None:
                box.text.setPlainText(answer.text)
                box.share.setChecked(answer.share_in_reports)
            self._add(box)
        for answer in extra:
            box = ReflectionBox(answer.prompt, answer.prompt.value.replace("_", " ").capitalize())
            box.text.setPlainText(answer.text)
            box.share.setChecked(answer.share_in_reports)
            self._add(box)

    def _add(self, box: ReflectionBox) -> None:
        self.boxes.append(box)
        self.list.addWidget(box)

    def switch_discipline(self, discipline: Discipline) -> None:
        self.set_reflections(discipline, self.reflections())

    def reflections(self) -> list[ReflectionData]:
        self._kept = [i for i, box in enumerate(self.boxes) if box.data().text]
        return [self.boxes[i].data() for i in self._kept]

    def state(self) -> tuple:
        return tuple((b.text.toPlainText(), b.share.isChecked()) for b in self.boxes)

    def show_error(self, index: int | None, message: str) -> QWidget:
        if index is None or index >= len(self._kept):
            return self
        box = self.boxes[self._kept[index]]
        box.error.show_message(message)
        return box.text

    def clear_errors(self) -> None:
        for box in self.boxes:
            box.error.clear()
