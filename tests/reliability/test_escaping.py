"""What people write is shown as text, never run as markup: a title, a note, an intention, a
reflection, a piece's name holding `<b>x</b><img src="file://…">` appears as those characters in
every view; no rich-text label or tooltip carries it unescaped; no Markdown preview loads a file or
URL a note points to (an inotify canary file must never be opened). The reports' own escaping is
tested in tests/services/test_reports.py and tests/test_cli_report.py; here the report is built and
printed to PDF with the canary watching."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt, QUrl
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsTextItem,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QTextBrowser,
    QWidget,
)
from tests.reliability.canary import Canary
from tests.reliability.harness import record

from cadence.domain.enums import (
    Discipline,
    EventKind,
    FocusGauge,
    GearKind,
    MotivatorKind,
    Outcome,
    PhaseName,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    Source,
    StopReason,
)
from cadence.domain.records import (
    BlockData,
    DayEntryData,
    IntentionData,
    ReflectionData,
    SessionData,
    StopPointData,
)
from cadence.domain.seasons import (
    CycleData,
    Debrief,
    Demand,
    EventData,
    FocusData,
    FocusRating,
    Motivator,
    PhasePlan,
    Readiness,
    ReadinessItem,
    ReviewData,
)
from cadence.services.records import days, library
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.services.season import reviews, seasons
from cadence.store.db import close_journal, open_journal
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.cycle_editor import CycleDialog
from cadence.ui.dialogs.event_editor import EventDialog
from cadence.ui.dialogs.event_review import DebriefDialog, ReadinessDialog
from cadence.ui.dialogs.weekly_review import WeeklyReviewDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.settings import WindowState
from cadence.ui.views.registry import VIEW_NAMES

TODAY = date.today()
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def canary(tmp_path: Path) -> Iterator[Canary]:
    c = Canary(tmp_path / "canary.png")
    try:
        yield c
    finally:
        c.close()


@dataclass
class Canaries:
    """One file for the short texts (titles, names, intentions...), one for Markdown notes, so
    that an open tells which kind of text made a widget load it."""

    text: Canary
    notes: Canary

    def hostile(self, what: str) -> str:
        return f'<b>x</b><img src="{self.text.url}"> {what}'

    def markdown(self, what: str) -> str:
        """A note that tries every way to make a preview load something."""
        url = self.notes.url
        return (
            f'<b>x</b><img src="{url}"> {what}\n\n![picture]({url}) '
            f'![web](http://127.0.0.1:9/x.png)\n\n<img src="{url}">\n\n[link]({url})'
        )


def _fill_seasons(c: Canaries, event_id: int, cycle_id: int) -> None:
    """Markup in everything the Seasons view and its dialogs show."""
    h = c.hostile
    event = seasons.load_event(event_id)
    event.target, event.result = h("target"), h("result")
    event.demands = [Demand(h("aspect"), h("demand"))]
    event.motivators = [Motivator(MotivatorKind.INTRINSIC, h("reason"))]
    seasons.save_event(event)
    seasons.save_readiness(
        event_id, Readiness(TODAY, (ReadinessItem(h("aspect"), 3, h("ready note")),), h("plan"))
    )
    seasons.save_debrief(event_id, Debrief(TODAY, h("went well"), h("change")), h("result"))
    cycle = seasons.load_cycle(cycle_id)
    cycle.focuses = [FocusData(h("cycle focus"), FocusGauge.RATING, h("measure"))]
    seasons.save_cycle(cycle)
    focus_id = seasons.load_cycle(cycle_id).focuses[0].id
    reviews.save_review(
        ReviewData(
            reviews.this_week(TODAY),
            h("review"),
            h("learned"),
            h("next week"),
            (FocusRating(focus_id, h("rated"), 4),),
        )
    )


def _seasons_dialogs(window: MainWindow) -> list[tuple[str, QWidget]]:
    """Every Seasons dialog on the hostile event, cycle and review."""
    view = window.views["seasons"]
    event = seasons.events()[0]
    cycle = seasons.cycles()[0]
    return [
        ("event dialog", EventDialog(view.bus, event, view)),
        ("cycle dialog", CycleDialog(view.bus, cycle, None, view)),
        ("readiness dialog", ReadinessDialog(view.bus, event, view)),
        ("debrief dialog", DebriefDialog(view.bus, event, view)),
        ("weekly review", WeeklyReviewDialog(view.bus, None, view)),
    ]


def fill_journal(c: Canaries) -> int:
    """A journal where every text a person can type holds markup; returns a session's id."""
    h = c.hostile
    piece_id, _ = library.add_piece(h("piece"), composer=h("composer"))
    passage_id, _ = library.add_passage(piece_id, h("passage"), bars="1-8", target_bpm=96)
    gear_id, _ = library.add_gear(GearKind.SHOES, h("shoes"), limit_m=800_000)
    focus_id, _ = library.add_focus(h("focus"), Discipline.MUSIC)
    start, end = TODAY - timedelta(days=60), TODAY + timedelta(days=30)
    build = PhasePlan(PhaseName.BUILD, start, end)
    cycle_id, _ = seasons.save_cycle(
        CycleData(h("cycle"), start, end, goal=h("goal"), phases=[build])
    )
    event_id, _ = seasons.save_event(
        EventData(
            h("event"), EventKind.RECITAL, TODAY + timedelta(days=20), None, None, cycle_id=cycle_id
        )
    )
    _fill_seasons(c, event_id, cycle_id)
    save_preferences(Preferences(name=h("name"), teacher=h("teacher"), coach=h("coach")))
    first = None
    for days_ago in range(0, 21, 3):
        day = TODAY - timedelta(days=days_ago)
        at = datetime.combine(day, datetime.min.time()).replace(hour=7)
        music = SessionData(
            discipline=Discipline.MUSIC,
            kind=SessionKind.PRACTICE,
            started_at=at,
            local_date=day,
            duration_s=1800,
            title=h("title"),
            notes=c.markdown("notes"),
            rpe=5,
            focus=4,
            blocks=[
                BlockData(
                    label=h("block"),
                    planned_reps=10,
                    done_reps=8,
                    clean_reps=6,
                    target_bpm=96,
                    achieved_bpm=88,
                    passage_id=passage_id,
                    notes=h("block notes"),
                )
            ],
            intentions=[IntentionData(h("intention"), focus_id, Outcome.PARTLY)],
            stop_points=[StopPointData(StopReason.FORM, elapsed_s=1500, note=h("stop"))],
            reflections=[ReflectionData(ReflectionPrompt.NEXT_TIME, h("reflection"), True)],
            tags=[h("tag")],
        )
        save_session(music)
        first = first or music.id
        run = SessionData(
            discipline=Discipline.RUNNING,
            kind=SessionKind.EASY,
            started_at=at + timedelta(hours=5),
            local_date=day,
            duration_s=2400,
            distance_m=6000,
            title=h("run"),
            notes=c.markdown("run notes"),
            gear_id=gear_id,
            source=Source.GPX,
            source_ref=f"run@{day}",
            needs_review=days_ago == 0,
            rpe=4,
        )
        save_session(run)
        days.save_day_entry(
            DayEntryData(
                day=day,
                text=c.markdown("day"),
                sleep_h=7,
                reflections=[ReflectionData(ReflectionPrompt.FREE, h("day reflection"), True)],
            )
        )
    planned = SessionData(
        discipline=Discipline.RUNNING,
        kind=SessionKind.INTERVALS,
        status=SessionStatus.PLANNED,
        started_at=datetime.combine(TODAY + timedelta(days=2), datetime.min.time()),
        local_date=TODAY + timedelta(days=2),
        title=h("planned"),
        notes=c.markdown("plan"),
    )
    save_session(planned)
    trashed = SessionData(
        discipline=Discipline.MUSIC,
        kind=SessionKind.LESSON,
        started_at=datetime.combine(TODAY, datetime.min.time()),
        local_date=TODAY,
        duration_s=600,
        title=h("trashed"),
        notes=c.markdown("trashed"),
    )
    save_session(trashed)
    trash_sessions([trashed.id])
    assert first is not None
    return first


def unescaped(widget: QWidget) -> list[tuple[str, str]]:
    """Rich text in `widget` (a label's text, any tooltip, an item view's tooltips) that carries
    the markup a person typed instead of showing it."""
    found = []
    texts = [("tooltip", widget.toolTip())]  # kept below only if Qt would render it as rich
    if isinstance(widget, QLabel):
        fmt = widget.textFormat()
        rich = fmt == Qt.TextFormat.RichText or (
            fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(widget.text())
        )
        if rich:
            texts.append(("label", widget.text()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(min(model.rowCount(QModelIndex()), 60)):
            column = 0
            while column < 60 and (index := model.index(row, column)).isValid():
                for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole):
                    tip = model.data(index, role)
                    if isinstance(tip, str):
                        texts.append((f"item {row},{column} {role.name}", tip))
                column += 1
    for where, text in texts:
        if where != "label" and not GuiQt.mightBeRichText(text):
            continue  # a tooltip Qt shows as plain text
        if "<img" in text or "<b>x</b>" in text:
            found.append((where, text.replace("\n", " ")))
    return found


def test_the_canary_sees_a_preview_that_loads_files(qtbot, canary: Canary) -> None:
    """The check below means something: a plain QTextBrowser showing the same note opens it."""
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.document().setMarkdown(f"![picture]({canary.url})")
    browser.show()
    qtbot.waitExposed(browser)
    _settle()
    assert canary.poll() > 0


@dataclass
class Rendered:
    labels: set[str] = field(default_factory=set)  # rich-text labels and chart text items
    tooltips: set[str] = field(default_factory=set)
    previews: list[str] = field(default_factory=list)  # previews that do not override loading
    preview_text: str = ""
    widgets: int = 0
    text_opens: int = 0
    notes_opens: int = 0


def _walk(rendered: Rendered, where: str, widgets: list[QWidget]) -> None:
    for widget in widgets:
        if isinstance(widget, QHeaderView):
            continue  # its model is its table's, checked there
        rendered.widgets += 1
        for kind, text in unescaped(widget):
            found = f"{where}: {type(widget).__name__} {widget.objectName()!r} {text[:90]}"
            (rendered.labels if kind == "label" else rendered.tooltips).add(found)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():  # chart titles and labels are HTML text items
                if isinstance(item, QGraphicsTextItem) and "<img" in item.toHtml():
                    text = item.toPlainText().replace("\n", " ")
                    rendered.labels.add(
                        f"{where}: chart text in {type(widget).__name__} {text[:60]}"
                    )
        if isinstance(widget, QTextBrowser):
            rendered.preview_text += widget.toPlainText()
            if type(widget).loadResource is QTextBrowser.loadResource:
                rendered.previews.append(f"{where}: {type(widget).__name__}")


@pytest.fixture(scope="module")
def rendered(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    """Every view of a main window (and the session editor) on a journal full of markup, with
    both canaries watching; a report is printed to PDF on the way."""
    folder = tmp_path_factory.mktemp("escaping")
    canaries = Canaries(Canary(folder / "text.png"), Canary(folder / "notes.png"))
    journal = folder / "journal.sqlite"
    open_journal(journal)
    result = Rendered()
    window = None
    try:
        session_id = fill_journal(canaries)
        state = WindowState(QSettings(str(folder / "w.ini"), QSettings.Format.IniFormat))
        window = MainWindow(AppBus(), journal, state)
        window.resize(1280, 820)
        window.show()
        _settle()
        for name in VIEW_NAMES:
            view = window.show_view(name)
            _settle()
            if name == "reports":
                _wait(lambda v=view: v.report is not None)
                view.write_pdf(folder / "report.pdf")
                assert (folder / "report.pdf").stat().st_size > 0
            _walk(result, name, [view, *view.findChildren(QWidget)])
        stack = window.stack
        chrome = [w for w in window.findChildren(QWidget) if not stack.isAncestorOf(w)]
        _walk(result, "window", chrome)
        for where, dialog in _seasons_dialogs(window):
            dialog.show()
            _settle()
            _walk(result, where, [dialog, *dialog.findChildren(QWidget)])
            dialog.reject()
            dialog.deleteLater()
        editor = window.views["today"].open_session(session_id)
        _settle()
        _walk(result, "session editor", [editor, *editor.findChildren(QWidget)])
        editor.reject()
        _settle()
        result.text_opens = canaries.text.poll()
        result.notes_opens = canaries.notes.poll()
        yield result
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
            _settle()
        close_journal()
        canaries.text.close()
        canaries.notes.close()


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.01)


def _wait(condition, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        _settle()


def test_notes_are_shown_as_text_by_previews_that_override_loading(rendered: Rendered) -> None:
    assert "<b>x</b>" in rendered.preview_text, "the notes were not shown in any preview"
    assert rendered.previews == [], "these QTextBrowsers would load the files a note points to"


def test_previews_load_no_file_a_note_points_to(rendered: Rendered) -> None:
    assert rendered.notes_opens == 0, "a preview opened a file a note points to"


def test_rich_text_labels_and_chart_texts_show_markup_as_text(rendered: Rendered) -> None:
    assert sorted(rendered.labels) == []
    assert rendered.text_opens == 0, "a label opened a file named in something a person typed"


def test_tooltips_show_markup_as_text(rendered: Rendered) -> None:
    assert sorted(rendered.tooltips) == []


def test_figures(rendered: Rendered) -> None:
    """Keeps what the rendering checked (the failures above are reported apart)."""
    assert rendered.widgets > 500
    record(
        "escaping",
        views_rendered=len(VIEW_NAMES) + 1,
        widgets_checked=rendered.widgets,
        rich_labels_with_user_markup=len(rendered.labels),
        rich_tooltips_with_user_markup=len(rendered.tooltips),
        previews_that_would_load_files=len(rendered.previews),
        files_opened_from_notes=rendered.notes_opens,
        files_opened_from_other_text=rendered.text_opens,
    )


def test_the_report_document_loads_no_file_or_url(qtbot, canary: Canary) -> None:
    from cadence.ui.printing import ReportDocument

    document = ReportDocument()
    document.setHtml(f'<p>x</p><img src="{canary.url}"><img src="http://127.0.0.1:9/x.png">')
    document.size()  # lays the document out, which asks for the images
    document.resource(QTextDocument.ResourceType.ImageResource, QUrl(canary.url))
    assert canary.poll() == 0
