"""The rest of Today: the first-run page, the inbox of imported sessions, today's sessions, and the
day entry with its safe Markdown preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from tests.conftest import make_session
from tests.ui.test_today import CTRL, click, shortcut, today_view, type_number
from tests.ui.test_today_drafts import fresh_view

from cadence.domain.enums import Discipline, Outcome, Source
from cadence.domain.records import IntentionData
from cadence.services.records import days
from cadence.services.records import journal as journal_service
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import PRACTICE
from cadence.ui.widgets.common import short_date


def imported_run(day: date, title: str, ref: str, metres: float = 8046.72) -> int:
    data = make_session(
        Discipline.RUNNING,
        day=day,
        minutes=42,
        title=title,
        source=Source.GPX,
        source_ref=ref,
        distance_m=metres,
        needs_review=True,
    )
    journal_service.save_session(data)
    return data.id


def test_first_run_explains_and_offers_the_next_step(journal, qtbot) -> None:
    view = fresh_view(qtbot)
    welcome = view.welcome
    assert welcome.isVisible()
    text = " ".join(label.text() for label in welcome.findChildren(type(welcome.title)))
    for word in ("Intention", "Stop-point", "Reflection", "Before you start", "where and why"):
        assert word in text
    with qtbot.waitSignal(view.bus.command) as asked:
        click(qtbot, welcome.demo_button)
    assert asked.args == ["open-demo"]
    click(qtbot, welcome.start_button)
    assert not welcome.isVisible()
    assert view.panel.setup.rows[0].text.hasFocus()


def test_the_welcome_is_gone_once_the_journal_holds_something(
    main_window: MainWindow, qtbot
) -> None:
    view = today_view(main_window, qtbot)
    assert view.welcome.isVisible()
    view.bus.run(lambda: journal_service.save_session(make_session(day=date.today())))
    assert not view.welcome.isVisible()


def test_inbox_dismiss_is_undoable_and_fill_in_opens_the_editor(
    main_window: MainWindow, qtbot
) -> None:
    first = imported_run(date(2026, 3, 2), "Morning run", "run@1")
    second = imported_run(date(2026, 3, 3), "Lunch run", "run@2")
    view = today_view(main_window, qtbot)
    view.refresh_now()
    inbox = view.inbox
    assert inbox.isVisible() and inbox.title.text() == "Add intention and reflection"
    rows = [w.text() for w in inbox.findChildren(type(inbox.title)) if " · " in w.text()]
    assert rows == [
        f"Lunch run\n{short_date(date(2026, 3, 3))} · 8.0 km · 42:00",
        f"Morning run\n{short_date(date(2026, 3, 2))} · 8.0 km · 42:00",
    ]

    _fill, dismiss = inbox.buttons[first]
    click(qtbot, dismiss)
    assert not journal_service.load_session(first).needs_review
    assert list(inbox.buttons) == [second]
    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)  # Edit → Undo
    assert journal_service.load_session(first).needs_review
    assert set(inbox.buttons) == {first, second}

    click(qtbot, inbox.buttons[second][0])
    editor = inbox.editor
    qtbot.waitExposed(editor)
    assert editor.tabs.currentIndex() == 2  # intentions & stop-points
    editor.intentions.add_intention()
    qtbot.keyClicks(editor.intentions.rows[0].text, "Easy, talk-test pace")
    click(qtbot, editor.save_button)
    saved = journal_service.load_session(second)
    assert saved.intentions == [IntentionData("Easy, talk-test pace", None, Outcome.NOT_RATED)]
    assert not saved.needs_review
    assert list(inbox.buttons) == [first]


def test_several_sessions_a_day_are_listed_and_open_in_the_editor(
    main_window: MainWindow, qtbot
) -> None:
    for hour, minutes in ((7, 20), (12, 45)):
        data = make_session(day=date.today(), minutes=minutes)
        data.started_at = data.started_at.replace(hour=hour)
        data.intentions = [IntentionData(f"Intention at {hour}")]
        journal_service.save_session(data)
    view = today_view(main_window, qtbot)
    view.refresh_now()
    items = [row.text.text() for row in view.sessions.rows]
    assert len(items) == 2 and "20:00" in items[0] and "→ Intention at 7" in items[0]
    assert "45:00" in items[1] and not view.sessions.empty.isVisible()
    view.sessions.rows[1].open_button.setFocus()
    qtbot.keyClick(view.sessions.rows[1].open_button, Qt.Key.Key_Space)
    assert view.editor is not None and view.editor.original.intentions[0].text == "Intention at 12"
    view.editor.reject()


def test_new_session_keeps_one_in_progress(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    qtbot.keyClicks(view.panel.setup.rows[0].text, "Tone")
    shortcut(qtbot, view, "timer")
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL)
    assert view.panel.step == PRACTICE
    assert "A session is in progress" in view.banner.text.text() and view.banner.isVisible()


def test_day_entry_is_saved_and_checked(main_window: MainWindow, qtbot) -> None:
    view = today_view(main_window, qtbot)
    entry = view.day_entry
    assert "Rest days belong here too" in entry.status.text()
    qtbot.keyClicks(entry.text, "# Rest day")
    qtbot.keyClick(entry.text, Qt.Key.Key_Return)
    qtbot.keyClicks(entry.text, "Legs **heavy**, mind clear.")
    type_number(qtbot, entry.sleep, "7.5")
    type_number(qtbot, entry.resting_hr, "20")
    entry.soreness.set_value(3)
    entry.mood.set_value(4)
    shortcut(qtbot, view, "save")  # Ctrl+S: no reflection open, so the day entry
    hr_error = entry.errors.label_for("resting_hr")
    assert hr_error.isVisible() and "Resting heart rate must be between 25 and 150" in (
        hr_error.text()
    )
    assert days.get_day_entry(date.today()) is None and entry.resting_hr.hasFocus()
    type_number(qtbot, entry.resting_hr, "48")
    shortcut(qtbot, view, "save")
    saved = days.get_day_entry(date.today())
    assert (saved.sleep_h, saved.resting_hr, saved.soreness, saved.mood, saved.stress) == (
        7.5,
        48,
        3,
        4,
        None,
    )
    assert saved.text == "# Rest day\nLegs **heavy**, mind clear."
    assert not hr_error.isVisible() and entry.status.text().startswith("Saved at")


def test_markdown_preview_loads_nothing_and_runs_nothing(
    main_window: MainWindow, qtbot, tmp_path: Path
) -> None:
    picture = tmp_path / "secret.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    view = today_view(main_window, qtbot)
    entry = view.day_entry
    entry.text.setPlainText(
        f"**bold** and a [link](https://example.com)\n\n![local]({picture.as_uri()})\n\n"
        "![remote](https://example.com/track.png)\n\n<b>raw html</b>"
    )
    entry.tabs.setCurrentWidget(entry.preview)
    document = entry.preview.document()
    assert "bold" in document.toPlainText() and "<b>raw html</b>" in document.toPlainText()
    html = document.toHtml()
    assert "font-weight:700" in html  # the Markdown was rendered
    assert picture.as_uri() in entry.preview.blocked
    assert "https://example.com/track.png" in entry.preview.blocked
    local = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.as_uri()))
    assert local.width() == 1  # the stand-in, not the file on disk
    assert not entry.preview.openLinks() and not entry.preview.openExternalLinks()
