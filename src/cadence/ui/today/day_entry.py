"""The day's journal (rest days too): free text in Markdown with a safe preview, and sleep,
soreness, stress, mood and resting heart rate."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDateTime, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from cadence.domain.records import DayEntryData
from cadence.services.records import days
from cadence.services.validation import ValidationError
from cadence.ui.bus import AppBus
from cadence.ui.safe_text import inert_resource
from cadence.ui.widgets.common import (
    Card,
    FieldErrors,
    ScaleCombo,
    error_label,
    hint,
    long_date,
    with_error,
)

SORENESS = {1: "none", 2: "a little", 3: "some", 4: "sore", 5: "very sore"}
STRESS = {1: "calm", 2: "a little", 3: "some", 4: "stressed", 5: "very stressed"}
MOOD = {1: "low", 2: "flat", 3: "okay", 4: "good", 5: "great"}
MARKDOWN = QTextDocument.MarkdownFeature


class SafeMarkdownView(QTextBrowser):
    """Shows the person's Markdown without fetching anything: no image or style sheet is loaded,
    local or remote, raw HTML is not interpreted, and links are not followed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.blocked: list[str] = []

    def loadResource(self, kind: int, name: QUrl) -> object:
        # A non-null stand-in, or QTextDocument would go on to read the file itself.
        self.blocked.append(name.toString())
        return inert_resource(kind)

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text, MARKDOWN.MarkdownDialectGitHub | MARKDOWN.MarkdownNoHTML)


class DayEntryCard(Card):
    """`edited` fires on every keystroke (for the draft); saving goes through the bus."""

    edited = Signal()

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.bus = bus
        self.day = date.today()
        self._saved_state: dict[str, Any] = {}
        self._filling = False
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            self.tr("How was the day? Sleep, work, what you noticed. Markdown works: *, **, #, -")
        )
        self.preview = SafeMarkdownView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.text, self.tr("Write"))
        self.tabs.addTab(self.preview, self.tr("Preview"))
        self.tabs.currentChanged.connect(self._tab_changed)
        # about seven lines of text: the pages' own size hints would make the card tall and empty
        lines = self.text.fontMetrics().lineSpacing()
        self.tabs.setFixedHeight(lines * 7 + 16 + self.tabs.tabBar().sizeHint().height())

        self.sleep = QDoubleSpinBox()
        self.sleep.setRange(0, 24)
        self.sleep.setSingleStep(0.25)
        self.sleep.setDecimals(2)
        self.sleep.setSuffix(self.tr(" h"))
        self.sleep.setSpecialValueText("—")
        self.resting_hr = QSpinBox()
        self.resting_hr.setRange(0, 250)
        self.resting_hr.setSpecialValueText("—")
        self.resting_hr.setSuffix(self.tr(" bpm"))
        self.soreness = ScaleCombo({k: self.tr(v) for k, v in SORENESS.items()})
        self.stress = ScaleCombo({k: self.tr(v) for k, v in STRESS.items()})
        self.mood = ScaleCombo({k: self.tr(v) for k, v in MOOD.items()})
        self.errors = FieldErrors(error_label())
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        fields = (
            ("sleep_h", self.tr("Sleep"), self.sleep),
            ("resting_hr", self.tr("Resting HR"), self.resting_hr),
            ("soreness", self.tr("Soreness"), self.soreness),
            ("stress", self.tr("Stress"), self.stress),
            ("mood", self.tr("Mood"), self.mood),
        )
        for n, (name, text, widget) in enumerate(fields):
            message = error_label()
            self.errors.add(name, widget, message)
            row, col = divmod(n, 2)
            grid.addWidget(QLabel(text), row, col * 2)
            grid.addWidget(with_error(widget, message), row, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.status = hint("")
        self.save_button = QPushButton(self.tr("Save day entry"))
        self.save_button.clicked.connect(self.save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        self.body.addWidget(self.tabs)
        self.body.addLayout(grid)
        self.body.addWidget(self.errors.general)
        self.body.addLayout(bottom)

        self.text.textChanged.connect(self._edited)
        for signal in (
            self.sleep.valueChanged,
            self.resting_hr.valueChanged,
            self.soreness.currentIndexChanged,
            self.stress.currentIndexChanged,
            self.mood.currentIndexChanged,
        ):
            signal.connect(self._edited)
        self.load(date.today())

    # --- reading and writing ---

    def load(self, day: date) -> None:
        """Show the saved entry of `day` (or an empty one)."""
        self.day = day
        entry = days.get_day_entry(day) or DayEntryData(day=day)
        self._fill(
            {
                "text": entry.text,
                "sleep": entry.sleep_h or 0,
                "resting_hr": entry.resting_hr or 0,
                "soreness": entry.soreness,
                "stress": entry.stress,
                "mood": entry.mood,
            }
        )
        self._saved_state = self.form_state()
        self.title.setText(self.tr("Day entry — {0}").format(long_date(day)))
        self.title.show()
        self._set_status()

    def _fill(self, state: dict[str, Any]) -> None:
        self._filling = True
        self.text.setPlainText(state.get("text", ""))
        self.sleep.setValue(float(state.get("sleep") or 0))
        self.resting_hr.setValue(int(state.get("resting_hr") or 0))
        self.soreness.set_value(state.get("soreness"))
        self.stress.set_value(state.get("stress"))
        self.mood.set_value(state.get("mood"))
        self._filling = False
        self.errors.clear()
        if self.tabs.currentWidget() is self.preview:
            self.preview.show_markdown(self.text.toPlainText())

    def form_state(self) -> dict[str, Any]:
        return {
            "text": self.text.toPlainText(),
            "sleep": self.sleep.value(),
            "resting_hr": self.resting_hr.value(),
            "soreness": self.soreness.value(),
            "stress": self.stress.value(),
            "mood": self.mood.value(),
        }

    @property
    def dirty(self) -> bool:
        return self.form_state() != self._saved_state

    def draft(self) -> dict[str, Any] | None:
        return {"day": self.day.isoformat(), **self.form_state()} if self.dirty else None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.load(date.fromisoformat(draft["day"]))
        self._fill(draft)
        self._set_status()

    def entry(self) -> DayEntryData:
        return DayEntryData(
            day=self.day,
            text=self.text.toPlainText(),
            sleep_h=self.sleep.value() or None,
            resting_hr=self.resting_hr.value() or None,
            soreness=self.soreness.value(),
            stress=self.stress.value(),
            mood=self.mood.value(),
            reflections=(days.get_day_entry(self.day) or DayEntryData(self.day)).reflections,
        )

    def save(self) -> bool:
        entry = self.entry()
        try:
            self.bus.run(lambda: days.save_day_entry(entry))
        except ValidationError as exc:
            widget = self.errors.show(exc.errors)
            if widget is not None:
                widget.setFocus()
            return False
        self.errors.clear()
        self._saved_state = self.form_state()
        saved_day = self.day
        if saved_day != date.today():  # a restored draft of another day: back to today
            self.load(date.today())
        self._set_status(saved=True)
        self.edited.emit()
        return True

    # --- small things ---

    def _edited(self) -> None:
        if self._filling:
            return
        self._set_status()
        self.edited.emit()

    def _set_status(self, saved: bool = False) -> None:
        if saved:
            now = QDateTime.currentDateTime().toString("HH:mm")
            self.status.setText(self.tr("Saved at {0}.").format(now))
        elif self.dirty:
            self.status.setText(self.tr("Kept as a draft while you write; Save to file it."))
        elif self._saved_state.get("text") or any(
            v for k, v in self._saved_state.items() if k != "text"
        ):
            self.status.setText(self.tr("Saved."))
        else:
            self.status.setText(self.tr("Rest days belong here too."))

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            self.preview.show_markdown(self.text.toPlainText())
