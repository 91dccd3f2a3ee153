"""The Running view, driven as a person would: runs in km or miles, filters, Delete and Ctrl+Z,
and shoes with their mileage, a warning past the limit, adding and retiring."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from tests.conftest import make_session
from tests.ui.test_music_view import click_header, click_row

from cadence.domain.enums import Discipline, GearKind, SessionKind, StopReason
from cadence.domain.records import BlockData, StopPointData
from cadence.services.records import journal as js
from cadence.services.records import library
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.ui.bus import AppBus
from cadence.ui.dialogs.gear import ShoeDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.views.running import RunningView

CTRL = Qt.KeyboardModifier.ControlModifier


def fill_running() -> dict[str, int]:
    worn, _ = library.add_gear(GearKind.SHOES, "Pegasus 40, blue", limit_m=20_000)
    fresh, _ = library.add_gear(GearKind.SHOES, "Clifton 9", limit_m=800_000)
    ids = {"worn": worn, "fresh": fresh}
    easy = make_session(Discipline.RUNNING, SessionKind.EASY, day=date(2026, 3, 2), minutes=50,
                        distance_m=10_000, avg_hr=141, rpe=3, gear_id=worn, title="Canal path")  # fmt: skip
    js.save_session(easy)
    intervals = make_session(Discipline.RUNNING, SessionKind.INTERVALS, day=date(2026, 3, 4),
                             minutes=54, distance_m=12_000, avg_hr=155, rpe=7, gear_id=worn)  # fmt: skip
    intervals.blocks = [BlockData("800 m", planned_reps=6, done_reps=5)]
    intervals.stop_points = [StopPointData(StopReason.PAIN, rep_index=5, planned_reps=6)]
    js.save_session(intervals)
    long_run = make_session(Discipline.RUNNING, SessionKind.LONG, day=date(2026, 3, 7),
                            minutes=100, distance_m=16_093.44, gear_id=fresh)  # fmt: skip
    js.save_session(long_run)
    ids.update(easy=easy.id, intervals=intervals.id, long=long_run.id)
    js.save_session(make_session(Discipline.MUSIC, day=date(2026, 3, 5)))
    return ids


def show_running(window: MainWindow, qtbot) -> RunningView:
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    view = window.current_view()
    assert isinstance(view, RunningView)
    return view


def cell(view: RunningView, row: int, key: str) -> str:
    model = view.panel.model
    return model.index(row, [c.key for c in model.columns].index(key)).data()


def save(dialog: ShoeDialog, qtbot) -> None:
    button = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_no_runs_yet_says_how_to_get_some(qtbot, journal: Path) -> None:
    view = RunningView(AppBus())
    qtbot.addWidget(view)
    view.setMinimumSize(1100, 700)  # as inside the main window (see test_music_view)
    view.show()
    assert view.panel.is_empty
    text = view.panel.empty_label.text()
    assert "No runs yet" in text and "Today" in text and "GPX, TCX or FIT" in text
    assert view.panel.new_button.text() == "Record a run in Today"
    assert "No shoes yet" in view.gear.empty.text() and view.gear.empty.isVisible()


def test_runs_show_distance_time_pace_in_the_chosen_units(main_window: MainWindow, qtbot) -> None:
    ids = fill_running()
    view = show_running(main_window, qtbot)
    model = view.panel.model
    assert model.rowCount() == 3
    assert view.panel.count_label.text() == "3 runs"
    assert model.session_id(0) == ids["long"]
    assert cell(view, 0, "distance") == "16.09 km"
    assert cell(view, 0, "time") == "1:40:00"
    assert cell(view, 0, "pace") == "6:13 /km (elapsed)"
    assert cell(view, 1, "reps") == "5 / 6"
    assert cell(view, 1, "pace") == "4:30 /km (elapsed)"
    assert cell(view, 1, "stops") == "1"
    assert cell(view, 1, "hr") == "155"
    assert cell(view, 1, "kind") == "Intervals"

    main_window.bus.run(lambda: save_preferences(Preferences(units="mi")))
    assert cell(view, 0, "distance") == "10.00 mi"
    assert cell(view, 0, "pace") == "10:00 /mi (elapsed)"
    card = view.gear.card_for(ids["fresh"])
    assert card is not None and card.mileage.text() == "10 mi of 497 mi"


def test_kind_and_text_filters(main_window: MainWindow, qtbot) -> None:
    ids = fill_running()
    view = show_running(main_window, qtbot)
    bar, model = view.filter_bar, view.panel.model
    bar.choice.setCurrentIndex(bar.choice.findText("Intervals"))
    assert model.session_ids(range(model.rowCount())) == [ids["intervals"]]
    assert view.panel.count_label.text() == "1 runs match"
    bar.choice.setCurrentIndex(0)
    qtbot.keyClicks(bar.search, "canal")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.session_id(0) == ids["easy"]


def test_sorting_by_pace_puts_runs_without_distance_last(main_window: MainWindow, qtbot) -> None:
    ids = fill_running()
    js.save_session(make_session(Discipline.RUNNING, SessionKind.STRENGTH, day=date(2026, 3, 8)))
    view = show_running(main_window, qtbot)
    table, model = view.panel.table, view.panel.model
    pace = [c.key for c in model.columns].index("pace")
    click_header(qtbot, table, pace)
    click_header(qtbot, table, pace)  # both ways round
    orders = {}
    for _ in range(2):
        order = model.session_ids(range(model.rowCount()))
        orders[model.current_sort.descending] = order
        click_header(qtbot, table, pace)
    fastest_first = [ids["intervals"], ids["easy"], ids["long"]]  # 4:30, 5:00, 6:13 /km
    assert orders[False][:3] == fastest_first
    assert orders[True][:3] == fastest_first[::-1]
    # the strength session has no distance, so no pace: last either way
    assert orders[False][3] == orders[True][3] not in fastest_first
    assert cell(view, 3, "pace") == ""


def test_delete_two_runs_then_undo(main_window: MainWindow, qtbot) -> None:
    ids = fill_running()
    view = show_running(main_window, qtbot)
    table, model = view.panel.table, view.panel.model
    click_row(qtbot, table, 0)
    click_row(qtbot, table, 2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert {s.id for s in js.trashed_sessions()} == {ids["long"], ids["easy"]}
    assert model.session_ids(range(model.rowCount())) == [ids["intervals"]]
    assert "Moved 2 sessions to the trash" in main_window.statusBar().currentMessage()
    # the trashed runs no longer count toward the shoes
    assert view.gear.card_for(ids["fresh"]).mileage.text() == "0 km of 800 km"
    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)
    assert js.trashed_sessions() == []
    assert model.rowCount() == 3
    assert view.gear.card_for(ids["fresh"]).mileage.text() == "16 km of 800 km"


def test_shoes_past_their_limit_warn_and_can_be_retired(main_window: MainWindow, qtbot) -> None:
    ids = fill_running()
    view = show_running(main_window, qtbot)
    gear = view.gear
    worn = gear.card_for(ids["worn"])
    assert worn.mileage.text() == "22 km of 20 km"
    assert worn.warning.isVisible() and "2 km past the limit" in worn.warning.text()
    assert not gear.card_for(ids["fresh"]).warning.isVisible()
    assert not gear.retire_button.isEnabled()

    item = gear.list.item(1)  # gear_usage lists active shoes by name: Clifton, then Pegasus
    qtbot.mouseClick(
        gear.list.viewport(), Qt.MouseButton.LeftButton, pos=gear.list.visualItemRect(item).center()
    )
    assert gear.selected_shoe().gear_id == ids["worn"]
    qtbot.mouseClick(gear.retire_button, Qt.MouseButton.LeftButton)
    retired = {g.gear_id: g.retired for g in library.gear_usage()}
    assert retired == {ids["worn"]: True, ids["fresh"]: False}
    assert gear.list.item(1).text() == "Retired"  # the heading, then the retired pair
    assert not gear.card_for(ids["worn"]).warning.isVisible()  # retired: nothing to warn about
    assert main_window.act_undo.text() == "&Undo Retire Pegasus 40, blue"
    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)
    assert not any(g.retired for g in library.gear_usage())
    assert gear.card_for(ids["worn"]).warning.isVisible()


def test_add_shoes_with_a_limit_in_miles(main_window: MainWindow, qtbot) -> None:
    save_preferences(Preferences(units="mi"))
    view = show_running(main_window, qtbot)
    qtbot.mouseClick(view.gear.add_button, Qt.MouseButton.LeftButton)
    dialog = view.gear.dialog
    assert isinstance(dialog, ShoeDialog)
    assert dialog.limit.text() == "500 mi"
    save(dialog, qtbot)
    assert dialog.isVisible() and "Name the gear" in dialog.error.text()
    qtbot.keyClicks(dialog.name, "Novablast 4")
    save(dialog, qtbot)
    assert not dialog.isVisible()
    [shoe] = library.gear_usage()
    assert (shoe.name, shoe.kind, round(shoe.limit_m)) == ("Novablast 4", "shoes", 804_672)
    assert view.gear.card_for(shoe.gear_id).mileage.text() == "0 mi of 500 mi"
    assert view.gear.list.isVisible() and not view.gear.empty.isVisible()


def test_a_shoe_card_is_made_when_its_row_comes_into_view(main_window: MainWindow, qtbot) -> None:
    """Thirty years wear out some eighty pairs: the cards below the list's fold are made as the
    list is scrolled to them, each in its own row."""
    from cadence.ui.views.running import ShoeCard

    ids = []
    for n in range(40):
        gear_id, _ = library.add_gear(GearKind.SHOES, f"Pair {n:02d}", limit_m=800_000)
        library.retire_gear(gear_id, date(2026, 3, 1))
        ids.append(gear_id)
    view = show_running(main_window, qtbot)
    gear = view.gear
    made = len(gear.list.findChildren(ShoeCard))
    assert 0 < made < 40  # the rows in view (and just below), not all forty
    bar = gear.list.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderToMaximum)  # the scroll bar dragged to the end
    assert bar.value() == bar.maximum() > 0
    last = gear.list.item(gear.list.count() - 1)
    card = gear.list.itemWidget(last)
    assert isinstance(card, ShoeCard)
    # placed over its row once the list has laid it out (before it paints)
    qtbot.waitUntil(lambda: card.geometry() == gear.list.visualItemRect(last))
    assert card.isVisible()
    assert "Pair 39" in card.findChildren(type(card.mileage))[0].text()
    assert len(gear.list.findChildren(ShoeCard)) < 40
    assert gear.card_for(ids[20]) is not None  # asked for: made now
