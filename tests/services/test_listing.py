"""The listing service: counts, pages, filters and sorts of the session tables, straight from SQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import (
    Discipline,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    StopReason,
)
from cadence.domain.records import BlockData, IntentionData, ReflectionData, StopPointData
from cadence.services.browse import listing
from cadence.services.browse.listing import ListFilter, Sort
from cadence.services.records import journal as js
from cadence.services.records import library
from cadence.store.models import database

MUSIC = ListFilter(Discipline.MUSIC)
RUNNING = ListFilter(Discipline.RUNNING)


def insert_many_sessions(
    n: int, discipline: str = "music", end: date = date(2026, 3, 1), per_day: int = 4
) -> None:
    """n done sessions, ids 1..n, `per_day` a day counting back from `end` (id 1 is the newest);
    every session has a block with done and clean reps (accuracy (i % 10 + 1) / 10) and every
    fifth a stop-point. Written with the DB-API's executemany in one transaction: peewee's
    insert_many builds its SQL in Python and takes ~20 s for 100,000 rows, this takes ~1 s."""
    stamp = "2026-03-01 12:00:00"
    kind = "practice" if discipline == "music" else "easy"
    sessions, blocks, stops = [], [], []
    for i in range(1, n + 1):
        day = end - timedelta(days=(i - 1) // per_day)
        started = datetime.combine(day, datetime.min.time()) + timedelta(hours=20 - i % per_day)
        sessions.append(
            (i, discipline, kind, "done", f"Session {i}", started.isoformat(" "),
             day.isoformat(), 1200 + (i % 50) * 60, i % 11, "", "manual", 0, stamp, stamp)
        )  # fmt: skip
        blocks.append((i, 0, "scales", 10, i % 10 + 1, ""))
        if i % 5 == 0:
            stops.append((i, "form", 1, "none", "stopped", ""))
    connection = database.connection()
    with database.atomic():
        connection.executemany(
            "INSERT INTO session (id, discipline, kind, status, title, started_at, local_date,"
            " duration_s, rpe, notes, source, needs_review, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            sessions,
        )
        connection.executemany(
            "INSERT INTO block (session_id, position, label, done_reps, clean_reps, notes)"
            " VALUES (?,?,?,?,?,?)",
            blocks,
        )
        connection.executemany(
            "INSERT INTO stop_point (session_id, reason, severity, body_area, action, note)"
            " VALUES (?,?,?,?,?,?)",
            stops,
        )


@pytest.fixture
def music(journal: Path) -> dict[str, int]:
    """A small journal: three music sessions on two pieces, a run and a trashed session."""
    etude, _ = library.add_piece("Étude Op. 10 No. 3", "Chopin")
    bach, _ = library.add_piece("Prelude in C", "Bach")
    coda, _ = library.add_passage(etude, "Coda", "62-77", 60, 120)
    opening, _ = library.add_passage(bach, "Opening", "1-8", 70, 100)
    ids: dict[str, int] = {"etude": etude, "bach": bach, "coda": coda, "opening": opening}

    first = make_session(day=date(2026, 3, 2), minutes=40, rpe=6, focus=4, title="Morning")
    first.blocks = [
        BlockData("coda", done_reps=10, clean_reps=8, passage_id=coda, achieved_bpm=84),
        BlockData("coda again", done_reps=10, clean_reps=0, passage_id=coda, achieved_bpm=96),
        BlockData("opening", done_reps=5, clean_reps=5, passage_id=opening, achieved_bpm=80),
    ]
    first.intentions = [
        IntentionData("Coda at 84, relaxed shoulders", outcome=Outcome.ACHIEVED),
        IntentionData("Stay present", outcome=Outcome.PARTLY),
    ]
    first.stop_points = [StopPointData(StopReason.FORM, elapsed_s=1800)]
    js.save_session(first)
    ids["first"] = first.id

    second = make_session(day=date(2026, 3, 4), minutes=25, rpe=3, notes="Wrist felt fine")
    second.blocks = [BlockData("coda", done_reps=4, clean_reps=1, passage_id=coda, achieved_bpm=90)]
    second.intentions = [IntentionData("Slow practice 100% clean", outcome=Outcome.MISSED)]
    second.reflections = [ReflectionData(ReflectionPrompt.WENT_WELL, "The left hand found its way")]
    js.save_session(second)
    ids["second"] = second.id

    third = make_session(kind=SessionKind.LESSON, day=date(2026, 3, 4), minutes=60)
    js.save_session(third)
    ids["third"] = third.id

    run = make_session(Discipline.RUNNING, SessionKind.INTERVALS, day=date(2026, 3, 3),
                       minutes=50, distance_m=10_000, avg_hr=150)  # fmt: skip
    run.blocks = [BlockData("800 m", planned_reps=6, done_reps=5)]
    js.save_session(run)
    ids["run"] = run.id

    trashed = make_session(day=date(2026, 3, 5), title="Trashed étude")
    trashed.blocks = [
        BlockData("coda", done_reps=3, clean_reps=3, passage_id=coda, achieved_bpm=130)
    ]
    js.save_session(trashed)
    js.trash_sessions([trashed.id])
    ids["trashed"] = trashed.id
    return ids


def add_plan(coda: int) -> int:
    """A planned (not yet done) session with a clean block at 140 BPM on the coda."""
    planned = make_session(day=date(2026, 3, 9), status=SessionStatus.PLANNED)
    planned.blocks = [
        BlockData("coda", done_reps=2, clean_reps=2, passage_id=coda, achieved_bpm=140)
    ]
    js.save_session(planned)
    return planned.id


def _ids(flt: ListFilter, sort: Sort | None = None) -> list[int]:
    return [r.id for r in listing.page(flt, sort or Sort(), 0, 100)]


def test_the_count_follows_the_trash_when_it_empties_and_fills(music: dict[str, int]) -> None:
    """With nothing trashed the count skips its look-up among the trashed: still right."""
    js.purge_sessions([music["trashed"]])
    assert listing.count(MUSIC) == 3
    assert listing.count(ListFilter(Discipline.MUSIC, text="morning")) == 1
    js.trash_sessions([music["second"]])
    assert listing.count(MUSIC) == 2
    assert music["second"] not in _ids(MUSIC)
    js.restore_sessions([music["second"]])
    assert listing.count(MUSIC) == 3
    assert listing.count(RUNNING) == 1


@pytest.mark.sqlite_only  # kept on a journal file; a server counts (the test above)
def test_the_kept_count_follows_every_write(
    music: dict[str, int], tmp_path: Path, monkeypatch
) -> None:
    """The unfiltered count is read once, then moved by the writes (a save, an edit that
    changes the craft, a trash, a restore, a purge, a rollback) without counting again; a write
    by another connection, or another journal, makes it count again. Each time it equals the
    count walked afresh."""
    import sqlite3

    from cadence.store.db import close_journal, current_path, journal_version, open_journal

    walks: list[ListFilter] = []
    walk = listing._count

    def counting(flt: ListFilter) -> int:
        walks.append(flt)
        return walk(flt)

    monkeypatch.setattr(listing, "_count", counting)

    def counts() -> tuple[int, int]:
        kept = (listing.count(MUSIC), listing.count(RUNNING))
        assert kept == (walk(MUSIC), walk(RUNNING))
        return kept

    before = journal_version()
    assert counts() == (3, 1) and len(walks) == 2  # read once per craft
    assert journal_version() == before  # reading writes nothing: the charts' facts stay kept
    walks.clear()
    added = make_session(day=date(2026, 3, 6))
    js.save_session(added)
    assert counts() == (4, 1)
    added.discipline = Discipline.RUNNING  # edited: now a run
    added.kind = SessionKind.EASY
    js.save_session(added)
    assert counts() == (3, 2)
    js.trash_sessions([added.id, music["first"]])
    assert counts() == (2, 1)
    js.restore_sessions([music["first"]])
    assert counts() == (3, 1)
    js.purge_sessions([added.id, music["trashed"]])  # already out of the count
    assert counts() == (3, 1)
    with pytest.raises(RuntimeError), database.atomic():
        js.save_session(make_session(day=date(2026, 3, 7)))
        raise RuntimeError("rolled back")
    assert counts() == (3, 1)
    assert listing.count(ListFilter(Discipline.MUSIC, text="  ")) == 3  # blank text: unfiltered
    assert walks == []  # none of those writes made it count again
    other = sqlite3.connect(current_path())
    with other:
        other.execute("UPDATE session SET deleted_at = '2026-03-08 10:00:00' WHERE id = ?",
                      (music["second"],))  # fmt: skip
    other.close()
    assert counts() == (2, 1) and len(walks) == 2  # another connection wrote: read again
    assert listing.count(ListFilter(Discipline.MUSIC, kind="lesson")) == 1  # filters count
    path = current_path()
    close_journal()
    open_journal(tmp_path / "other.sqlite")
    assert counts() == (0, 0)
    close_journal()
    open_journal(path)
    assert counts() == (2, 1)


def test_lists_live_sessions_of_one_discipline_newest_first(music: dict[str, int]) -> None:
    assert listing.count(MUSIC) == 3
    # of the two on 4 March the later id comes first
    assert _ids(MUSIC) == [music["third"], music["second"], music["first"]]
    assert _ids(RUNNING) == [music["run"]]
    assert _ids(MUSIC, Sort("date", descending=False)) == [
        music["first"], music["second"], music["third"]
    ]  # fmt: skip
    planned = add_plan(music["coda"])  # a plan is listed too (the table marks it)
    assert _ids(MUSIC)[0] == planned
    assert listing.page(MUSIC, Sort(), 0, 1)[0].status == "planned"


def test_rows_carry_aggregates_computed_in_sql(music: dict[str, int]) -> None:
    rows = {r.id: r for r in listing.page(MUSIC, Sort(), 0, 10)}
    first = rows[music["first"]]
    assert first.pieces == ("Étude Op. 10 No. 3", "Prelude in C")
    assert (first.clean_reps, first.attempted_reps) == (13, 25)
    assert first.accuracy == pytest.approx(13 / 25)
    assert first.intention == "Coda at 84, relaxed shoulders"
    assert (first.intentions, first.achieved, first.partly, first.missed) == (2, 1, 1, 0)
    assert first.stops == 1
    assert (first.rpe, first.focus, first.duration_s) == (6, 4, 2400)
    lesson = rows[music["third"]]
    assert lesson.pieces == () and lesson.accuracy is None and lesson.intentions == 0
    assert lesson.kind == "lesson"
    run = listing.page(RUNNING, Sort(), 0, 1)[0]
    assert (run.planned_reps, run.done_reps) == (6, 5)
    assert run.pace_s_per_km == pytest.approx(300)
    assert run.avg_hr == 150


def test_date_range_is_inclusive(music: dict[str, int]) -> None:
    flt = ListFilter(Discipline.MUSIC, start=date(2026, 3, 3), end=date(2026, 3, 4))
    assert set(_ids(flt)) == {music["second"], music["third"]}
    assert listing.count(ListFilter(Discipline.MUSIC, end=date(2026, 3, 2))) == 1


def test_filter_by_piece_and_kind(music: dict[str, int]) -> None:
    assert _ids(ListFilter(Discipline.MUSIC, piece_id=music["bach"])) == [music["first"]]
    assert set(_ids(ListFilter(Discipline.MUSIC, piece_id=music["etude"]))) == {
        music["first"], music["second"]
    }  # fmt: skip
    assert _ids(ListFilter(Discipline.MUSIC, kind="lesson")) == [music["third"]]
    assert _ids(ListFilter(Discipline.RUNNING, kind="easy")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("morning", ["first"]),  # title, any case
        ("wrist", ["second"]),  # notes
        ("shoulders", ["first"]),  # an intention
        ("left hand", ["second"]),  # a reflection; every word must match
        ("left shoulders", []),  # ... in the same session
        ("100%", ["second"]),  # % is a literal, not a wildcard
        ("1_0", []),  # so is _
        ("étude", []),  # piece titles are not searched
    ],
)
def test_text_matches_title_notes_intentions_reflections(
    music: dict[str, int], text: str, expected: list[str]
) -> None:
    flt = ListFilter(Discipline.MUSIC, text=text)
    assert sorted(_ids(flt)) == sorted(music[k] for k in expected)
    assert listing.count(flt) == len(expected)


def test_text_folds_case_beyond_ascii(journal: Path) -> None:
    js.save_session(make_session(title="Étude in the evening"))
    assert listing.count(ListFilter(Discipline.MUSIC, text="étude")) == 1
    assert listing.count(ListFilter(Discipline.MUSIC, text="ÉTUDE evening")) == 1


@pytest.mark.parametrize("key", sorted(listing.SORT_EXPRESSIONS))
def test_every_sort_key_orders_values_with_empty_ones_last(music: dict[str, int], key: str) -> None:
    rows = listing.page(MUSIC, Sort(key, descending=False), 0, 10)
    down = listing.page(MUSIC, Sort(key, descending=True), 0, 10)
    assert len(rows) == len(down) == 3
    value = {
        "date": lambda r: r.local_date,
        "kind": lambda r: r.kind,
        "title": lambda r: r.title.lower(),
        "minutes": lambda r: r.duration_s,
        "time": lambda r: r.duration_s,
        "distance": lambda r: r.distance_m,
        "pace": lambda r: r.pace_s_per_km,
        "hr": lambda r: r.avg_hr,
        "rpe": lambda r: r.rpe,
        "focus": lambda r: r.focus,
        "pieces": lambda r: min(r.pieces).lower() if r.pieces else None,
        "intention": lambda r: r.intention.lower() or None,
        "outcome": lambda r: (r.achieved + r.partly / 2) / r.rated if r.rated else None,
        "accuracy": lambda r: r.accuracy,
        "reps": lambda r: r.done_reps / r.planned_reps if r.planned_reps else None,
        "stops": lambda r: r.stops,
    }[key]
    for ordered, reverse in ((rows, False), (down, True)):
        present = [value(r) for r in ordered if value(r) is not None]
        assert present == sorted(present, reverse=reverse)
        empties = [value(r) is None for r in ordered]
        assert empties == sorted(empties)  # all the empty ones at the end


def test_accuracy_sort_and_ties(music: dict[str, int]) -> None:
    ids = _ids(MUSIC, Sort("accuracy", descending=True))
    # first 13/25 = 0.52 > second 1/4 = 0.25; the lesson has none and comes last
    assert ids == [music["first"], music["second"], music["third"]]


@pytest.mark.sqlite_only  # bulk-loads through sqlite3's executemany
def test_pages_tile_the_whole_table(journal: Path) -> None:
    insert_many_sessions(23)
    for sort in (Sort(), Sort("accuracy", False), Sort("stops", True), Sort("rpe", False)):
        whole = listing.ids(MUSIC, sort, 0, 100)
        pages = [listing.ids(MUSIC, sort, offset, 5) for offset in range(0, 25, 5)]
        assert [i for page in pages for i in page] == whole
        assert sorted(whole) == list(range(1, 24))
        rows = listing.page(MUSIC, sort, 10, 5)
        assert [r.id for r in rows] == whole[10:15]


def test_position_finds_a_session_in_the_sorted_table(music: dict[str, int]) -> None:
    assert listing.position(MUSIC, Sort(), music["first"]) == 2
    assert listing.position(MUSIC, Sort("accuracy", True), music["first"]) == 0
    assert listing.position(MUSIC, Sort(), music["run"]) is None
    assert listing.position(MUSIC, Sort(), music["trashed"]) is None


def test_bad_requests_say_what_to_change(journal: Path) -> None:
    with pytest.raises(ValueError, match="cannot sort by 'colour'; choose one of: accuracy"):
        listing.page(MUSIC, Sort("colour"), 0, 10)
    backwards = ListFilter(Discipline.MUSIC, start=date(2026, 3, 5), end=date(2026, 3, 1))
    with pytest.raises(
        ValueError, match=r"ends \(2026-03-01\) before it starts \(2026-03-05\); swap"
    ):
        listing.count(backwards)
    with pytest.raises(ValueError, match="cannot be negative"):
        listing.ids(MUSIC, Sort(), -1, 10)
    with pytest.raises(ValueError, match="'rowing' is not a valid Discipline"):
        listing.count(ListFilter("rowing"))  # type: ignore[arg-type]


def test_rows_for_keeps_the_order_asked_and_skips_missing(music: dict[str, int]) -> None:
    rows = listing.rows_for([music["second"], 9999, music["first"]])
    assert [r.id for r in rows] == [music["second"], music["first"]]
    assert listing.rows_for([]) == []


def test_repertoire_and_tempo_history(music: dict[str, int]) -> None:
    add_plan(music["coda"])
    pieces = listing.repertoire()
    assert [p.title for p in pieces] == ["Étude Op. 10 No. 3", "Prelude in C"]
    coda = pieces[0].passages[0]
    # 96 BPM had no clean rep, 130 was in a trashed session, 140 only planned: none counts
    assert (coda.label, coda.bars, coda.start_bpm, coda.target_bpm) == ("Coda", "62-77", 60, 120)
    assert (coda.best_bpm, listing.clean_blocks(coda.id)) == (90, 2)
    history = listing.tempo_history(music["coda"])
    assert [(e.day, e.session_id, e.best_bpm) for e in history] == [
        (date(2026, 3, 2), music["first"], 84),
        (date(2026, 3, 4), music["second"], 90),
    ]
    assert listing.tempo_history(9999) == []


@pytest.mark.sqlite_only  # writes through a second sqlite3 connection and opens other files
def test_the_best_tempo_follows_every_write(music: dict[str, int], tmp_path: Path) -> None:
    """The best tempo and the count of clean blocks follow a save, a trash, a restore, a write
    by another connection and another journal."""
    import sqlite3

    from cadence.store.db import close_journal, current_path, open_journal

    def coda() -> tuple[float | None, int]:
        passage = listing.repertoire()[0].passages[0]
        return passage.best_bpm, listing.clean_blocks(passage.id)

    assert coda() == (90, 2)
    faster = make_session(day=date(2026, 3, 6))
    faster.blocks = [BlockData("coda", done_reps=4, clean_reps=2, passage_id=music["coda"],
                               achieved_bpm=104)]  # fmt: skip
    js.save_session(faster)
    assert coda() == (104, 3)
    js.trash_sessions([faster.id])
    assert coda() == (90, 2)
    js.restore_sessions([faster.id])
    assert coda() == (104, 3)
    other = sqlite3.connect(current_path())
    with other:
        other.execute("UPDATE block SET achieved_bpm = 110 WHERE achieved_bpm = 104")
    other.close()
    assert coda() == (110, 3)
    path = current_path()
    close_journal()
    open_journal(tmp_path / "other.sqlite")
    assert listing.repertoire() == []
    close_journal()
    open_journal(path)
    assert coda() == (110, 3)


@pytest.mark.sqlite_only  # bulk-loads through sqlite3's executemany
def test_a_hundred_thousand_sessions_page_from_either_end(journal: Path) -> None:
    insert_many_sessions(100_000)
    assert listing.count(MUSIC) == 100_000
    last = listing.page(MUSIC, Sort(), 99_990, 100)
    # newest first: later days first, and within a day the higher id first
    newest_first = sorted(range(1, 100_001), key=lambda i: ((i - 1) // 4, -i))
    assert [r.id for r in last] == newest_first[-10:]
    assert last[-1].local_date == date(2026, 3, 1) - timedelta(days=99_999 // 4)
    best = listing.page(MUSIC, Sort("accuracy", True), 0, 3)
    assert [r.accuracy for r in best] == [1.0, 1.0, 1.0]
    assert listing.count(ListFilter(Discipline.MUSIC, text="Session 99999")) == 1


@pytest.mark.sqlite_only  # SQLite's query plan
def test_the_best_tempo_and_planned_runs_walk_their_partial_indexes(music: dict[str, int]) -> None:
    """Schema v9: a passage's best clean tempo is read down the clean blocks' index (not a pass
    over every block), and the sessions left out come from their own partial indexes."""
    from cadence.store.models import database

    def plan(sql: str, params: list[object]) -> str:
        rows = database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        return " | ".join(str(r[-1]) for r in rows)

    best = plan(
        f"SELECT b.achieved_bpm FROM block b WHERE b.passage_id = ? AND {listing._CLEAN_BLOCK_COUNTED}"
        " ORDER BY b.achieved_bpm DESC LIMIT 1",
        [music["coda"]],
    )
    assert "block_clean_tempo (passage_id=?" in best and "session_not_done" in best
    assert "TEMP B-TREE" not in best
    from cadence.services.today.page import planned_sessions

    statements: list[str] = []
    database.connection().set_trace_callback(statements.append)
    try:
        assert planned_sessions() == []
    finally:
        database.connection().set_trace_callback(None)
    (query,) = [s for s in statements if s.startswith("SELECT")]
    assert "session_not_done" in plan(query, [])
