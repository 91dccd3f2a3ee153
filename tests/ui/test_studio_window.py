"""The window on a studio's journal on a real PostgreSQL (tests/pg_cluster.py): a student's day
through the main window, a teacher looking at a student's journal with the people picker, and a
teacher's window refreshing when a student saves from another connection. As every UI test, each
fails if the error dialog appeared (tests/ui/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from tests.conftest import make_session
from tests.ui.test_day_scenarios import CTRL, intentions_saved, press, settle, today, type_here
from tests.ui.test_editor_focus import focused

from cadence.services.changes import Changes
from cadence.services.records.journal import load_session, save_session
from cadence.services.studio import members as studio
from cadence.store import server
from cadence.store.connections import JournalRef, worker_connection
from cadence.store.db import close_journal, open_journal
from cadence.ui import app as app_module
from cadence.ui.bus import AppBus
from cadence.ui.main_window import MainWindow
from cadence.ui.studio_window import READABLE_VIEWS, journal_name
from cadence.ui.views.journal import JournalView

DAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    """A studio with alice (a student), tess (her teacher) and bob (another student)."""
    name = pg_cluster.new_database("studio")
    open_journal(pg_cluster.url(name))
    try:
        studio.init_studio()
        for who, kind in [("alice", "student"), ("bob", "student"), ("tess", "teacher")]:
            studio.add_member(who, kind)
    finally:
        close_journal()
    return name


def open_window(qtbot, url: str, window_state, error_guard) -> MainWindow:
    """As `cadence --db URL` does: open the journal, build the window with the app's error
    dialog installed."""
    open_journal(url)
    window = MainWindow(AppBus(), url, window_state)
    qtbot.addWidget(window)
    app_module.install_error_dialog(lambda: window)
    error_guard.wrap_hook()
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def as_member(qtbot, pg_cluster, studio_db, window_state, error_guard) -> Iterator:
    windows: list[MainWindow] = []

    def make(role: str) -> MainWindow:
        windows.append(
            open_window(qtbot, pg_cluster.url(studio_db, role), window_state, error_guard)
        )
        return windows[-1]

    try:
        yield make
    finally:
        for window in windows:
            window.close()
        close_journal()


def rows_of(pg_cluster, studio_db: str, role: str) -> list[tuple]:
    """What the journal holds of `role`, read as the admin (no row security in the way)."""
    return pg_cluster.admin_sql(
        f"SELECT id, local_date, deleted_at IS NULL FROM session WHERE owner = '{role}' "
        "ORDER BY id",
        studio_db,
    )


def test_a_students_day_through_the_window(qtbot, as_member, pg_cluster, studio_db) -> None:
    window = as_member("alice")
    assert window.windowTitle().endswith(f"{studio_db} as alice — Cadence")
    assert not window.studio.picker_action.isVisible()  # a student picks nobody
    assert not window.act_backup.isEnabled()  # a server's backups: the export and pg_dump

    view = today(window, qtbot)
    for intention in ("Bars 33-48 at 80", "Scales in thirds", "Long tones"):
        press(qtbot, window, "new")
        type_here(qtbot, window, intention)
        press(qtbot, window, "timer", "stop", "save")
    assert intentions_saved() == [["Bars 33-48 at 80"], ["Scales in thirds"], ["Long tones"]]
    saved = rows_of(pg_cluster, studio_db, "alice")
    assert len(saved) == 3 and all(alive for _id, _day, alive in saved)
    assert view.panel is not None

    # the editor, from the Journal by keyboard: a run on an earlier day
    number = window.view_names.index("journal") + 1
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), CTRL)
    journal = window.views["journal"]
    assert isinstance(journal, JournalView) and window.current_view() is journal
    journal.open_item(DAY)
    journal.calendar.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # an empty day: a new session
    editor = journal.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClicks(focused(), "R")
    while focused() is not editor.general.duration:
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "40")
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)
    assert editor.result() == QDialog.DialogCode.Accepted
    [card] = journal.cards
    assert load_session(card.session_id).duration_s == 40 * 60

    # trash it from the day's card, and Ctrl+Z brings it back
    card.trash_button.click()
    settle()
    assert (card.session_id, False) in [
        (i, alive) for i, _d, alive in rows_of(pg_cluster, studio_db, "alice")
    ]
    assert window.act_undo.isEnabled()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(focused() or window, Qt.Key.Key_Z, CTRL)
    settle()
    assert all(alive for _i, _d, alive in rows_of(pg_cluster, studio_db, "alice"))
    assert len(journal.cards) == 1
    assert rows_of(pg_cluster, studio_db, "tess") == []  # nothing written as anyone else


def test_a_teacher_looks_at_a_students_journal_and_back(
    qtbot, as_member, pg_cluster, studio_db
) -> None:
    open_journal(pg_cluster.url(studio_db, "bob"))
    save_session(make_session(day=DAY, title="Bob's etude"))
    close_journal()
    window = as_member("tess")
    save_session(make_session(day=DAY, title="Tess's own"))
    window.bus.publish(Changes(sessions=True))
    picker = window.studio.picker
    assert window.studio.picker_action.isVisible()
    assert [picker.combo.itemText(i) for i in range(picker.combo.count())] == [
        "Me",
        "alice",
        "bob",
    ]
    journal = window.show_view("journal")
    assert isinstance(journal, JournalView)
    journal.open_item(DAY)
    assert [c.session_id for c in journal.cards] and journal.add_music.isVisible()

    picker.combo.setCurrentIndex(picker.combo.findData("bob"))  # as a person picks from the list
    settle()
    assert studio.viewed_person() == "bob"
    assert window.studio.banner.isVisible()
    assert "You are looking at bob's journal" in window.studio.banner.text.text()
    assert "bob's journal" in window.windowTitle()
    titles = [load_session(c.session_id).title for c in journal.cards]
    assert titles == ["Bob's etude"]
    assert not journal.add_music.isVisible() and not journal.cards[0].edit_button.isVisible()
    assert not journal.cards[0].trash_button.isVisible()
    # what would write is not offered: Today, Trash, a new session, import (the Studio view
    # only reads, so it stays)
    for row, name in enumerate(window.view_names):
        readable = name in READABLE_VIEWS or name == "studio"
        enabled = bool(window.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled)
        assert enabled == readable, name
        assert window.view_actions[row].isEnabled() == readable
    assert not window.act_new.isEnabled() and not window.act_import.isEnabled()
    menus = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert "&Session" not in menus and "&Journal" not in menus  # Today's menu is Today's
    journal.open_item(date(2026, 3, 3))  # a day with nothing: no invitation to add to it
    assert journal.empty.text() == "Nothing on this day." and not journal.demo_button.isVisible()
    journal.open_item(DAY)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # nothing happens, nothing is written
    settle()
    assert window.current_view() is journal
    trends = window.show_view("trends")
    assert window.current_view() is trends

    window.studio.banner.back.click()  # back to "Me"
    settle()
    assert studio.viewed_person() is None and picker.combo.currentText() == "Me"
    assert not window.studio.banner.isVisible()
    assert all(window.nav.item(r).flags() & Qt.ItemFlag.ItemIsEnabled for r in range(10))
    assert window.act_new.isEnabled()
    window.show_view("journal")
    assert [load_session(c.session_id).title for c in journal.cards] == ["Tess's own"]
    assert journal.add_music.isVisible()
    assert "&Session" in [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert [t for _i, _d, t in rows_of(pg_cluster, studio_db, "bob")] == [True]


def test_the_teachers_window_refreshes_when_a_student_saves(
    qtbot, as_member, pg_cluster, studio_db
) -> None:
    window = as_member("tess")
    assert window.studio.listening and not window.studio.poll.isActive()  # NOTIFY, no polling
    picker = window.studio.picker
    picker.combo.setCurrentIndex(picker.combo.findData("alice"))
    settle()
    journal = window.show_view("journal")
    journal.open_item(DAY)
    before = len(journal.cards)
    # alice saves from her own connection (another program, as far as this window knows)
    alice = server.connect(pg_cluster.url(studio_db, "alice"))
    try:
        with worker_connection(JournalRef(studio_db, alice)):
            save_session(make_session(day=DAY, title="Alice from afar"))
    finally:
        alice.close()
    qtbot.waitUntil(lambda: len(journal.cards) == before + 1, timeout=3000)
    assert "Alice from afar" in [load_session(c.session_id).title for c in journal.cards]
    assert journal.cards and not QApplication.activeModalWidget()
    assert not isinstance(QApplication.activeModalWidget(), QMessageBox)


def test_the_window_names_a_server_journal_without_its_password() -> None:
    url = "postgresql://alice:s3cret@db.example/studio?sslmode=require&password=x"
    assert journal_name(url) == "studio as alice"
    assert "s3cret" not in journal_name(url)


def test_cadence_opens_a_server_journal_as_the_command_runs_it(
    qtbot, monkeypatch, tmp_path, pg_cluster, studio_db
) -> None:
    """`cadence --db postgresql://alice@…`: the window opens on the server journal, named without
    secrets, with no daily file backup started."""
    import argparse
    import logging

    from cadence.ui import single_instance

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CADENCE_DB", raising=False)
    monkeypatch.setattr(app_module, "install_interrupt_handler", lambda window: None)
    monkeypatch.setattr(app_module, "start_daily_backup", lambda path: pytest.fail("a backup"))
    monkeypatch.setattr(single_instance, "runtime_dir", lambda: tmp_path)
    use_window_settings(monkeypatch, tmp_path)
    seen: list[str] = []

    def exec_once(app) -> int:  # the event loop: look at the window, close it
        [window] = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        qtbot.waitExposed(window)
        seen.append(window.windowTitle())
        seen.append(studio.students_taught().__repr__())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once)
    url = pg_cluster.url(studio_db, "alice").replace("alice@", "alice:pw-xyz@")
    before = list(logging.getLogger("cadence").handlers)
    try:
        code = app_module.run_app(argparse.Namespace(self_test=False, db=url, files=[]))
    finally:
        for handler in set(logging.getLogger("cadence").handlers) - set(before):
            logging.getLogger("cadence").removeHandler(handler)
            handler.close()
    assert code == 0
    assert seen[0] == f"Today — {studio_db} as alice — Cadence" and "pw-xyz" not in seen[0]
    assert seen[1] == "[]"  # a student picks nobody


@pytest.mark.parametrize("problem", ["down", "password"])
def test_a_server_down_or_a_wrong_password_says_what_to_do(
    problem, monkeypatch, pg_cluster, studio_db
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: told.append(text))
    if problem == "down":
        url = f"postgresql://alice:pw-xyz@127.0.0.1:{free_port()}/{studio_db}"
    else:
        url = pg_cluster.tcp_url(studio_db, "alice").replace("alice@", "alice:pw-xyz@")
    assert app_module.open_or_explain(url) is False
    [text] = told
    assert "Cannot open the journal at postgresql://alice@127.0.0.1" in text
    assert "Check that the server is running" in text and "~/.pgpass" in text
    assert "pw-xyz" not in text and "Traceback" not in text


def use_window_settings(monkeypatch, folder) -> None:
    """The window's settings in the test's folder (as the fixture `window_state` keeps them),
    never the user's own."""
    from PySide6.QtCore import QSettings

    from cadence.ui import settings

    path = str(folder / "window.ini")
    monkeypatch.setattr(
        settings, "window_settings", lambda: QSettings(path, QSettings.Format.IniFormat)
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_preferences_name_a_journal_on_a_server_and_open_it(
    qtbot, monkeypatch, as_member, pg_cluster, studio_db, tmp_path
) -> None:
    from cadence.ui.dialogs.preferences import PreferencesDialog

    window = as_member("tess")
    dialog = PreferencesDialog(window.bus, window)
    qtbot.addWidget(dialog)
    dialog.show()
    for wrong, said in [
        ("db.example/studio", "starts with postgresql://"),
        ("postgresql://tess:secret@db.example/studio", "Leave the password out"),
    ]:
        dialog.server.setText(wrong)
        dialog.accept()
        assert dialog.isVisible() and said in dialog.error.text()
        assert window.window_state.server_journal() == ""
    url = pg_cluster.url(studio_db, "alice")
    dialog.server.setText(url)
    dialog.accept()
    assert not dialog.isVisible()
    assert window.window_state.server_journal() == url
    assert window.journal_path == url  # opened now, as at the next start
    assert window.windowTitle().endswith(f"{studio_db} as alice — Cadence")
    assert not window.studio.picker_action.isVisible()  # alice teaches nobody
    use_window_settings(monkeypatch, tmp_path)
    monkeypatch.delenv("CADENCE_DB", raising=False)
    assert app_module.journal_target(None) == url  # and at the next start
    from cadence.ui import journal_switch

    journal_switch.switch_journal(window, tmp_path / "file.sqlite")  # File → Open journal…
    assert window.windowTitle().endswith("file — Cadence")
    assert not window.studio.picker_action.isVisible() and window.act_backup.isEnabled()
    window.act_own.trigger()  # File → Open my journal: the one named in Preferences
    assert window.journal_path == url and not window.act_backup.isEnabled()
    monkeypatch.setenv("CADENCE_DB", "/elsewhere/journal.sqlite")
    assert str(app_module.journal_target(None)) == "/elsewhere/journal.sqlite"


def test_a_teacher_only_view_appears_for_a_teacher_only(
    qtbot, pg_cluster, studio_db, window_state, error_guard
) -> None:
    """The Studio view (ViewEntry(teachers_only=True)) is in the sidebar and the View menu for a
    teacher, stays offered while she looks at a student, and is hidden for a student."""
    for role, teaches in [("alice", False), ("tess", True)]:
        window = open_window(qtbot, pg_cluster.url(studio_db, role), window_state, error_guard)
        try:
            row = window.view_names.index("studio")
            assert window.nav.isRowHidden(row) is not teaches
            assert window.view_actions[row].isVisible() is teaches
            assert window.view_actions[row].shortcut().isEmpty()  # the ten keep Ctrl+digits
            if teaches:
                window.studio.look_at("alice")
                assert window.nav.item(row).flags() & Qt.ItemFlag.ItemIsEnabled
                window.show_view("studio")
                window.studio.look_at(None)
        finally:
            window.close()
            close_journal()


def test_a_studio_whose_trigger_does_not_announce_is_asked_its_counter(
    qtbot, as_member, pg_cluster, studio_db
) -> None:
    """A studio made by an older Cadence (until its admin runs `cadence studio init`): the
    window asks the change counter once a second instead, and still refreshes."""
    from tests.studio.test_change_notify import OLD_BUMP

    pg_cluster.admin_sql(OLD_BUMP, studio_db)
    try:
        window = as_member("tess")
        assert window.studio.poll.isActive() and not window.studio.listening
        window.studio.look_at("alice")
        journal = window.show_view("journal")
        journal.open_item(DAY)
        before = len(journal.cards)
        alice = server.connect(pg_cluster.url(studio_db, "alice"))
        try:
            with worker_connection(JournalRef(studio_db, alice)):
                save_session(make_session(day=DAY, title="Alice, counted"))
        finally:
            alice.close()
        qtbot.waitUntil(lambda: len(journal.cards) == before + 1, timeout=5000)
    finally:
        open_journal(pg_cluster.url(studio_db))  # as the admin: `cadence studio init`
        try:
            studio.init_studio()
        finally:
            close_journal()


def test_a_refused_write_while_looking_says_whose_journal_it_is(
    qtbot, as_member, monkeypatch, error_guard
) -> None:
    """The database's refusal (row security) is explained, not shown as an unexpected error."""
    import sys

    from cadence.store.models import database

    window = as_member("tess")
    window.studio.look_at("alice")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append((box.windowTitle(), box.text())) or 0
    )
    with pytest.raises(Exception) as refused, database.atomic():
        database.execute_sql("INSERT INTO tag (owner, name) VALUES ('alice', 'mine now')")
    assert "row-level security" in str(refused.value)
    seen = error_guard.expect_errors()  # the hook records what reaches it; the dialog is the test
    sys.excepthook(type(refused.value), refused.value, refused.value.__traceback__)
    assert len(seen) == 1
    [(title, text)] = shown
    assert title == "Cadence: alice's journal"
    assert text.startswith("You are looking at alice's journal: nothing of theirs can be changed")
    window.studio.look_at(None)


def test_a_students_typing_survives_the_refresh_after_someone_elses_save(
    qtbot, as_member, pg_cluster, studio_db
) -> None:
    window = as_member("alice")
    view = today(window, qtbot)
    press(qtbot, window, "new")
    type_here(qtbot, window, "Scales, hands together")
    press(qtbot, window, "timer")
    field = QApplication.focusWidget()
    bob = server.connect(pg_cluster.url(studio_db, "bob"))
    try:
        # heard, and refreshed
        with (
            qtbot.waitSignal(window.bus.changed, timeout=3000),
            worker_connection(JournalRef(studio_db, bob)),
        ):
            save_session(make_session(day=DAY, title="Bob meanwhile"))
    finally:
        bob.close()
    settle()
    assert view.panel.in_progress and QApplication.focusWidget() is field
    press(qtbot, window, "stop", "save")
    assert ["Scales, hands together"] in intentions_saved()


def test_one_window_per_login_and_server_journal() -> None:
    """The single-instance lock of a server journal: its address without the password."""
    from cadence.ui.journal_file import instance_key

    alice = "postgresql://alice@db.example/studio"
    assert instance_key(alice) == instance_key("postgresql://alice:pw@db.example/studio")
    assert instance_key(alice) != instance_key("postgresql://tess@db.example/studio")
    assert instance_key(alice) != instance_key("postgresql://alice@db.example/other")
