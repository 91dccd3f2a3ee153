"""Reports on paper: one QTextDocument serves the print dialog, the print preview and PDFs.

`ReportPrinter(content)` draws the report's charts (cadence.ui.charts.images), puts the report's
HTML (cadence.services.reports.html) in a `ReportDocument`, and paints it on any paged device:

- The document refuses every resource it was not given: no file, no URL, only the charts.
- Pages are laid out here, not by QTextDocument (which splits table rows and leaves headings at
  the foot of a page): the document is laid out once as one long page at the device's
  resolution, then cut into pages between blocks and table rows. A heading (and a table's header
  row) stays with what follows; a page that opens inside a table repeats its header row. Only a
  single block or row taller than a whole page is cut, and then between two lines.
- Each page gets a header (name, title, range) and a footer (page n of N), painted apart.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextDocument,
    QTextTable,
)
from PySide6.QtWidgets import QApplication

from cadence.domain.palette import BOTH
from cadence.services.reports.html import Formats, header_texts, report_html
from cadence.services.reports.types import ReportContent
from cadence.ui.charts.images import render_chart_image
from cadence.ui.journal_file import check_pdf, replacing
from cadence.ui.widgets.dates import qdate

# Where Letter paper is the norm (beyond the US measurement system itself).
LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.CostaRica,
    QLocale.Country.Guatemala,
    QLocale.Country.Panama,
    QLocale.Country.Philippines,
    QLocale.Country.PuertoRico,
    QLocale.Country.Venezuela,
    QLocale.Country.DominicanRepublic,
    QLocale.Country.ElSalvador,
    QLocale.Country.Nicaragua,
}
MARGINS_MM = QMarginsF(18, 12, 18, 12)  # left, top, right, bottom of the printable area
PREVIEW_DPI = 1200  # a QPrinter's in HighResolution mode
HEADER_MM = 11.0  # header band inside the top margin's printable area
FOOTER_MM = 9.0
FONTS = ("Noto Sans", "Source Sans 3", "Open Sans", "DejaVu Sans", "Liberation Sans")
INK = QColor("#1F2937")
MUTED = QColor("#6B7280")

Progress = Callable[[int, int, str], bool]  # (done, total, what) -> go on?


class Cancelled(Exception):
    """The person stopped a long print or PDF."""


def locale_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale uses US measures or Letter paper, A4 elsewhere."""
    locale = locale or QLocale()
    letter = (
        locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
        or locale.territory() in LETTER_COUNTRIES
    )
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def preview_device(page_size: QPageSize) -> QPdfWriter:
    """A page to lay a report out for on screen: a printer's resolution (Qt's HighResolution
    printer, which the print preview had), the report's margins; nothing is written to it."""
    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    buffer.setParent(writer)  # (the writer keeps no hold on its device)
    writer.setResolution(PREVIEW_DPI)
    writer.setPageSize(page_size)
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    return writer


def locale_formats(locale: QLocale | None = None) -> Formats:
    """Dates in the user's locale ("Mon 3 Nov", "3 Nov 2025", "November 2025")."""
    loc = locale or QLocale()

    def fmt(pattern: str) -> Callable:
        return lambda d: loc.toString(qdate(d), pattern)

    return Formats(day=fmt("ddd d MMM"), date=fmt("d MMM yyyy"), month=fmt("MMMM yyyy"))


def report_font() -> QFont:
    families = set(QFontDatabase.families())
    family = next((f for f in FONTS if f in families), QApplication.font().family())
    font = QFont(family)
    font.setPointSizeF(9)
    return font


def _blank_pixel() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


_BLANK = _blank_pixel()


def _png(image: QImage) -> QByteArray:
    """The image as the bytes of a PNG file (lossless: decoded, the same pixels)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as a str; its stub says bytes, which it refuses
    if not image.save(buffer, "PNG"):  # pyright: ignore[reportCallIssue, reportArgumentType]
        raise RuntimeError("a chart image could not be kept as PNG")
    buffer.close()
    return data


class ReportDocument(QTextDocument):
    """A QTextDocument that loads nothing from disk or network: only the charts added to it.

    A chart is kept as its PNG file's bytes, decoded only while a page with it is painted (ten
    900 x 320 images held decoded were 11.5 MB; as PNG a few hundred KB). The HTML gives each
    image its width and height, so laying the text out never decodes one. Qt keeps what it
    decoded in the bytes' place: `drop_decoded()` after each page puts the bytes back."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._charts: dict[str, QByteArray] = {}
        self.setDocumentMargin(0)

    def add_chart(self, name: str, image: QImage) -> None:
        url = QUrl(f"chart:{name}")
        png = _png(image)
        self._charts[url.toString()] = png
        self.addResource(QTextDocument.ResourceType.ImageResource, url, png)

    def drop_decoded(self) -> None:
        """Each chart back to its PNG bytes, in place of the image Qt decoded to paint it."""
        for url, png in self._charts.items():
            self.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), png)

    @property
    def chart_names(self) -> list[str]:
        return [name.removeprefix("chart:") for name in self._charts]

    def loadResource(self, kind: int, url: QUrl):  # Qt's name
        # Reached only for what add_chart did not provide: refuse files and URLs alike. For an
        # image, answer with a blank pixel: given nothing, Qt's image handler would read the
        # path from disk itself.
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return self._charts.get(url.toString(), _BLANK)
        return None


@dataclass
class Unit:
    """A piece of the long page that is never cut: a block, a table row, a table's header."""

    top: float
    bottom: float
    keep: bool  # keep with what follows (headings, header rows)
    repeat: tuple[float, float] | None  # the table header to repeat when a page opens here
    lines: list[tuple[float, float]]  # its lines, to cut a unit taller than a page


@dataclass(frozen=True)
class Page:
    start: float
    end: float
    repeat: tuple[float, float] | None


class ReportPrinter:
    """Prints, previews and writes one report; `prepare()` first (charts and text)."""

    def __init__(self, content: ReportContent, formats: Formats | None = None) -> None:
        self.content = content
        self.formats = formats or locale_formats()
        self.document = ReportDocument()
        self.document.setDefaultFont(report_font())
        self.prepared = False
        self.pages: list[Page] = []
        self._laid_out_for: QPagedPaintDevice | None = None  # the device `pages` are for

    @property
    def title(self) -> str:
        """The document's title (a PDF's Title, saved or printed to a file)."""
        return f"{self.content.title} — {header_texts(self.content, self.formats)[1]}"

    def prepare(self, progress: Progress | None = None) -> bool:
        """Draw the charts and set the text; False if `progress` asked to stop."""
        charts = self.content.charts
        total = len(charts) + 1
        for i, chart in enumerate(charts):
            if progress is not None and not progress(i, total, chart.kind):
                return False
            image = render_chart_image(
                chart.kind,
                self.content.measures[chart.scope],
                chart.size,
                passage_id=chart.passage_id,
                units=self.content.units,
                marks=self.content.marks.get(chart.scope),
                focus_id=chart.focus_id,
            )
            self.document.add_chart(chart.name, image)
            del image  # (kept as PNG: the decoded image goes before the next is drawn)
        if progress is not None and not progress(len(charts), total, "text"):
            return False
        self.document.setHtml(report_html(self.content, self.formats))
        self.prepared = True
        return True

    # --- layout ---------------------------------------------------------------------------

    def paginate(self, device: QPagedPaintDevice) -> list[Page]:
        """Lay the document out for `device` and cut it into pages."""
        if not self.prepared:
            self.prepare()
        body = _body_rect(device)
        layout = self.document.documentLayout()
        layout.setPaintDevice(device)
        self.document.setTextWidth(body.width())
        scale = device.logicalDpiY() / 96.0
        self.pages = cut_pages(_units(self.document, scale), body.height())
        return self.pages

    def layout_for(self, device: QPagedPaintDevice) -> list[Page]:
        """The pages for `device`, laid out for it unless they already are."""
        if self._laid_out_for is not device:
            self.paginate(device)
            self._laid_out_for = device
        return self.pages

    def paint(self, device: QPagedPaintDevice, progress: Progress | None = None) -> int:
        """Paint every page on `device` (a QPrinter or QPdfWriter); returns the page count.

        Raises Cancelled when `progress` says stop (after the pages painted so far)."""
        from PySide6.QtPrintSupport import QPrinter  # (loaded by whoever made a printer)

        if isinstance(device, QPrinter):  # printed to a PDF file, it is the file's Title
            device.setDocName(self.title)
            device.setCreator("Cadence")
        self._laid_out_for = None
        pages = self.layout_for(device)
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("could not start painting on the printer or PDF file")
        try:
            for number in range(1, len(pages) + 1):
                if progress is not None and not progress(number - 1, len(pages), "page"):
                    raise Cancelled(f"stopped after {number - 1} of {len(pages)} pages")
                if number > 1:
                    device.newPage()
                self.paint_page(painter, device, number)
        finally:
            painter.end()
            self.release_layout()
        return len(pages)

    def paint_page(
        self,
        painter: QPainter,
        device: QPagedPaintDevice,
        number: int,
        clip: QRectF | None = None,
    ) -> None:
        """Page `number` (from 1) as laid out for `device`, in its pixels, the origin at the
        corner of its printable area (where a printer's painter has it). `painter` may paint
        elsewhere (a preview, scaled); `clip`, in the page's pixels, limits the text drawn to
        the part that shows. At most this page's charts are decoded, and only while painting."""
        pages = self.layout_for(device)
        page = pages[number - 1]
        body = _body_rect(device)
        colour = QColor(
            self.content.sections[0].colour if len(self.content.sections) == 1 else BOTH
        )
        left, right = header_texts(self.content, self.formats)
        _paint_furniture(painter, device, body, colour, left, right, number, len(pages))
        y = body.top()
        if page.repeat is not None:
            y = self._slice(painter, page.repeat, body.left(), y, body.width(), clip)
        self._slice(painter, (page.start, page.end), body.left(), y, body.width(), clip)
        self.document.drop_decoded()

    def release_layout(self) -> None:
        """Let go of the device the text was laid out for (the next page painted lays it out
        again)."""
        self._laid_out_for = None
        # Qt takes no device (nullptr: back to the screen); PySide6's stub omits the None
        self.document.documentLayout().setPaintDevice(None)  # pyright: ignore[reportArgumentType]

    def _slice(
        self,
        painter: QPainter,
        span: tuple[float, float],
        x: float,
        y: float,
        width: float,
        clip: QRectF | None = None,
    ) -> float:
        """Paint the long page's [start, end) at (x, y), only what falls in `clip` if given;
        returns the y below it."""
        start, end = span
        shown = QRectF(0, start, width, end - start)
        if clip is not None:
            top, bottom = max(start, start + clip.top() - y), min(end, start + clip.bottom() - y)
            if bottom <= top:
                return y + (end - start)
            shown = QRectF(0, top, width, bottom - top)
        painter.save()
        painter.translate(x, y - start)
        self.document.drawContents(painter, shown)
        painter.restore()
        return y + (end - start)

    # --- output ---------------------------------------------------------------------------

    def write_pdf(
        self, path: Path, page_size: QPageSize | None = None, progress: Progress | None = None
    ) -> int:
        """Write the report as a PDF (through a temporary file, so a failure or Cancelled
        leaves no half file); returns the page count."""
        path = Path(path)
        pages = 0

        def complete(written: Path) -> None:  # read back: whole, with every page painted
            check_pdf(written, pages)

        with replacing(path, verify=complete) as partial:
            writer = QPdfWriter(str(partial))
            writer.setPageSize(page_size or locale_page_size())
            writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
            writer.setResolution(600)
            writer.setTitle(self.title)
            writer.setCreator("Cadence")
            pages = self.paint(writer, progress)
            del writer  # closes the file
        return pages


def _mm(device: QPagedPaintDevice, mm: float) -> float:
    return mm * device.logicalDpiY() / 25.4


def _body_rect(device: QPagedPaintDevice) -> QRectF:
    """The text area in device pixels, inside the margins and below the header band."""
    paint = device.pageLayout().paintRectPixels(device.logicalDpiX())
    top, bottom = _mm(device, HEADER_MM), _mm(device, FOOTER_MM)
    return QRectF(0, top, paint.width(), paint.height() - top - bottom)


def _paint_furniture(
    painter: QPainter,
    device: QPagedPaintDevice,
    body: QRectF,
    colour: QColor,
    left: str,
    right: str,
    number: int,
    total: int,
) -> None:
    """The header (who, what, when, over a rule in the report's colour) and the page number."""
    font = QFont(report_font())
    # sized for `device`'s resolution, wherever the painter paints (a preview is scaled)
    target = painter.device()
    ratio = device.logicalDpiY() / target.logicalDpiY() if target is not None else 1.0
    font.setPointSizeF(7.5 * ratio)
    painter.save()
    painter.setFont(font)
    width = body.width()
    band = QRectF(0, 0, width, body.top() - _mm(device, 3))
    painter.setPen(MUTED)
    flags = Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextSingleLine
    painter.drawText(band, int(flags | Qt.AlignmentFlag.AlignLeft), left)
    painter.drawText(band, int(flags | Qt.AlignmentFlag.AlignRight), right)
    rule = QPen(colour)
    rule.setWidthF(_mm(device, 0.4))
    painter.setPen(rule)
    y = band.bottom() + _mm(device, 1.2)
    painter.drawLine(QPointF(0, y), QPointF(width, y))
    footer = QRectF(0, body.bottom() + _mm(device, 3), width, _mm(device, FOOTER_MM - 3))
    painter.setPen(MUTED)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight), f"Page {number} of {total}")
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft), "Cadence")
    painter.restore()


# --- cutting the long page into pages -------------------------------------------------------


def _block_lines(layout, block: QTextBlock) -> list[tuple[float, float]]:
    rect = layout.blockBoundingRect(block)
    text_layout = block.layout()
    lines = []
    for i in range(text_layout.lineCount()):
        line = text_layout.lineAt(i)
        lines.append((rect.top() + line.y(), rect.top() + line.y() + line.height()))
    return lines or [(rect.top(), rect.bottom())]


def _row_unit(layout, table: QTextTable, row: int, scale: float) -> Unit:
    lines: list[tuple[float, float]] = []
    tops, bottoms, pad_top, pad_bottom = [], [], 0.0, 0.0
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row:  # spanned from a row above
            continue
        fmt = cell.format().toTableCellFormat()
        pad_top = max(pad_top, fmt.topPadding() * scale)
        pad_bottom = max(pad_bottom, fmt.bottomPadding() * scale)
        block = cell.firstCursorPosition().block()
        last = cell.lastCursorPosition().block()
        while block.isValid():
            lines += _block_lines(layout, block)
            if block == last:
                break
            block = block.next()
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top())
        bottoms.append(layout.blockBoundingRect(last).bottom())
    # the rule above a row is drawn in its top padding, so the row starts above it
    return Unit(min(tops) - pad_top - 2 * scale, max(bottoms) + pad_bottom, False, None, lines)


def _units(document: QTextDocument, scale: float) -> list[Unit]:
    """The document's top-level blocks and table rows in order, with their extents."""
    layout = document.documentLayout()
    units: list[Unit] = []
    it = document.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if isinstance(frame, QTextTable):
            units += _table_units(layout, frame, scale)
        elif frame is None and it.currentBlock().text():
            # (empty blocks hold no ink; Qt places the one between two tables over the next)
            block = it.currentBlock()
            rect = layout.blockBoundingRect(block)
            heading = block.blockFormat().headingLevel() > 0
            units.append(
                Unit(rect.top(), rect.bottom(), heading, None, _block_lines(layout, block))
            )
        it += 1
    # Paddings are measured generously: where two units overlap, the cut goes between them.
    for before, after in itertools.pairwise(units):
        if after.top < before.bottom:
            cut = max(after.top, max(b for _, b in before.lines))
            before.bottom = after.top = cut
    return units


def _table_units(layout, table: QTextTable, scale: float) -> list[Unit]:
    headers = table.format().headerRowCount()
    rows = [_row_unit(layout, table, r, scale) for r in range(table.rows())]
    if headers <= 0:
        return rows
    head = Unit(
        rows[0].top,
        rows[headers - 1].bottom,
        True,
        None,
        [line for r in rows[:headers] for line in r.lines],
    )
    repeat = (head.top, min(head.bottom, rows[headers].top) if len(rows) > headers else head.bottom)
    for row in rows[headers:]:
        row.repeat = repeat
    return [head, *rows[headers:]]


def _split_at(unit: Unit, limit: float) -> tuple[float, float] | None:
    """Where to end a page inside `unit` (at most `limit`) and where the next page resumes:
    between two lines, never through one. None if not even its first line fits."""
    ends = sorted({b for _, b in unit.lines if unit.top < b <= limit})
    for end in reversed(ends):
        if not any(t < end < b for t, b in unit.lines):
            resume = min((t for t, _ in unit.lines if t >= end), default=end)
            return end, resume
    return None


def cut_pages(units: list[Unit], height: float) -> list[Page]:
    """Cut the long page into pages of `height`: between units, keeping a unit marked `keep`
    with the one after it; inside a unit only when it alone is taller than a page."""
    pages: list[Page] = []
    i = 0
    units = list(units)
    while i < len(units):
        first = units[i]
        repeat = first.repeat
        limit = first.top + height - (repeat[1] - repeat[0] if repeat else 0.0)
        j = i
        while j < len(units) and units[j].bottom <= limit:
            j += 1
        if j == len(units):
            pages.append(Page(first.top, units[-1].bottom, repeat))
            break
        # Break before unit j, moving back over units kept with what follows them.
        k = j
        while k > i and units[k - 1].keep:
            k -= 1
        if k > i:
            pages.append(Page(first.top, units[k - 1].bottom, repeat))
            i = k
            continue
        # The page opens with unit j, or with headings that must go with it, and unit j is
        # taller than what is left: cut inside it, between two lines.
        split = _split_at(units[j], limit)
        if split is None:
            if j > i:  # not one line of it fits: it goes on the next page after all
                pages.append(Page(first.top, units[j - 1].bottom, repeat))
                i = j
                continue
            split = (limit, limit)  # a single line taller than a page: cut through it
        end, resume = split
        pages.append(Page(first.top, end, repeat))
        rest = units[j]
        units[j] = Unit(resume, rest.bottom, rest.keep, rest.repeat, rest.lines)
        i = j
    return pages
