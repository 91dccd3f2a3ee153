"""The Reports view: choose a range (this week, last week, this month, a training cycle or any
dates), the discipline and who the report is for; the report shows in a print preview beside the
choices and can be previewed full size, printed or saved as a PDF.

The content comes from cadence.services.reports.build; cadence.ui.printing draws the charts, cuts the
pages and paints them. Long reports show progress and can be cancelled; nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QTimer
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cadence.domain.enums import Discipline
from cadence.domain.measures import week_start_of
from cadence.services.changes import Changes
from cadence.services.records.preferences import load_preferences
from cadence.services.reports.build import Audience, ReportSpec, build_report
from cadence.services.reports.build import training_cycles as load_cycles
from cadence.services.reports.html import esc, range_text, recipient_text
from cadence.services.stats.lazy import journal_span
from cadence.ui.bus import AppBus
from cadence.ui.icons import icon
from cadence.ui.printing import (
    MARGINS_MM,
    Cancelled,
    Progress,
    ReportPrinter,
    locale_formats,
    locale_page_size,
    preview_device,
)
from cadence.ui.sizing import keep_size
from cadence.ui.views.base import View
from cadence.ui.widgets.choosers import REPORT_CHOICES, DisciplineChooser, RangeChooser
from cadence.ui.widgets.page_preview import PagePreview

if TYPE_CHECKING:  # Qt's print support loads when something is printed or previewed in a dialog
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

PAGE_SIZES = (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter)
# The progress dialog shows only for work that lasts longer than this.
PROGRESS_AFTER_MS = 400


class ReportsView(View):
    NAME = "reports"

    def __init__(self, bus: AppBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.report: ReportPrinter | None = None
        self._progress: Progress | None = None
        self.error = ""
        self._building = False
        self._again = False
        self.save_dialog: QFileDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self.preview_dialog: QPrintPreviewDialog | None = None
        # what the preview beside the choices lays the report out for: a page at a printer's
        # resolution, never written to (a QPrinter would load the print system's plugins)
        self.page_device = preview_device(locale_page_size())
        self._printers: list[QPrinter] = []

        self._build_choices()
        # the pages beside the choices, each painted only while it shows (ui/widgets/page_preview)
        self.preview = PagePreview(self.page_device)
        self.preview.setObjectName("ReportPreview")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 14, 12, 10)
        layout.setSpacing(18)
        layout.addWidget(self.choices)
        layout.addWidget(self.preview, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh_now)
        # File → Print report… (Ctrl+P) and Save report as PDF…: the window's actions, declared
        # in the registry so they work before this view is built (use_file_actions)
        self.menu_actions: dict[str, QAction] = {}

    # --- the choices ------------------------------------------------------------------------

    def _open_demo(self) -> None:
        self.bus.command.emit("open-demo")

    def _open_preferences(self) -> None:
        self.bus.command.emit("preferences")

    def _build_choices(self) -> None:
        self.choices = QWidget()
        self.choices.setObjectName("ReportChoices")
        self.choices.setFixedWidth(330)
        self.discipline_box = DisciplineChooser()
        self.audience_group = QButtonGroup(self)
        audience = QVBoxLayout()
        audience.setSpacing(4)
        for i, (key, text) in enumerate(
            (
                (Audience.SELF, self.tr("Myself")),
                (Audience.TEACHER, self.tr("My teacher (music)")),
                (Audience.COACH, self.tr("My coach (running)")),
            )
        ):
            button = QRadioButton(text)
            button.setObjectName(f"Audience-{key.value}")
            button.setChecked(i == 0)
            self.audience_group.addButton(button, i)
            audience.addWidget(button)
        self.audiences = (Audience.SELF, Audience.TEACHER, Audience.COACH)
        self.paper_box = QComboBox()
        self.paper_box.setObjectName("ReportPaper")
        for size in PAGE_SIZES:
            self.paper_box.addItem(QPageSize(size).name(), size)
        self.paper_box.setCurrentIndex(PAGE_SIZES.index(locale_page_size().id()))

        form = QFormLayout()
        form.setVerticalSpacing(10)
        # the range chooser of every view, as rows of this form: Range, Cycle, Dates
        self.range_chooser = RangeChooser(preset="last_week", choices=REPORT_CHOICES, form=form)
        form.addRow(self.tr("Discipline:"), self.discipline_box)
        form.addRow(self.tr("For:"), audience)
        form.addRow(self.tr("Paper:"), self.paper_box)

        self.summary = QLabel()
        self.summary.setObjectName("ReportSummary")
        self.summary.setWordWrap(True)
        # methods, not lambdas holding `self`: the labels would hold the view (docs/architecture.md)
        self.summary.linkActivated.connect(self._open_demo)
        self.names_hint = QLabel()
        self.names_hint.setObjectName("ReportNamesHint")
        self.names_hint.setWordWrap(True)
        self.names_hint.linkActivated.connect(self._open_preferences)
        self.preview_button = QPushButton(icon("search"), self.tr("Preview…"))
        self.preview_button.setObjectName("ReportPreviewButton")
        self.print_button = QPushButton(icon("print"), self.tr("Print…"))
        self.print_button.setObjectName("ReportPrintButton")
        self.pdf_button = QPushButton(icon("export"), self.tr("Save PDF…"))
        self.pdf_button.setObjectName("ReportPdfButton")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addWidget(button)

        column = QVBoxLayout(self.choices)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        title = QLabel(self.tr("<h2>Reports</h2>"))
        intro = QLabel(
            self.tr(
                "A printable summary of a week, a month or a training cycle: for yourself, "
                "a teacher or a coach."
            )
        )
        intro.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.names_hint)
        column.addWidget(self.summary)
        column.addLayout(buttons)
        column.addStretch(1)

        self.range_chooser.changed.connect(self._changed)
        self.discipline_box.currentIndexChanged.connect(self._changed)
        self.audience_group.idClicked.connect(self._audience_changed)
        self.paper_box.currentIndexChanged.connect(self._paper_changed)
        self.preview_button.clicked.connect(self.open_preview)
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button.clicked.connect(self.save_pdf)

    @property
    def audience(self) -> Audience:
        return self.audiences[max(0, self.audience_group.checkedId())]

    @property
    def discipline(self) -> Discipline | None:
        return self.discipline_box.discipline

    def _audience_changed(self, _id: int) -> None:
        # A teacher reads the music, a coach the running; oneself both (all can be changed).
        wanted = {Audience.TEACHER: Discipline.MUSIC.value, Audience.COACH: "running"}
        value = wanted.get(self.audience)
        self.discipline_box.setCurrentIndex(self.discipline_box.findData(value))
        self._changed()

    def _paper_changed(self) -> None:
        self.page_device.setPageSize(QPageSize(self.paper_box.currentData()))
        self._changed()

    def _changed(self) -> None:
        self.timer.start()

    def spec(self) -> ReportSpec | None:
        """What the choices ask for; None (with the reason in `error`) when they cannot be met."""
        chooser = self.range_chooser
        dates = chooser.resolve(date.today(), load_preferences().week_start, None)
        if dates is None:
            self.error = chooser.error.text()
            return None
        start, end = dates
        label, cycle_id = "", None
        cycle = chooser.cycle  # (label, id), as this view gave set_cycles
        if isinstance(cycle, tuple):
            label, cycle_id = cycle
        try:
            spec = ReportSpec(start, end, self.discipline, self.audience, label, cycle_id)
        except ValueError as exc:
            self.error = str(exc)[:1].upper() + str(exc)[1:] + "."
            return None
        self.error = ""
        return spec

    def _fill_cycles(self) -> None:
        day = locale_formats().date
        self.range_chooser.set_cycles(
            [
                (
                    f"{cycle.name} ({day(cycle.start_date)} – {day(cycle.end_date)})",
                    (cycle.start_date, cycle.end_date),
                    (cycle.name, cycle.id),
                )
                for cycle in load_cycles()
            ]
        )

    # --- View -------------------------------------------------------------------------------

    def wants(self, changes: Changes) -> bool:
        return bool(
            changes.sessions
            or changes.day_entries
            or changes.plans
            or changes.repertoire
            or changes.preferences
            or changes.trash
        )

    def reload(self) -> None:
        """Build the report for the choices and show it in the preview."""
        if self._building:  # a change arrived while drawing: build again once this one is done
            self._again = True
            return
        self.timer.stop()
        self._fill_cycles()
        self._building = True
        try:
            self._build()
        finally:
            self._building = False
        if self._again:
            self._again = False
            self.timer.start()

    def _build(self) -> None:
        spec = self.spec()
        self._update_names_hint()
        if spec is None:
            self.report = None
            self.summary.setText(f"<span style='color:#B91C1C'>{esc(self.error)}</span>")
            self._set_actions_enabled(False)
            self.preview.show_pages(0, None)
            return
        content = build_report(spec)
        report = ReportPrinter(content, locale_formats())
        with self._busy(self.tr("Drawing the report…")) as progress:
            if not report.prepare(progress):
                self._stopped()
                return
            self.report = report
            self._set_actions_enabled(True)
            pages = report.layout_for(self.page_device)
            self.preview.show_pages(len(pages), self._paint_page)
        self._update_summary()

    def _stopped(self) -> None:
        self.summary.setText(self.tr("Stopped. Change a choice to build the report again."))

    def _update_summary(self) -> None:
        report = self.report
        if report is None:
            return
        content = report.content
        sessions = content.session_count
        lines = [
            # names and cycle names are the user's text, and the label reads rich text
            f"<b>{esc(recipient_text(content))}</b>",
            esc(range_text(content, report.formats)),
            " · ".join(
                (
                    self._count(sessions, self.tr("1 session"), self.tr("{n} sessions")),
                    self._count(len(content.charts), self.tr("1 chart"), self.tr("{n} charts")),
                    self._count(len(report.pages), self.tr("1 page"), self.tr("{n} pages")),
                )
            ),
        ]
        if not sessions and journal_span() is None:
            lines.append(
                self.tr("This journal has no sessions yet: <a href='demo'>open a demo journal</a>")
            )
        elif not sessions:
            lines.append(self.tr("No sessions in this range: choose a longer one."))
        self.summary.setText("<br>".join(lines))

    @staticmethod
    def _count(n: int, one: str, many: str) -> str:
        return one if n == 1 else many.format(n=n)

    def _update_names_hint(self) -> None:
        prefs = load_preferences()
        missing = {
            Audience.TEACHER: (prefs.teacher, self.tr("your teacher's")),
            Audience.COACH: (prefs.coach, self.tr("your coach's")),
        }.get(self.audience)
        if missing is None or missing[0].strip():
            self.names_hint.hide()
            return
        self.names_hint.setText(
            self.tr("Add {whose} name in <a href='prefs'>Preferences</a> to print it.").format(
                whose=missing[1]
            )
        )
        self.names_hint.show()

    def _set_actions_enabled(self, enabled: bool) -> None:
        for widget in (self.preview_button, self.print_button, self.pdf_button):
            widget.setEnabled(enabled)
        for action in self.menu_actions.values():
            action.setEnabled(enabled)

    @contextmanager
    def _busy(self, label: str) -> Iterator[Progress]:
        """A cancellable progress dialog, shown only when the work takes a while; the work
        calls the progress function between steps (charts, pages)."""
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 100, self)
        dialog.setWindowTitle(self.tr("Report"))
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)

        def progress(done: int, total: int, _what: str) -> bool:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        self._progress = progress
        try:
            yield progress
        finally:
            self._progress = None
            dialog.reset()
            # without auto-close, reset() leaves the dialog on screen until its deferred delete,
            # which a nested event loop can hold back: it kept the keyboard from the window
            dialog.hide()
            dialog.deleteLater()

    def _paint_page(self, painter: QPainter, number: int, clip: QRectF) -> None:
        """Paint a page of the report for the preview beside the choices, as it shows."""
        if self.report is not None:
            self.report.paint_page(painter, self.page_device, number, clip)

    def _paint(self, printer: QPrinter) -> None:
        """Paint the report for the preview dialog."""
        if self.report is None:
            return
        try:
            self.report.paint(printer, self._progress)
        except Cancelled:
            self._stopped()

    def open_item(self, payload: object) -> None:
        """A date shows its week; a (start, end) pair those dates."""
        if isinstance(payload, date):
            first = week_start_of(payload, load_preferences().week_start)
            payload = (first, first + timedelta(days=6))
        if isinstance(payload, tuple) and len(payload) == 2:
            self.range_chooser.set_custom(payload[0], payload[1])

    def use_file_actions(self, actions: dict[str, QAction]) -> None:
        self.menu_actions = actions

    @property
    def act_print(self) -> QAction:
        return self.menu_actions["print_report"]

    def file_command(self, method: str) -> None:
        self._from_menu(getattr(self, method))

    # --- printing ---------------------------------------------------------------------------

    def _ready(self) -> bool:
        """Build now if a change is waiting, so what is printed is what is chosen."""
        if self.timer.isActive() or self.report is None or self._stale:
            self.refresh_now()
        return self.report is not None

    def _from_menu(self, action) -> None:
        self.bus.navigate.emit(self.NAME, None)  # show what is being printed
        action()

    def open_preview(self) -> None:
        if not self._ready():
            return
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        dialog = QPrintPreviewDialog(self._dialog_printer(), self)
        dialog.setObjectName("ReportPreviewDialog")
        dialog.setWindowTitle(self.tr("Report preview"))
        dialog.paintRequested.connect(self._paint)
        keep_size(dialog, "report-preview", QSize(900, 1000))  # fitted to the screen
        self._keep_printer_for(dialog)
        self.preview_dialog = dialog
        dialog.open()

    def print_report(self) -> None:
        if not self._ready():
            return
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self._dialog_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("ReportPrintDialog")
        dialog.setWindowTitle(self.tr("Print report"))
        dialog.accepted.connect(lambda: self._print_to(printer))
        self._keep_printer_for(dialog)
        self.print_dialog = dialog
        QDialog.open(dialog)  # (PySide6's QPrintDialog.open wants a slot to call)

    def _dialog_printer(self) -> QPrinter:
        # Each dialog gets a printer of its own, alive as long as the dialog (Qt's dialogs keep
        # a pointer to theirs and may change it: page setup, printer choice).
        printer = self._new_printer(QPageSize(self.paper_box.currentData()))
        self._printers.append(printer)
        return printer

    def _keep_printer_for(self, dialog: QDialog) -> None:
        printer = self._printers[-1]
        dialog.finished.connect(dialog.deleteLater)
        dialog.destroyed.connect(
            lambda: printer in self._printers and self._printers.remove(printer)
        )

    @staticmethod
    def _new_printer(page_size: QPageSize) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(page_size)
        printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
        return printer

    def _print_to(self, printer: QPrinter) -> None:
        assert self.report is not None
        try:
            with self._busy(self.tr("Printing the report…")) as progress:
                pages = self.report.paint(printer, progress)
        except Cancelled:
            self.bus.status_message.emit(self.tr("Printing stopped."))
            return
        self.bus.status_message.emit(self.tr("Sent {n} pages to the printer").format(n=pages))

    def default_file_name(self) -> str:
        if self.report is None:
            return "cadence-report.pdf"
        spec = self.report.content.spec
        who = "" if spec.audience == Audience.SELF else f"-for-{spec.audience.value}"
        return f"cadence-report{who}-{spec.start.isoformat()}-to-{spec.end.isoformat()}.pdf"

    def save_pdf(self) -> None:
        if not self._ready():
            return
        dialog = QFileDialog(self, self.tr("Save report as PDF"))
        dialog.setObjectName("ReportSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF documents (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(Path.home()))
        dialog.selectFile(self.default_file_name())
        dialog.fileSelected.connect(lambda path: self.write_pdf(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        self.save_dialog = dialog
        dialog.open()

    def write_pdf(self, path: Path) -> None:
        assert self.report is not None
        try:
            with self._busy(self.tr("Writing the PDF…")) as progress:
                pages = self.report.write_pdf(
                    path, QPageSize(self.paper_box.currentData()), progress
                )
        except Cancelled:
            self.bus.status_message.emit(self.tr("Stopped: no PDF was written."))
            return
        except OSError as exc:
            self.bus.status_message.emit(
                self.tr("Could not write {path} ({error}); choose another folder.").format(
                    path=path, error=exc
                )
            )
            return
        self.bus.status_message.emit(
            self.tr("Saved the report ({n} pages) to {path}").format(n=pages, path=path)
        )
