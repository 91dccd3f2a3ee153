"""The Journal view in the main window: the calendar's marks, a clicked day's cards, the keyboard,
adding and trashing sessions, and Ctrl+Z bringing a trashed session back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QLabel, QTableView, QWidget
from tests.conftest import make_session

from cadence.domain.enums import Discipline, Outcome, ReflectionPrompt, StopReason
from cadence.domain.palette import MUSIC, RUNNING
from cadence.domain.records import (
    DayEntryData,
    IntentionData,
    ReflectionData,
    StopPointData,
)
from cadence.services.browse.calendar import session_ids_on
from cadence.services.changes import Changes
from cadence.services.records.days import get_day_entry, save_day_entry, trashed_day_entries
from cadence.services.records.journal import load_session, save_session, trashed_sessions
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.views.journal import JournalView
from cadence.ui.widgets.markdown_view import MarkdownView

DAY = date(2026, 3, 11)


def journal_view(window: MainWindow, day: date = DAY) -> JournalView:
    view = window.show_view("journal")
    view.open_item(day)
    return view  # type: ignore[return-value]


def day_index(view: JournalView, day: date) -> tuple[QTableView, QModelIndex]:
    """The calendar cell of `day` (in the month shown), as a person sees it."""
    grid = view.calendar.findChild(QTableView)
    model = grid.model()
    in_month = False
    for row in range(1, model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            text = str(index.data())
            in_month = in_month or text == "1"
            if in_month and text == str(day.day):
                return grid, index
    raise AssertionError(f"{day} is not on the calendar page")


def click_day(qtbot, view: JournalView, day: date) -> None:
    grid, index = day_index(view, day)
    qtbot.mouseClick(
        grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(index).center()
    )


def colour_pixels(image: QImage, colour: str) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixel(x, y) == wanted
    )


def test_calendar_paints_a_chip_per_discipline(qtbot, main_window: MainWindow) -> None:
    view = journal_view(main_window)
    before = view.calendar.grab().toImage()
    assert colour_pixels(before, MUSIC) == 0 and colour_pixels(before, RUNNING) == 0

    save_session(make_session(Discipline.MUSIC, day=DAY, minutes=45))
    save_session(make_session(Discipline.RUNNING, day=date(2026, 3, 12), minutes=30))
    save_day_entry(DayEntryData(day=date(2026, 3, 13), text="Rest"))
    main_window.bus.publish(Changes(sessions=True, day_entries=True))

    marks = view.calendar.marks
    assert marks[DAY].music_minutes == 45
    assert marks[date(2026, 3, 12)].running_minutes == 30
    assert marks[date(2026, 3, 13)].has_day_entry
    after = view.calendar.grab().toImage()
    assert colour_pixels(after, MUSIC) > 20
    assert colour_pixels(after, RUNNING) > 20
    assert "music 45 min · running 30 min" in view.month_totals.text()


def test_clicking_a_day_shows_its_sessions_and_day_entry(qtbot, main_window: MainWindow) -> None:
    session = make_session(
        day=DAY,
        title="Bach prelude",
        intentions=[IntentionData("Bars 33-48 at 96", None, Outcome.ACHIEVED)],
        stop_points=[StopPointData(StopReason.MIND, elapsed_s=1200, note="drifting")],
        reflections=[ReflectionData(ReflectionPrompt.WENT_WELL, "Shift in bar 37")],
    )
    save_session(session)
    save_day_entry(DayEntryData(day=DAY, text="Slept **well**", sleep_h=7.5))
    view = journal_view(main_window, date(2026, 3, 20))
    assert view.cards == [] and view.empty.isVisible()

    click_day(qtbot, view, DAY)

    assert view.selected_day() == DAY
    assert "11" in view.day_title.text() and "2026" in view.day_title.text()
    [card] = view.cards
    texts = " ".join(label.text() for label in card.findChildren(QLabel))
    for expected in ("Bach prelude", "Bars 33-48 at 96", "Achieved", "drifting", "Shift in bar 37"):
        assert expected in texts
    assert "What went well?" in texts
    entry = view.entry_card.findChild(MarkdownView)
    assert entry.document().toPlainText() == "Slept well"
    assert "sleep 7.5 h" in " ".join(label.text() for label in view.entry_card.findChildren(QLabel))
    assert not view.empty.isVisible()


def test_day_entry_markdown_is_rendered_without_html_or_files(
    qtbot, main_window: MainWindow
) -> None:
    text = 'Raw <b>html</b> stays text <img src="file:///etc/hostname">\n\n![pic](file:///etc/hostname)'
    save_day_entry(DayEntryData(day=DAY, text=text))
    view = journal_view(main_window)
    markdown = view.entry_card.findChild(MarkdownView)
    plain = markdown.document().toPlainText()
    assert "<b>html</b>" in plain  # shown as typed, not interpreted
    # an inert 1x1 stand-in, never None (None makes Qt read the file itself)
    stand_in = markdown.loadResource(2, QUrl("file:///etc/hostname"))
    assert stand_in.size().width() == 1 and stand_in.pixelColor(0, 0).alpha() == 0
    assert not markdown.openLinks()


def test_arrows_move_days_and_enter_opens_the_first_session(qtbot, main_window: MainWindow) -> None:
    session = make_session(day=date(2026, 3, 12))
    save_session(session)
    view = journal_view(main_window)
    grid = view.calendar.findChild(QTableView)
    grid.setFocus()

    qtbot.keyClick(grid, Qt.Key.Key_Right)
    assert view.selected_day() == date(2026, 3, 12)
    qtbot.keyClick(grid, Qt.Key.Key_Return)

    editor = view.editor
    assert editor is not None and editor.isVisible()
    assert editor.original.id == session.id
    editor.reject()
    assert not editor.isVisible()


def test_enter_on_an_empty_day_starts_a_session_for_it(qtbot, main_window: MainWindow) -> None:
    view = journal_view(main_window)
    grid = view.calendar.findChild(QTableView)
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert view.editor.original.id is None
    assert view.editor.original.local_date == DAY
    view.editor.reject()


def test_add_a_run_for_the_chosen_day(qtbot, main_window: MainWindow) -> None:
    view = journal_view(main_window)
    qtbot.mouseClick(view.add_run, Qt.MouseButton.LeftButton)
    editor = view.editor
    assert editor.general.current_discipline() == Discipline.RUNNING
    assert editor.general.day.date() == QDate(2026, 3, 11)
    qtbot.keyClicks(editor.general.duration, "40")
    qtbot.keyClicks(editor.general.distance, "8")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == QDialog.DialogCode.Accepted
    [session_id] = session_ids_on(DAY)
    assert load_session(session_id).distance_m == 8000
    [card] = view.cards  # the view refreshed itself from the bus
    assert card.session_id == session_id
    assert view.calendar.marks[DAY].running_minutes == 40


def test_edit_from_a_card_and_save(qtbot, main_window: MainWindow) -> None:
    save_session(session := make_session(day=DAY))
    view = journal_view(main_window)
    qtbot.mouseClick(view.cards[0].edit_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(editor.general.title, "Scales")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_session(session.id).title == "Scales"
    assert "Scales" in " ".join(label.text() for label in view.cards[0].findChildren(QLabel))


def test_trash_from_the_journal_and_ctrl_z_in_the_window_restores(
    qtbot, main_window: MainWindow
) -> None:
    save_session(session := make_session(day=DAY))
    view = journal_view(main_window)
    qtbot.mouseClick(view.cards[0].trash_button, Qt.MouseButton.LeftButton)

    assert [s.id for s in trashed_sessions()] == [session.id]
    assert view.cards == []
    assert DAY not in view.calendar.marks
    assert main_window.act_undo.isEnabled()
    assert main_window.act_undo.text() == "&Undo Move session to trash"

    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert trashed_sessions() == []
    assert [c.session_id for c in view.cards] == [session.id]
    assert view.calendar.marks[DAY].music_minutes == 30


def test_trash_a_day_entry_and_undo(qtbot, main_window: MainWindow) -> None:
    save_day_entry(DayEntryData(day=DAY, text="Rest day"))
    view = journal_view(main_window)
    qtbot.mouseClick(view.entry_card.trash_button, Qt.MouseButton.LeftButton)
    assert get_day_entry(DAY) is None
    assert [e.text for e in trashed_day_entries()] == ["Rest day"]
    assert view.entry_card is None
    qtbot.keyClick(main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_day_entry(DAY).text == "Rest day"
    assert view.entry_card is not None


def test_open_item_takes_a_date_a_week_or_a_session(qtbot, main_window: MainWindow) -> None:
    save_session(session := make_session(day=date(2025, 12, 24)))
    main_window.show_view("today")
    main_window.bus.navigate.emit("journal", date(2026, 1, 5))
    view = main_window.current_view()
    assert view.NAME == "journal" and view.selected_day() == date(2026, 1, 5)
    assert (view.calendar.yearShown(), view.calendar.monthShown()) == (2026, 1)

    view.open_item((2026, 11))  # "open this week" from the Trends view
    assert view.selected_day() == date(2026, 3, 9)
    view.open_item(session.id)
    assert view.selected_day() == date(2025, 12, 24)
    assert [c.session_id for c in view.cards] == [session.id]


def test_an_empty_journal_offers_the_demo(qtbot, journal: Path) -> None:
    bus = AppBus()
    host = QWidget()  # no layout: the view's growing minimum size stays inside the window
    host.resize(1100, 740)
    view = JournalView(bus, host)
    view.resize(1100, 740)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    assert view.demo_button.isVisible()
    assert "journal is empty" in view.empty.text()
    with qtbot.waitSignal(bus.command) as signal:
        qtbot.mouseClick(view.demo_button, Qt.MouseButton.LeftButton)
    assert signal.args == ["open-demo"]
