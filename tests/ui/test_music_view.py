"""The Music view, driven as a person would: typing in the filter, clicking headers, pressing
Delete then Ctrl+Z, adding pieces and passages; and its table model over 100,000 sessions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QTableView
from tests.conftest import make_session
from tests.services.test_listing import insert_many_sessions

from cadence.domain.enums import Discipline, Outcome, ReflectionPrompt, SessionKind
from cadence.domain.records import BlockData, IntentionData, ReflectionData
from cadence.services.browse import listing
from cadence.services.browse.listing import ListFilter, PassageSummary, Sort, TempoEntry
from cadence.services.records import journal as js
from cadence.services.records import library
from cadence.ui.bus import AppBus
from cadence.ui.charts.tempo import SYMBOLS_UP_TO, TempoChart
from cadence.ui.dialogs.repertoire import PassageDialog, PieceDialog
from cadence.ui.main_window import MainWindow
from cadence.ui.models.columns import music_columns
from cadence.ui.models.sessions_model import SessionsModel
from cadence.ui.views.music import MusicView
from cadence.ui.widgets.sessions_table import SessionsTable

CTRL = Qt.KeyboardModifier.ControlModifier


def fill_music() -> dict[str, int]:
    etude, _ = library.add_piece("Étude Op. 10 No. 3", "Chopin")
    coda, _ = library.add_passage(etude, "Coda", "62-77", 60, 120)
    ids = {"etude": etude, "coda": coda}
    days = [date(2026, 3, d) for d in (2, 3, 5, 6)]
    for n, (day, clean, bpm) in enumerate(zip(days, (4, 6, 9, 0), (72, 80, 88, 99), strict=True)):
        session = make_session(day=day, minutes=20 + 10 * n, rpe=3 + n, focus=1 + n)
        session.blocks = [
            BlockData("coda", done_reps=10, clean_reps=clean, passage_id=coda, achieved_bpm=bpm)
        ]
        session.intentions = [IntentionData(f"Coda at {bpm}", outcome=Outcome.ACHIEVED)]
        js.save_session(session)
        ids[f"s{n}"] = session.id
    lesson = make_session(kind=SessionKind.LESSON, day=date(2026, 3, 4), title="Lesson")
    lesson.reflections = [ReflectionData(ReflectionPrompt.WENT_WELL, "Marta liked the pedalling")]
    js.save_session(lesson)
    ids["lesson"] = lesson.id
    js.save_session(make_session(Discipline.RUNNING, day=date(2026, 3, 4), distance_m=5000))
    return ids


def show_music(window: MainWindow, qtbot) -> MusicView:
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    view = window.current_view()
    assert isinstance(view, MusicView)
    return view


def cell(view: MusicView, row: int, key: str) -> str:
    model = view.panel.model
    column = [c.key for c in model.columns].index(key)
    return model.index(row, column).data()


def click_row(qtbot, table: QTableView, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_header(qtbot, table: QTableView, section: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_empty_journal_explains_what_goes_here(qtbot, journal: Path) -> None:
    bus = AppBus()
    view = MusicView(bus)
    qtbot.addWidget(view)
    # a fixed minimum, as inside the main window: the offscreen platform warns when a
    # top-level window's minimum size changes after it is shown
    view.setMinimumSize(1100, 700)
    view.show()
    assert view.panel.is_empty
    assert "No music sessions yet" in view.panel.empty_label.text()
    assert view.panel.new_button.isVisible() and view.panel.demo_button.isVisible()
    assert "No pieces yet" in view.repertoire.empty.text()
    with qtbot.waitSignal(bus.command) as asked:
        qtbot.mouseClick(view.panel.demo_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["open-demo"]


def test_table_lists_music_sessions_with_their_measures(main_window: MainWindow, qtbot) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    model = view.panel.model
    assert model.rowCount() == 5  # the run is not here
    count = QTextDocumentFragment.fromHtml(view.panel.count_label.text()).toPlainText()
    assert count.startswith("5 music sessions")
    # what the intention dots mean, under the table
    assert " ".join(count.split()) == (
        "5 music sessions · Intention: ● met ● partly ● missed ○ not rated"
    )
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole + 1) == ids["s3"]  # newest first
    assert cell(view, 0, "date") == "Fri 6 Mar 2026"
    assert cell(view, 0, "minutes") == "50"
    assert cell(view, 0, "pieces") == "Étude Op. 10 No. 3"
    assert cell(view, 0, "intention") == "Coda at 99"
    # narrow columns cut long text: the tooltip holds it whole
    tips = {
        key: model.index(0, [c.key for c in model.columns].index(key)).data(
            Qt.ItemDataRole.ToolTipRole
        )
        for key in ("pieces", "intention")
    }
    assert "Étude Op. 10 No. 3" in tips["pieces"] and "Coda at 99" in tips["intention"]
    assert cell(view, 0, "accuracy") == "0%"
    assert cell(view, 1, "accuracy") == "90%"
    minutes = [c.key for c in model.columns].index("minutes")
    alignment = model.index(0, minutes).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None  # the colour chip


def test_typing_filters_after_a_pause(main_window: MainWindow, qtbot) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    model = view.panel.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    qtbot.keyClicks(view.filter_bar.search, "pedalling")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert len(resets) == 1  # nine keys, one query
    assert model.session_id(0) == ids["lesson"]
    count = QTextDocumentFragment.fromHtml(view.panel.count_label.text()).toPlainText()
    assert count.startswith("1 music sessions match")
    qtbot.keyClicks(view.filter_bar.search, " nothing")
    qtbot.waitUntil(lambda: view.panel.is_empty, timeout=2000)
    assert "No music sessions match" in view.panel.empty_label.text()
    assert view.panel.clear_button.isVisible()
    qtbot.mouseClick(view.panel.clear_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 5 and view.filter_bar.text() == ""


def test_piece_and_date_filters(main_window: MainWindow, qtbot) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    bar, model = view.filter_bar, view.panel.model
    bar.choice.setCurrentIndex(bar.choice.findData(ids["etude"]))
    assert model.rowCount() == 4  # the lesson played no passage
    bar.set_custom_range(date(2026, 3, 3), date(2026, 3, 5))
    assert bar.start.isVisible()
    assert sorted(model.session_ids(range(model.rowCount()))) == [ids["s1"], ids["s2"]]


def test_clicking_headers_sorts_in_sql(main_window: MainWindow, qtbot) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    table, model = view.panel.table, view.panel.model
    accuracy = [c.key for c in model.columns].index("accuracy")
    click_header(qtbot, table, accuracy)
    first = model.current_sort
    click_header(qtbot, table, accuracy)
    second = model.current_sort
    assert {first, second} == {Sort("accuracy", False), Sort("accuracy", True)}
    if second.descending:
        assert model.session_id(0) == ids["s2"]  # 90% clean
        assert cell(view, 0, "accuracy") == "90%"
    else:
        assert model.session_id(0) == ids["s3"]  # 0% clean
    assert model.session_id(4) == ids["lesson"]  # no reps counted: last either way


def test_delete_moves_to_trash_and_ctrl_z_brings_back(main_window: MainWindow, qtbot) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    table, model = view.panel.table, view.panel.model
    click_row(qtbot, table, 0)
    click_row(qtbot, table, 1, Qt.KeyboardModifier.ShiftModifier)
    assert table.selected_session_ids() == [ids["s3"], ids["s2"]]
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert {s.id for s in js.trashed_sessions()} == {ids["s3"], ids["s2"]}
    assert model.rowCount() == 3
    assert model.session_id(0) == ids["lesson"]
    assert main_window.act_undo.text() == "&Undo Move 2 sessions to the trash"
    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)
    assert js.trashed_sessions() == []
    assert model.rowCount() == 5
    assert model.session_id(0) == ids["s3"]


def test_double_click_and_enter_open_the_session_editor(main_window: MainWindow, qtbot) -> None:
    from cadence.ui.dialogs.session_editor import SessionEditor

    ids = fill_music()
    view = show_music(main_window, qtbot)
    table = view.panel.table
    # a double-click is a click, then a second press that the system reports as a double-click
    click_row(qtbot, table, 2)
    rect = table.visualRect(view.panel.model.index(2, 1))
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = view.panel.editor
    assert isinstance(editor, SessionEditor)
    assert editor.original.id == ids["lesson"]
    editor.reject()
    qtbot.waitUntil(lambda: view.panel.editor is None)
    click_row(qtbot, table, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.panel.editor is not None and view.panel.editor.original.id == ids["s3"]
    view.panel.editor.reject()


def test_ctrl_f_puts_the_cursor_in_the_search(main_window: MainWindow, qtbot) -> None:
    view = show_music(main_window, qtbot)
    qtbot.keyClick(main_window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is view.filter_bar.search


def test_views_follow_changes_made_elsewhere(main_window: MainWindow, qtbot) -> None:
    view = show_music(main_window, qtbot)
    assert view.panel.is_empty
    main_window.bus.run(lambda: js.save_session(make_session(minutes=33)))
    assert view.panel.model.rowCount() == 1
    assert cell(view, 0, "minutes") == "33"
    assert not view.panel.is_empty


def test_add_piece_and_passage_then_see_tempo_history(main_window: MainWindow, qtbot) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    panel = view.repertoire
    # the practised passage is shown without a click, with its clean tempi (99 BPM had no clean
    # rep), just after the view's first paint
    qtbot.waitUntil(lambda: panel.chart.passage_id == ids["coda"], timeout=2000)
    assert list(panel.chart.series["best"].yData) == [72, 80, 88]
    assert panel.history.rowCount() == 3
    assert panel.history.item(0, 1).text() == "88"  # newest first
    assert panel.history.item(0, 2).text() == "73%"

    qtbot.mouseClick(panel.add_piece_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, PieceDialog)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible() and dialog.error.text() == "Give the piece a title"
    qtbot.keyClicks(dialog.title, "Arabesque No. 1")
    qtbot.keyClicks(dialog.composer, "Debussy")
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    assert [p.title for p in library.pieces()] == ["Arabesque No. 1", "Étude Op. 10 No. 3"]
    top = panel.tree.topLevelItem(0)
    assert top.text(0) == "Arabesque No. 1  ·  Debussy"
    assert view.filter_bar.choice.findText("Arabesque No. 1") > 0

    panel.tree.setCurrentItem(top)
    qtbot.mouseClick(panel.add_passage_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, PassageDialog)
    assert dialog.piece.currentText() == "Arabesque No. 1"
    qtbot.keyClicks(dialog.label, "Opening triplets")
    qtbot.keyClicks(dialog.bars, "1-16")
    dialog.start_bpm.setValue(5)  # below any believable tempo
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert "start tempo (BPM) must be between 10 and 400" in dialog.error.text()
    dialog.start_bpm.setValue(60)
    dialog.target_bpm.setValue(108)
    qtbot.mouseClick(
        dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()
    passage = library.passages_of(library.pieces()[0].id)[0]
    assert (passage.label, passage.bars, passage.start_bpm, passage.target_bpm) == (
        "Opening triplets", "1-16", 60, 108
    )  # fmt: skip
    assert panel.current_passage().id == passage.id  # the new passage is chosen
    assert panel.chart.passage_id == passage.id and "No clean tempo" in panel.chart.message
    assert panel.tree.topLevelItem(0).child(0).text(2) == "– / 108"


class _TablePaints(QObject):
    """Notes in `log` each paint of a sessions table (its viewport, a child of the table)."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched.parent(), SessionsTable):
            self.log.append("table painted")
        return False


def test_the_tempo_history_is_read_after_the_table_has_painted(
    main_window: MainWindow, qtbot, monkeypatch
) -> None:
    """Opening Music paints the sessions table first; the chosen passage's tempo history (a
    query, the chart's items) follows without a click, also when the view comes back after a
    write made elsewhere."""
    ids = fill_music()
    log: list[str] = []
    read = listing.tempo_history

    def tempo_history(passage_id: int) -> list[TempoEntry]:
        log.append("history read")
        return read(passage_id)

    monkeypatch.setattr(listing, "tempo_history", tempo_history)
    paints = _TablePaints(log)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(paints)
    try:
        view = show_music(main_window, qtbot)
        panel = view.repertoire
        qtbot.waitUntil(lambda: "history read" in log, timeout=2000)
        assert log.index("table painted") < log.index("history read")
        assert list(panel.chart.series["best"].yData) == [72, 80, 88]
        assert panel.history.rowCount() == 3

        # a faster clean block saved while Today is in front: Music shows it when it is back
        qtbot.keyClick(main_window, Qt.Key.Key_1, CTRL)
        faster = make_session(day=date(2026, 3, 7))
        faster.blocks = [BlockData("coda", done_reps=5, clean_reps=5, passage_id=ids["coda"],
                                   achieved_bpm=92)]  # fmt: skip
        main_window.bus.run(lambda: js.save_session(faster))
        log.clear()
        view = show_music(main_window, qtbot)
        qtbot.waitUntil(lambda: "history read" in log, timeout=2000)
        assert log.index("table painted") < log.index("history read")
        assert list(panel.chart.series["best"].yData) == [72, 80, 88, 92]
        assert panel.history.item(0, 1).text() == "92"
        assert panel.tree.topLevelItem(0).child(0).text(2) == "92 / 120"

        # a save while Music is in front draws the history again at once; so does a choice
        slower = make_session(day=date(2026, 3, 8))
        slower.blocks = [BlockData("coda", done_reps=5, clean_reps=2, passage_id=ids["coda"],
                                   achieved_bpm=84)]  # fmt: skip
        main_window.bus.run(lambda: js.save_session(slower))
        assert list(panel.chart.series["best"].yData) == [72, 80, 88, 92, 84]
        assert panel.history.rowCount() == 5
        panel.tree.setCurrentItem(panel.tree.topLevelItem(0))  # the piece: no passage chosen
        assert panel.chart.passage_id is None and "Choose a passage" in panel.chart.message
    finally:
        app.removeEventFilter(paints)


def _count_shown(view) -> int:
    """The number the line under a session table starts with."""
    text = QTextDocumentFragment.fromHtml(view.panel.count_label.text()).toPlainText()
    return int(text.split()[0].replace(",", ""))


def test_the_counts_under_the_tables_follow_every_kind_of_write(
    main_window: MainWindow, qtbot
) -> None:
    """The counts are kept and moved by each write: an add, an edit that makes a practice a
    run, Delete and Ctrl+Z, a purge from the Trash, and runs imported by the worker (another
    connection to the file)."""
    from tests.ui.test_importing import RUNNING, close, import_and_wait, summary_dialog

    ids = fill_music()
    view = show_music(main_window, qtbot)
    assert _count_shown(view) == view.panel.model.rowCount() == 5
    main_window.bus.run(lambda: js.save_session(make_session(day=date(2026, 3, 7))))
    assert _count_shown(view) == 6
    lesson = js.load_session(ids["lesson"])
    lesson.discipline, lesson.kind = Discipline.RUNNING, SessionKind.EASY
    main_window.bus.run(lambda: js.save_session(lesson))
    assert _count_shown(view) == 5
    table = view.panel.table
    click_row(qtbot, table, 0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert _count_shown(view) == view.panel.model.rowCount() == 4
    qtbot.keyClick(main_window, Qt.Key.Key_Z, CTRL)
    assert _count_shown(view) == 5
    click_row(qtbot, table, 0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    main_window.bus.run(lambda: js.purge_sessions([s.id for s in js.trashed_sessions()]))
    assert _count_shown(view) == view.panel.model.rowCount() == 4

    main_window.show_view("running")
    running = main_window.current_view()
    assert _count_shown(running) == 2  # the run and the lesson made a run
    summary = import_and_wait(main_window, qtbot, [RUNNING / "run-8-laps.fit"])
    assert summary.new == 1
    close(summary_dialog(main_window, qtbot), qtbot)
    assert _count_shown(running) == running.panel.model.rowCount() == 3
    main_window.show_view("music")
    assert main_window.current_view() is view and _count_shown(view) == 4
    assert listing.count(ListFilter(Discipline.MUSIC)) == 4


def test_model_reads_only_the_rows_shown_of_100000(qtbot, journal: Path) -> None:
    insert_many_sessions(100_000)
    model = SessionsModel(music_columns(), ListFilter(Discipline.MUSIC))
    assert model.rowCount() == 0 and model.rows_fetched == 0  # nothing read before asked
    model.requery()
    assert model.rowCount() == 100_000
    assert model.index(99_999, 0).data() == "Fri 20 Sep 1957"  # the oldest session
    assert model.rows_fetched == SessionsModel.ROW_PAGE
    assert model.cached_ids == SessionsModel.ID_WINDOW
    # in a table: showing the top, then jumping to the end, reads a few pages only
    table = SessionsTable(model)
    qtbot.addWidget(table)
    table.resize(900, 600)
    table.show()
    qtbot.waitExposed(table)
    table.scrollToBottom()
    qtbot.wait(50)
    assert table.rowAt(table.viewport().height() - 2) == 99_999
    assert model.rows_fetched <= 3 * SessionsModel.ROW_PAGE
    assert model.cached_rows <= SessionsModel.MAX_ROW_PAGES * SessionsModel.ROW_PAGE
    assert model.cached_ids <= SessionsModel.MAX_ID_WINDOWS * SessionsModel.ID_WINDOW
    # sorting by an aggregate re-queries in SQL and still reads one page for the last row
    model.sort([c.key for c in model.columns].index("accuracy"), Qt.SortOrder.AscendingOrder)
    assert model.rows_fetched == 0
    last = model.row_at(99_999)
    assert last is not None and last.accuracy == 1.0
    assert model.row_at(0).accuracy == pytest.approx(0.1)
    assert model.rows_fetched <= 2 * SessionsModel.ROW_PAGE


def test_a_session_asked_for_elsewhere_is_shown_and_selected(
    main_window: MainWindow, qtbot
) -> None:
    ids = fill_music()
    view = show_music(main_window, qtbot)
    qtbot.keyClicks(view.filter_bar.search, "pedalling")
    qtbot.waitUntil(lambda: view.panel.model.rowCount() == 1, timeout=2000)
    main_window.bus.navigate.emit("music", ids["s0"])  # filtered out: the filters make way
    assert view.filter_bar.text() == ""
    table = view.panel.table
    assert table.selected_session_ids() == [ids["s0"]]
    assert table.currentIndex().row() == 4  # the oldest, at the bottom


def test_a_passages_tempo_tooltip_counts_its_clean_blocks_and_follows_a_save(
    main_window: MainWindow, qtbot
) -> None:
    """The count of clean blocks is read when the tooltip is asked for (not for every passage
    when the tree is filled), and is fresh after a save through the window's bus."""
    ids = fill_music()
    view = show_music(main_window, qtbot)
    tree = view.repertoire.tree

    def tip() -> str:
        index = tree.model().index(0, 2, tree.model().index(0, 0))
        return tree.model().data(index, Qt.ItemDataRole.ToolTipRole)

    assert tree.topLevelItem(0).child(0).text(2) == "88 / 120"
    assert tip() == (
        "Start 60, best clean 88, target 120 BPM\npractised at a clean tempo in 3 blocks"
    )
    faster = make_session(day=date(2026, 3, 7))
    faster.blocks = [BlockData("coda", done_reps=5, clean_reps=5, passage_id=ids["coda"],
                               achieved_bpm=92)]  # fmt: skip
    main_window.bus.run(lambda: js.save_session(faster))
    tree = view.repertoire.tree
    assert tree.topLevelItem(0).child(0).text(2) == "92 / 120"
    assert tip().endswith("in 4 blocks")


@pytest.mark.parametrize(("sessions", "dots"), [(12, True), (SYMBOLS_UP_TO + 1, False)])
def test_the_tempo_chart_dots_each_session_while_they_can_be_told_apart(
    qtbot, sessions: int, dots: bool
) -> None:
    chart = TempoChart()
    qtbot.addWidget(chart)
    passage = PassageSummary(1, "Bars 1-8", "1-8", 60.0, 120.0, 110.0)
    history = [
        TempoEntry(date(2020, 1, 1) + timedelta(days=i), i + 1, 60.0 + i % 50)
        for i in range(sessions)
    ]
    chart.show_passage(passage, history)
    best = chart.series["best"]
    x, y = best.getData()
    assert len(x) == sessions and y[0] == 60.0  # every session is on the line either way
    assert (best.opts["symbol"] == "o") is dots


@pytest.mark.parametrize("width", [260, 340, 600])
def test_the_tempo_charts_start_and_target_labels_stay_inside_the_plot(qtbot, width: int) -> None:
    chart = TempoChart()
    qtbot.addWidget(chart)
    chart.resize(width, 180)
    chart.show()
    qtbot.waitExposed(chart)
    passage = PassageSummary(1, "Bars 1-8", "1-8", 70.0, 108.0, 100.0)
    history = [
        TempoEntry(date(2026, 9, 1) + timedelta(days=7 * i), i + 1, 74.0 + 2 * i) for i in range(12)
    ]
    chart.show_passage(passage, history)
    qtbot.wait(20)
    plot = chart.getPlotItem().vb.sceneBoundingRect()
    for name in ("start", "target"):
        label = chart.series[name].label.sceneBoundingRect()
        assert plot.contains(label), (name, label, plot)  # not cut at any edge


def test_the_models_roles_for_planned_and_done_rows_and_its_recent_page(
    qtbot, journal: Path
) -> None:
    """Each role a cell is asked for: the planned session greyed and in italics, the others
    neither; numbers to the right, text to the left; the session's id. Rows of one page read
    again come from that page, and the pages read least recently are the ones let go."""
    from PySide6.QtGui import QFont, QGuiApplication, QPalette

    from cadence.domain.enums import SessionStatus
    from cadence.domain.units import Units
    from cadence.ui.models.sessions_model import SESSION_ID_ROLE
    from cadence.ui.safe_text import plain_tooltip

    done = make_session(day=date(2026, 3, 2), title="Scales")
    plan = make_session(day=date(2026, 3, 3), title="Run-through", status=SessionStatus.PLANNED)
    insert_many_sessions(1_000, end=date(2025, 12, 31))  # older, below the two
    for session in (done, plan):
        js.save_session(session)
    model = SessionsModel(music_columns(), ListFilter(Discipline.MUSIC))
    model.requery()
    columns = model.columns
    role = Qt.ItemDataRole
    grey = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    for column, spec in enumerate(columns):
        planned, other = model.index(0, column), model.index(1, column)  # newest first
        assert planned.data(SESSION_ID_ROLE) == plan.id and other.data(SESSION_ID_ROLE) == done.id
        assert planned.data(role.ForegroundRole) == grey
        font = planned.data(role.FontRole)
        assert isinstance(font, QFont) and font.italic()
        assert other.data(role.ForegroundRole) is None and other.data(role.FontRole) is None
        right = Qt.AlignmentFlag.AlignRight if spec.numeric else Qt.AlignmentFlag.AlignLeft
        assert planned.data(role.TextAlignmentRole) == right | Qt.AlignmentFlag.AlignVCenter
        for index in (planned, other):
            row = model.row_at(index.row())
            assert row is not None
            assert index.data(role.BackgroundRole) is None and index.data(role.EditRole) is None
            assert index.data() == spec.text(row, Units.KM)
            chip = spec.decoration(row) if spec.decoration else None
            shown = index.data(role.DecorationRole)
            assert (shown is None) == (chip is None)
            if shown is not None and chip is not None:
                assert shown.cacheKey() == chip.cacheKey()  # the same chip
            tip = plain_tooltip(spec.tooltip(row, Units.KM)) if spec.tooltip else None
            assert index.data(role.ToolTipRole) == tip
    assert model.index(0, 0).data() == "Tue 3 Mar 2026"
    beyond = model.index(1_002, 0)
    assert beyond.data() is None and beyond.data(SESSION_ID_ROLE) is None

    page = SessionsModel.ROW_PAGE
    first = model.row_at(0)
    assert first is not None and model.row_at(0) is first  # the same page, not read again
    for number in range(1, SessionsModel.MAX_ROW_PAGES):
        assert model.row_at(number * page) is not None
    assert model.rows_fetched == SessionsModel.MAX_ROW_PAGES * page
    assert model.row_at(1) is not None  # page 0 used again: now the most recent
    model.row_at(SessionsModel.MAX_ROW_PAGES * page)  # a ninth page lets page 1 go, not page 0
    assert (
        model.row_at(2) is not None
        and model.rows_fetched == (SessionsModel.MAX_ROW_PAGES + 1) * page
    )
    model.row_at(page + 1)
    assert model.rows_fetched == (SessionsModel.MAX_ROW_PAGES + 2) * page  # page 1 read again
    assert model.row_at(0) is first  # page 0 kept, and now the page used last
    model.requery()  # a re-query forgets every page, the one used last too
    assert model.row_at(0) is not first and model.rows_fetched == page
