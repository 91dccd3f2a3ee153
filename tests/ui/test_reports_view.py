"""The Reports view driven like a person (range, audience, Save PDF… through the file dialog,
preview, Ctrl+P), and the printing machinery under it: the document that loads no file or URL,
and the page cutter that never splits a row and keeps headings with what follows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit
from tests.conftest import make_session
from tests.test_cli_report import image_count, page_texts

from cadence.domain.enums import Discipline
from cadence.domain.ranges import preset_range
from cadence.services.demo.generate import generate_demo
from cadence.services.records.journal import save_session
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.services.reports.build import Audience, ReportSpec, build_report, training_cycles
from cadence.ui.main_window import MainWindow
from cadence.ui.printing import (
    Cancelled,
    ReportDocument,
    ReportPrinter,
    Unit,
    cut_pages,
    locale_page_size,
)
from cadence.ui.views.reports import ReportsView
from cadence.ui.widgets.choosers import RangeChooser

LEFT = Qt.MouseButton.LeftButton
TODAY = date.today()


def choose(qtbot, combo: QComboBox, key: object) -> None:
    """Pick an entry with the keyboard, as a person would."""
    combo.setFocus()
    target = combo.findData(key)
    assert target >= 0, key
    while combo.currentIndex() != target:
        step = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, step)


def reports(qtbot, window: MainWindow) -> ReportsView:
    """Show the view with Ctrl+7 and wait for its report."""
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    view = window.current_view()
    assert isinstance(view, ReportsView)
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    return view


def settled(qtbot, view: ReportsView) -> None:
    qtbot.waitUntil(lambda: not view.timer.isActive() and not view._building, timeout=20_000)


@pytest.fixture
def demo_window(main_window: MainWindow) -> MainWindow:
    """The window on a demo journal of the last four months, ending today."""
    generate_demo(0.35, 1, TODAY)
    save_preferences(Preferences(name="Ada", teacher="Ms Rivera"))
    return main_window


# the offscreen platform cannot pass a file dialog's size hints on to a window manager
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_save_a_teacher_report_as_pdf(qtbot, demo_window: MainWindow, tmp_path: Path) -> None:
    view = reports(qtbot, demo_window)
    assert view.range_chooser.preset_box.currentData() == "last_week"
    choose(qtbot, view.range_chooser.preset_box, "last_month")
    qtbot.mouseClick(view.audience_group.button(1), LEFT)  # My teacher
    assert view.discipline_box.currentData() == "music"  # a teacher reads the music
    settled(qtbot, view)
    content = view.report.content
    first, last = preset_range("last_month", TODAY)
    assert (content.spec.start, content.spec.end) == (first, last)
    assert content.spec.audience is Audience.TEACHER and content.recipient == "Ms Rivera"
    assert "For Ms Rivera" in view.summary.text()
    assert view.preview.page_count() == len(view.report.pages) > 0

    qtbot.mouseClick(view.pdf_button, LEFT)
    dialog = view.save_dialog
    assert dialog is not None and dialog.isVisible()  # open, not blocking
    name = dialog.findChild(QLineEdit)
    assert name.text() == f"cadence-report-for-teacher-{first}-to-{last}.pdf"
    target = tmp_path / "for-ms-rivera.pdf"
    name.setText(str(target))  # (typing would pop up the completer, which offscreen Qt warns of)
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    qtbot.waitUntil(target.exists, timeout=20_000)

    text = "\n".join(page_texts(target))
    assert "Music practice report" in text and "For Ms Rivera" in text
    assert "Passages: tempo and accuracy" in text
    assert sum(image_count(target)) == len(content.charts) > 0
    with target.open("rb") as handle:
        assert len(pypdf.PdfReader(handle).pages) == len(view.report.pages)
    assert demo_window.statusBar().currentMessage().startswith("Saved the report")
    assert not list(tmp_path.glob(".*.part"))  # written through a temporary file


def test_a_training_cycle_and_a_paper_size(qtbot, demo_window: MainWindow, tmp_path) -> None:
    view = reports(qtbot, demo_window)
    choose(qtbot, view.range_chooser.preset_box, "cycle")
    assert view.range_chooser.cycle_box.isVisible() and view.range_chooser.cycle_box.count() > 0
    settled(qtbot, view)
    name, cycle_id = view.range_chooser.cycle_box.currentData()
    cycle = next(c for c in training_cycles() if c.id == cycle_id)
    start, end = cycle.start_date, cycle.end_date
    spec = view.report.content.spec
    assert (spec.label, spec.start, spec.end, spec.cycle_id) == (name, start, end, cycle_id)
    assert view.report.content.cycle.name == name  # the cycle's own part: phases, focus targets
    assert (
        view.range_chooser.start_edit.date().toPython(),
        view.range_chooser.end_edit.date().toPython(),
    ) == (start, end)
    assert name in view.summary.text()
    a4, letter = QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter
    assert view.paper_box.currentData() == locale_page_size().id()
    other = letter if view.paper_box.currentData() == a4 else a4
    choose(qtbot, view.paper_box, other)
    settled(qtbot, view)
    view.write_pdf(tmp_path / "cycle.pdf")
    with (tmp_path / "cycle.pdf").open("rb") as handle:
        pdf = pypdf.PdfReader(handle)
        box = pdf.pages[0].mediabox
        wanted, text = (f"The cycle: {name}", "Phases: load and minutes"), ""
        for page in pdf.pages:  # until both are read: a page's text costs ~0.4 s to extract
            text = " ".join([text, *page.extract_text().split()])
            if all(words in text for words in wanted):
                break
    assert all(words in text for words in wanted), text
    size = (round(float(box.width)), round(float(box.height)))
    assert size == ((595, 842) if other == a4 else (612, 792))


def test_reversed_dates_are_explained(qtbot, demo_window: MainWindow) -> None:
    view = reports(qtbot, demo_window)
    choose(qtbot, view.range_chooser.preset_box, "custom")
    assert view.range_chooser.start_edit.isEnabled()
    view.range_chooser.start_edit.setFocus()
    view.range_chooser.start_edit.setDate(view.range_chooser.end_edit.date().addDays(3))
    settled(qtbot, view)
    assert "swap the two dates" in view.summary.text()
    assert not view.pdf_button.isEnabled() and not view.act_print.isEnabled()
    view.range_chooser.end_edit.setDate(view.range_chooser.start_edit.date().addDays(6))
    settled(qtbot, view)
    assert view.pdf_button.isEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_preview_and_print_dialogs_open_without_blocking(qtbot, demo_window: MainWindow) -> None:
    view = reports(qtbot, demo_window)
    qtbot.mouseClick(view.preview_button, LEFT)
    preview = view.preview_dialog
    assert isinstance(preview, QPrintPreviewDialog)
    qtbot.waitExposed(preview)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == len(view.report.pages))
    preview.reject()
    # Ctrl+P from another view shows the report and opens the print dialog (also after a
    # report that took a while showed its progress dialog: the window has the keyboard again)
    settled(qtbot, view)
    demo_window.show_view("today")
    # no progress dialog is left on screen holding the keyboard; the offscreen platform has no
    # window manager to give the window back its focus when the preview closes, so do it here
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [demo_window]
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window)
    qtbot.keyClick(demo_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.current_view() is view
    dialog = view.print_dialog
    assert isinstance(dialog, QPrintDialog)
    qtbot.waitExposed(dialog)
    dialog.reject()
    texts = [a.text() for a in demo_window.file_menu.actions()]
    assert "&Print report…" in texts and "Save report as P&DF…" in texts


def test_a_new_session_updates_the_report(qtbot, demo_window: MainWindow) -> None:
    view = reports(qtbot, demo_window)
    before = view.report.content.session_count
    first, _last = preset_range("last_week", TODAY)
    session = make_session(Discipline.MUSIC, day=first, minutes=25)
    demo_window.bus.run(lambda: save_session(session))
    settled(qtbot, view)
    assert view.report.content.session_count == before + 1


# --- the document and the pages -----------------------------------------------------------------


def test_the_document_loads_only_its_charts(qapp, tmp_path: Path) -> None:
    doc = ReportDocument()
    chart = QImage(40, 20, QImage.Format.Format_RGB32)
    doc.add_chart("minutes", chart)
    on_disk = tmp_path / "secret.png"
    assert QImage(37, 23, QImage.Format.Format_RGB32).save(str(on_disk))
    image = QTextDocument.ResourceType.ImageResource
    kept = doc.resource(image, QUrl("chart:minutes"))
    assert QImage.fromData(kept).size().toTuple() == (40, 20)
    urls = [QUrl.fromLocalFile(str(on_disk)), QUrl(str(on_disk)), QUrl("https://example.org/x")]
    for url in urls:
        assert doc.loadResource(QTextDocument.ResourceType.StyleSheetResource.value, url) is None
    doc.setHtml("".join(f'<p><img src="{u.toString()}"></p>' for u in urls))
    doc.setTextWidth(400)
    assert doc.size().height() > 0  # laid out: every image was asked for
    # each got a blank pixel, never the 37 x 23 file (Qt reads a path itself when given nothing)
    for url in urls:
        assert doc.resource(image, url).size().toTuple() == (1, 1)
    assert doc.chart_names == ["minutes"]


def test_the_charts_are_kept_as_png_and_printed_whole(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:
    """The document keeps each chart as PNG bytes, not a decoded image, before and after its
    pages are painted (Qt keeps the resource it was given); the PDF shows every chart."""
    spec = ReportSpec(TODAY - timedelta(days=90), TODAY, None, Audience.SELF)
    printer = ReportPrinter(build_report(spec))
    assert printer.prepare() is True
    charts = printer.content.charts
    image = QTextDocument.ResourceType.ImageResource

    def kept() -> list:
        return [printer.document.resource(image, QUrl(f"chart:{c.name}")) for c in charts]

    for resource, chart in zip(kept(), charts, strict=True):
        assert isinstance(resource, QByteArray) and resource.startsWith(b"\x89PNG")
        assert QImage.fromData(resource).size().toTuple() == chart.size
        assert resource.size() < chart.size[0] * chart.size[1]  # under a byte a pixel
    pdf = tmp_path / "r.pdf"
    printer.write_pdf(pdf)
    assert sum(image_count(pdf)) == len(charts)
    assert all(isinstance(resource, QByteArray) for resource in kept())


def test_drawing_and_writing_can_be_cancelled(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:
    spec = ReportSpec(TODAY - timedelta(days=90), TODAY, None, Audience.SELF)
    printer = ReportPrinter(build_report(spec))
    assert len(printer.content.charts) >= 3
    assert printer.prepare(lambda done, total, what: done < 2) is False
    assert len(printer.document.chart_names) == 2 and not printer.prepared
    assert printer.prepare() is True
    seen: list[tuple[int, int]] = []

    def stop_at_page_three(done: int, total: int, what: str) -> bool:
        seen.append((done, total))
        return done < 2

    with pytest.raises(Cancelled, match="after 2 of"):
        printer.write_pdf(tmp_path / "r.pdf", progress=stop_at_page_three)
    assert [p for p in tmp_path.iterdir() if ".pdf" in p.name] == []  # nor a temporary file
    assert seen[-1][1] == len(printer.pages) > 2


def unit(top: float, bottom: float, keep: bool = False, repeat=None) -> Unit:
    return Unit(top, bottom, keep, repeat, [(top, bottom)])


def test_pages_are_cut_between_units_keeping_headings_with_what_follows() -> None:
    units = [unit(0, 30), unit(40, 60, keep=True), unit(60, 90), unit(95, 130)]
    # the heading (40-60) would end page one with its paragraph on page two: both move
    assert [(p.start, p.end) for p in cut_pages(units, 80)] == [(0, 30), (40, 90), (95, 130)]


def test_rows_repeat_their_header_and_are_never_split() -> None:
    header = unit(0, 10, keep=True)
    rows = [unit(10 + 20 * i, 30 + 20 * i, repeat=(0, 10)) for i in range(5)]
    pages = cut_pages([header, *rows], 55)
    assert [(p.start, p.end, p.repeat) for p in pages] == [
        (0, 50, None),
        (50, 90, (0, 10)),
        (90, 110, (0, 10)),
    ]


def test_a_unit_taller_than_a_page_is_cut_between_lines() -> None:
    tall = Unit(0, 100, False, None, [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100)])
    pages = cut_pages([unit(-30, -10, keep=True), tall], 70)
    assert [(p.start, p.end) for p in pages] == [(-30, 40), (40, 100)]


def test_names_show_as_text_in_the_view(qtbot, main_window: MainWindow) -> None:
    save_preferences(Preferences(teacher="<b>Ms</b> <img src='/etc/hosts'>"))
    view = reports(qtbot, main_window)
    qtbot.mouseClick(view.audience_group.button(1), LEFT)
    settled(qtbot, view)
    assert "&lt;b&gt;Ms&lt;/b&gt; &lt;img" in view.summary.text()
    assert "<img" not in view.summary.text()
    assert view.names_hint.isHidden()
    qtbot.mouseClick(view.audience_group.button(2), LEFT)  # the coach has no name yet
    settled(qtbot, view)
    assert view.names_hint.isVisible() and "coach" in view.names_hint.text()


def test_a_report_printed_to_a_pdf_file_has_the_title_a_saved_one_has(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:
    """Ctrl+P → print to file gives the same Title as Save PDF."""
    spec = ReportSpec(TODAY - timedelta(days=13), TODAY, Discipline.MUSIC, Audience.TEACHER)
    report = ReportPrinter(build_report(spec))
    assert report.prepare()
    saved = tmp_path / "saved.pdf"
    report.write_pdf(saved)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    report.paint(printer)
    del printer  # closes the file
    titles = [
        pypdf.PdfReader(tmp_path / name).metadata.title for name in ("saved.pdf", "printed.pdf")
    ]
    assert titles[0] == titles[1] == report.title
    assert "Music practice report" in report.title


def test_the_range_is_chosen_with_the_charts_chooser(qtbot, main_window: MainWindow) -> None:
    """One range chooser for every view: Reports' holds the calendar presets, a training cycle
    and any dates."""
    view = reports(qtbot, main_window)
    chooser = view.range_chooser
    assert type(chooser) is RangeChooser and chooser.preset == "last_week"
    choose(qtbot, chooser.preset_box, "cycle")
    settled(qtbot, view)
    assert view.report is None and "no training cycles yet; choose dates" in view.summary.text()
    assert chooser.cycle_box.isVisible() and not chooser.start_edit.isEnabled()
    view.open_item(date(2026, 11, 25))  # a day opens its week
    settled(qtbot, view)
    assert chooser.preset == "custom" and chooser.start_edit.isEnabled()
    assert not chooser.cycle_box.isVisible()
    spec = view.report.content.spec
    assert (spec.start, spec.end, spec.label) == (date(2026, 11, 23), date(2026, 11, 29), "")
