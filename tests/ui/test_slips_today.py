"""Slips and plan sizes through the real main window, by keyboard as a person would: slips logged
with Ctrl+L while practising (a word typed or not, the clock never stopped), asked in the
reflection whether each was let go, saved; and the plan-size proposal from one's own stops shown
on Today and taken with one click. The error guard of tests/ui/conftest.py watches every test."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from tests.conftest import make_session
from tests.ui.test_day_scenarios import click, key, press, settle, today, type_here
from tests.ui.test_today import FakeClock, type_number

from cadence.domain.enums import Discipline, SessionKind, StopAction, StopReason
from cadence.domain.records import BlockData, StopPointData
from cadence.services.records import library
from cadence.services.records.journal import load_session, save_session
from cadence.services.today import sessions_on
from cadence.ui.main_window import MainWindow
from cadence.ui.today.session_panel import PRACTICE, REFLECT, SETUP

CTRL = Qt.KeyboardModifier.ControlModifier


def slip(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_L, CTRL)
    settle()


def test_slips_logged_by_key_are_asked_in_the_reflection_and_saved(
    main_window: MainWindow, qtbot
) -> None:
    view = today(main_window, qtbot)
    clock = FakeClock()
    view.panel.stopwatch.clock = clock
    panel = view.panel
    pp = panel.practice_panel
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Bars 9-16, let wrong notes go")
    press(qtbot, main_window, "timer")
    assert panel.step == PRACTICE
    # the slip key is in the Session menu, with its shortcut
    assert panel.window() is main_window
    assert view.act_slip.shortcut().toString() == "Ctrl+L"
    session_menu = next(m for m in main_window.menuBar().actions() if "Session" in m.text())
    assert view.act_slip in session_menu.menu().actions()
    from cadence.ui.dialogs.help import shortcut_rows

    rows = shortcut_rows(main_window)
    assert ("Session", "Log a slip, let it go", "Ctrl+L") in rows
    assert [r[2] for r in rows].count("Ctrl+L") == 1  # no other command has the key

    press(qtbot, main_window, "clean")
    clock.advance(2)
    slip(qtbot, main_window)  # a wrong note in rep 2: a word, then Enter
    assert pp.slip_word.edit.hasFocus()
    assert panel.stopwatch.running  # nothing stops the clock
    type_here(qtbot, main_window, "rushed the turn")
    key(qtbot, main_window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is pp.rep_button
    assert "1 slip" in pp.slip_word.line.text()
    press(qtbot, main_window, "attempt", "clean", "clean")
    clock.advance(3)
    slip(qtbot, main_window)  # a second one: no word, just going on
    press(qtbot, main_window, "attempt")  # the count closes the word box
    assert not pp.slip_word.edit.isVisible()
    assert [s.note for s in panel.practice.slips] == ["rushed the turn", ""]
    assert [s.rep_index for s in panel.practice.slips] == [1, 4]
    assert panel.practice.slips[0].elapsed_s == 120.0

    press(qtbot, main_window, "stop")
    assert panel.step == REFLECT
    question = panel.reflection.slips
    assert question.isVisible() and len(question.combos) == 2
    assert "rushed the turn" in question._labels[0].text()
    # Tab reaches the question right after the intention's outcome
    stops = panel.reflection.tab_stops()
    assert stops.index(question.combos[0]) < stops.index(panel.reflection.duration)
    question.combos[0].setFocus()
    key(qtbot, main_window, Qt.Key.Key_Down)  # "Yes, let go"
    question.combos[1].setFocus()
    key(qtbot, main_window, Qt.Key.Key_Down)
    key(qtbot, main_window, Qt.Key.Key_Down)  # "Not yet"
    press(qtbot, main_window, "save")
    assert panel.step == SETUP

    (line,) = sessions_on(date.today())
    saved = load_session(line.id).slips
    assert [(s.note, s.let_go, s.rep_index) for s in saved] == [
        ("rushed the turn", True, 1),
        ("", False, 4),
    ]
    # counted: clean | attempt clean clean attempt -> after the first: 4 reps, 2 clean;
    # after the second: 1 rep, not clean
    assert [(s.reps_after, s.good_after) for s in saved] == [(4, 2), (1, 0)]

    # the next session starts without them
    type_here(qtbot, main_window, "Scales")
    press(qtbot, main_window, "timer", "stop")
    assert not panel.reflection.slips.isVisible()
    press(qtbot, main_window, "save")


def test_a_slip_and_its_word_survive_the_draft(main_window: MainWindow, qtbot) -> None:
    view = today(main_window, qtbot)
    view.panel.stopwatch.clock = FakeClock()
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Easy 5 km")
    press(qtbot, main_window, "timer")
    slip(qtbot, main_window)
    type_here(qtbot, main_window, "too fast")
    key(qtbot, main_window, Qt.Key.Key_Return)
    state = view.panel.state()
    view.panel.reset()
    view.panel.restore(state)
    assert [s.note for s in view.panel.practice.slips] == ["too fast"]


def test_a_word_still_being_typed_when_stopping_is_kept(main_window: MainWindow, qtbot) -> None:
    view = today(main_window, qtbot)
    view.panel.stopwatch.clock = FakeClock()
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "Scales, even semiquavers")
    press(qtbot, main_window, "timer", "rep")
    slip(qtbot, main_window)
    type_here(qtbot, main_window, "uneven")
    press(qtbot, main_window, "stop")  # no plan: straight to the reflection
    assert view.panel.step == REFLECT
    assert "uneven" in view.panel.reflection.slips._labels[0].text()
    press(qtbot, main_window, "save")
    (line,) = sessions_on(date.today())
    assert [s.note for s in load_session(line.id).slips] == ["uneven"]


def _passage_with_stops() -> int:
    piece_id, _ = library.add_piece("Ballade no. 1", "Chopin")
    passage_id, _ = library.add_passage(piece_id, "coda", "208-264", 80, 132)
    for n in range(5):
        day = date.today() - timedelta(days=10 - n)
        data = make_session(
            day=day,
            blocks=[BlockData("coda", planned_reps=12, done_reps=10, passage_id=passage_id)],
            stop_points=[
                StopPointData(
                    StopReason.FORM,
                    rep_index=10,
                    planned_reps=12,
                    action=StopAction.STOPPED,
                    block_position=0,
                )
            ],
        )
        data.started_at = datetime.combine(day, datetime.min.time()).replace(hour=8)
        save_session(data)
    return passage_id


def test_the_plan_size_from_your_own_stops_is_shown_and_taken_in_one_click(
    main_window: MainWindow, qtbot
) -> None:
    passage_id = _passage_with_stops()
    view = today(main_window, qtbot)
    view.reload()
    setup = view.panel.setup
    hint = setup.plan_size
    press(qtbot, main_window, "new")
    type_here(qtbot, main_window, "The coda, light hands")
    setup.passage.setCurrentIndex(setup.passage.findData(passage_id))
    settle()
    assert not hint.isVisible()  # no plan yet: nothing to size
    type_number(qtbot, setup.reps, "12")
    assert hint.isVisible()
    assert hint.text.text() == (
        "The last 5 times you stopped after 10 of 12: plan 10, and stop while it is still good."
    )
    assert hint.accept_button.text() == "Plan 10"
    assert hint.accept_button in setup.tab_stops()
    click(hint.accept_button)
    assert setup.reps.value() == 10 and not hint.isVisible()  # taken; no smaller one follows
    # never forced: another size can still be typed and started
    press(qtbot, main_window, "timer")
    assert view.panel.step == PRACTICE and view.panel.practice.plan.reps == 10
    press(qtbot, main_window, "stop")  # before the plan: asked why
    dialog = view.panel.stop_dialog
    assert dialog is not None
    dialog.reject()
    settle()


def test_no_proposal_for_a_kind_of_run_without_enough_history(
    main_window: MainWindow, qtbot
) -> None:
    for n in range(2):  # two stops only: too little to say where you stop
        data = make_session(
            Discipline.RUNNING,
            SessionKind.INTERVALS,
            day=date.today() - timedelta(days=3 + n),
            blocks=[BlockData("800 m", planned_reps=6, done_reps=4)],
            stop_points=[StopPointData(StopReason.FORM, rep_index=4, planned_reps=6)],
        )
        save_session(data)
    view = today(main_window, qtbot)
    view.reload()
    setup = view.panel.setup
    click(setup.running)
    setup.kind.setCurrentIndex(setup.kind.findData(str(SessionKind.INTERVALS)))
    type_number(qtbot, setup.reps, "6")
    assert not setup.plan_size.isVisible()


def test_slips_are_shown_and_edited_in_the_session_editor(main_window: MainWindow, qtbot) -> None:
    from cadence.domain.records import SlipData
    from cadence.ui.dialogs.session_editor import PURPOSE, SessionEditor

    data = make_session(
        blocks=[BlockData("scales"), BlockData("bars 9-16", planned_reps=6, done_reps=6)],
        slips=[
            SlipData(elapsed_s=90.0, rep_index=2, note="F sharp", reps_after=4, good_after=3),
            SlipData(elapsed_s=400.0, rep_index=5, let_go=True, block_position=1),
        ],
    )
    save_session(data)
    editor = SessionEditor(main_window.bus, data.id, parent=main_window)
    qtbot.addWidget(editor)
    editor.tabs.setCurrentIndex(PURPOSE)
    table = editor.slips.table
    assert table.rowCount() == 2
    assert table.item(0, 5).text() == "F sharp" and table.item(0, 3).text() == "4"
    # let go? answered in the editor; the second slip moved with its block
    editor.slips.table.cellWidget(0, 2).setCurrentIndex(1)  # yes
    editor.blocks.table.selectRow(1)
    click(editor.blocks.up_button)
    # a bad count is refused next to its cell, nothing saved
    table.item(1, 3).setText("2")
    table.item(1, 4).setText("3")
    assert not editor.save()
    assert "Slip 2" in editor.slips.error.text()
    assert load_session(data.id).slips == data.slips
    table.item(1, 4).setText("1")
    click(editor.slips.add_button)
    editor.slips.table.item(2, 0).setText("12")
    assert editor.save()
    saved = load_session(data.id).slips
    assert [(s.let_go, s.block_position, s.note) for s in saved] == [
        (True, None, "F sharp"),
        (True, 0, ""),
        (None, None, ""),
    ]
    assert saved[2].elapsed_s == 12 * 60


def test_the_journal_day_card_lists_the_slips(main_window: MainWindow, qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    from cadence.domain.records import SlipData

    day = date(2026, 3, 11)
    save_session(
        make_session(
            day=day,
            slips=[SlipData(elapsed_s=192.0, rep_index=4, note="rushed the turn", let_go=True)],
        )
    )
    view = main_window.show_view("journal")
    view.open_item(day)
    settle()
    [card] = view.cards
    texts = " ".join(label.text() for label in card.findChildren(QLabel))
    assert "<b>Slips</b>" in texts
    assert "3:12 · rep 4 · let go — <i>rushed the turn</i>" in texts
