"""The preview beside the report's choices paints a page only while it shows and keeps nothing
of the pages scrolled away; driven like a person: open Reports, change the range, scroll the
preview with the keyboard, the wheel and the hand, save a PDF."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QByteArray, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QPageSize, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from tests.test_cli_report import image_count
from tests.ui.test_reports_view import LEFT, TODAY, choose, demo_window, reports, settled

from cadence.services.reports.build import Audience, ReportSpec, build_report
from cadence.ui.charts.chart import Chart
from cadence.ui.main_window import MainWindow
from cadence.ui.printing import ReportDocument, ReportPrinter, preview_device
from cadence.ui.views.reports import ReportsView
from cadence.ui.widgets.page_preview import PagePreview

__all__ = ["demo_window"]  # the fixture, shared with the view's other tests


class PaintedPages:
    """Which pages of the report have their text painted (the document draws a page's span)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.view: ReportsView | None = None
        self.spans: list[tuple[ReportDocument, float]] = []
        draw = ReportDocument.drawContents

        def spy(document, painter, rect=None) -> None:
            self.spans.append((document, rect.center().y()))
            draw(document, painter, rect)

        monkeypatch.setattr(ReportDocument, "drawContents", spy)

    def take(self) -> set[int]:
        """The numbers of the pages of the report shown painted since the last take."""
        assert self.view is not None and self.view.report is not None
        report = self.view.report
        seen = {
            number
            for document, y in self.spans
            for number, page in enumerate(report.pages, start=1)
            if document is report.document and page.start <= y <= page.end
        }
        self.spans.clear()
        return seen


def shown(qtbot, view: ReportsView) -> None:
    """Let the preview paint what shows."""
    qtbot.waitExposed(view.preview)
    view.preview.repaint()
    QApplication.processEvents()


def charts_kept_as_png(view: ReportsView) -> bool:
    assert view.report is not None
    image = QTextDocument.ResourceType.ImageResource
    document = view.report.document
    return all(
        isinstance(document.resource(image, QUrl(f"chart:{name}")), QByteArray)
        for name in document.chart_names
    )


def test_only_the_pages_in_view_are_painted_and_none_is_kept(
    qtbot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted = PaintedPages(monkeypatch)
    view = reports(qtbot, demo_window)
    painted.view = view
    choose(qtbot, view.range_chooser.preset_box, "last_month")
    settled(qtbot, view)
    shown(qtbot, view)
    count = len(view.report.pages)
    first = painted.take()
    assert count >= 4 and 1 in first
    assert len(first) <= 2, f"{len(first)} of {count} pages painted: not only those in view"
    in_view = view.preview.pages_in_view()
    assert in_view[0] == 1 and len(in_view) <= 2  # a page is taller than the preview
    assert first <= set(in_view) and view.preview.page_count() == count
    assert charts_kept_as_png(view)  # nothing decoded is kept once painted

    bar = view.preview.verticalScrollBar()
    bar.setValue(bar.maximum())
    shown(qtbot, view)
    assert view.preview.pages_in_view()[-1] == count
    assert painted.take() <= set(view.preview.pages_in_view())

    bar.setValue(bar.minimum())  # back to the first page: painted again, for it was not kept
    shown(qtbot, view)
    assert 1 in painted.take()
    assert charts_kept_as_png(view)


# the offscreen platform cannot pass a file dialog's size hints on to a window manager
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_open_reports_scroll_the_preview_and_save_a_pdf(
    qtbot, demo_window: MainWindow, tmp_path: Path
) -> None:
    view = reports(qtbot, demo_window)
    shown(qtbot, view)  # built before the view had its size: the first page shows from its top
    bar = view.preview.verticalScrollBar()
    assert bar.value() == bar.minimum() and view.preview.pages_in_view()[0] == 1
    short = view.preview.page_count()
    choose(qtbot, view.range_chooser.preset_box, "cycle")  # a training cycle: a longer report
    settled(qtbot, view)
    preview = view.preview
    assert preview.page_count() == len(view.report.pages) > short
    assert str(len(view.report.pages)) + " pages" in view.summary.text()
    shown(qtbot, view)
    assert bar.value() == bar.minimum() and preview.pages_in_view()[0] == 1

    # the keyboard, once a click on the page gave it the focus: Page Down a page at a time, the
    # arrows a step
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window)
    qtbot.mouseClick(preview.viewport(), LEFT)
    assert preview.hasFocus() and bar.value() == bar.minimum()
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert bar.value() == bar.minimum() + bar.pageStep()
    qtbot.keyClick(preview, Qt.Key.Key_Down)
    assert bar.value() == bar.minimum() + bar.pageStep() + bar.singleStep()
    while bar.value() < bar.maximum():
        qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    shown(qtbot, view)
    assert preview.pages_in_view()[-1] == preview.page_count()
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    assert bar.value() == bar.maximum() - bar.pageStep()

    # the wheel scrolls up; dragging the page with the hand moves it with the mouse
    before = bar.value()
    centre = QPointF(preview.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        preview.viewport().mapToGlobal(centre),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(preview.viewport(), wheel)
    assert bar.value() < before
    before = bar.value()
    start = preview.viewport().rect().center()
    qtbot.mousePress(preview.viewport(), LEFT, pos=start)
    qtbot.mouseMove(preview.viewport(), start + QPoint(0, 100))
    qtbot.mouseRelease(preview.viewport(), LEFT, pos=start + QPoint(0, 100))
    assert bar.value() == before - 100

    # a narrower window fits the pages to the narrower preview, the same page in view
    page = preview.pages_in_view()[0]
    demo_window.resize(1000, 820)
    qtbot.waitUntil(lambda: preview.viewport().width() < 700)
    shown(qtbot, view)
    assert page in preview.pages_in_view()

    # Save PDF… through the file dialog
    qtbot.mouseClick(view.pdf_button, LEFT)
    dialog = view.save_dialog
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "cycle.pdf"
    dialog.findChild(QLineEdit).setText(str(target))
    buttons = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    qtbot.waitUntil(target.exists, timeout=20_000)
    with target.open("rb") as handle:
        assert len(pypdf.PdfReader(handle).pages) == preview.page_count()
    assert sum(image_count(target)) == len(view.report.content.charts)
    assert demo_window.statusBar().currentMessage().startswith("Saved the report")

    # the preview paints again after the PDF (which laid the text out for itself)
    bar.setValue(bar.minimum())
    shown(qtbot, view)
    assert preview.pages_in_view()[0] == 1


def test_pages_shown_before_the_preview_has_its_size_show_from_the_top(qtbot) -> None:
    """The view builds its report as it is shown, before the layout gives the preview its size:
    the first page shows from its top, and a later change of width keeps the place."""
    preview = PagePreview(preview_device(QPageSize(QPageSize.PageSizeId.A4)))
    qtbot.addWidget(preview)
    preview.resize(120, 40)
    preview.show()
    qtbot.waitExposed(preview)
    painted: list[int] = []
    preview.show_pages(6, lambda _painter, number, _clip: painted.append(number))
    preview.resize(700, 600)
    QApplication.processEvents()
    bar = preview.verticalScrollBar()
    assert bar.value() == bar.minimum() and preview.pages_in_view() == [1]
    preview.repaint()
    assert set(painted) == {1}
    bar.setValue(bar.maximum() // 2)
    page, before = preview.pages_in_view()[0], bar.value()
    preview.resize(500, 600)  # narrower: smaller pages, the same place
    QApplication.processEvents()
    assert page in preview.pages_in_view() and bar.value() < before


def test_the_charts_drawn_for_a_report_are_gone_once_drawn(qtbot, demo_window: MainWindow) -> None:
    """Each chart image is drawn by an offscreen chart widget; it is deleted as soon as its image
    is taken, not left for the event loop (a report draws all its charts in one go)."""
    spec = ReportSpec(TODAY - timedelta(days=90), TODAY, None, Audience.SELF)
    printer = ReportPrinter(build_report(spec))
    assert len(printer.content.charts) >= 3
    assert printer.prepare() is True  # (no event loop runs between the charts, nor after)
    left = [w for w in QApplication.topLevelWidgets() if isinstance(w, Chart)]
    assert left == []
