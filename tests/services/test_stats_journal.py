"""The whole-journal facts the Trends and Compare views draw from (services/stats/journal.py):
every measure picked from them equals, to the bit, what `compute_stats` queries for the range,
for any range and craft; they are fetched once and made anew after any change to the journal."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import make_session

from cadence.domain.enums import Discipline
from cadence.domain.measures import streaks
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.stats.compute import compute_stats
from cadence.services.stats.facts import (
    Facts,
    daily_history_loads,
    number_of,
    same_bits,
    sums_and_counts,
)
from cadence.services.stats.journal import journal_facts
from cadence.services.stats.lazy import LazyStats, journal_span
from cadence.services.stats.load import DRAWN_CURVES, craft_facts
from cadence.services.stats.sql import make_scope
from cadence.services.stats.summary import day_streaks
from cadence.store.db import close_journal, open_journal
from cadence.store.models import database

END = date(2026, 3, 1)  # the day the shared `demo_file` (conftest.py) ends


@pytest.fixture
def demo(demo_file: Path) -> Path:
    open_journal(demo_file)  # read only in these tests
    try:
        yield demo_file
    finally:
        close_journal()


RANGES = [
    (date(2024, 2, 26), END),  # the whole journal, from the week of its first day
    (date(2025, 12, 1), date(2026, 2, 22)),  # twelve whole weeks
    (date(2025, 6, 4), date(2025, 6, 4)),  # one day
    (date(2023, 1, 2), date(2024, 4, 7)),  # starts before the first session
    (date(2026, 2, 2), date(2026, 4, 26)),  # runs past the last session and today
    (date(2030, 1, 1), date(2030, 2, 1)),  # nothing in it
]


@pytest.mark.parametrize("discipline", [None, "music", "running"])
@pytest.mark.parametrize(("start", "end"), RANGES)
def test_picked_from_the_journal_equals_queried_for_the_range(
    demo: Path, start: date, end: date, discipline: str | None
) -> None:
    today = END + timedelta(days=3)
    for week_start in (0, 6):
        queried = compute_stats(start, end, discipline, week_start, today=today).to_json()
        picked = LazyStats(start, end, discipline, week_start, today, journal=journal_facts())
        assert picked.report().to_json() == queried  # equal, not close
        for craft in Discipline:
            alone = compute_stats(start, end, craft, week_start, today=today).to_json()
            assert picked.load_of(craft).to_json() == alone["load"]


def test_the_facts_are_fetched_once_and_kept_while_nothing_changes(demo: Path) -> None:
    facts = journal_facts()
    LazyStats(date(2025, 1, 6), END, journal=facts).report()
    with counted_statements() as statements:
        for start in (date(2024, 3, 4), date(2025, 6, 2), date(2026, 2, 2)):
            for discipline in (None, "music", "running"):
                kept = journal_facts()
                assert kept is facts
                LazyStats(start, END, discipline, journal=kept).report()
    # Only journal_facts' own look at the journal's version, never a query of rows.
    assert statements and set(statements) == {"PRAGMA data_version"}


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    """The SQL statements run on the journal's connection inside the block."""
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        connection.set_trace_callback(None)


def test_any_change_to_the_journal_makes_new_facts(journal: Path) -> None:
    save_session(make_session(day=date(2026, 3, 2), minutes=30, rpe=4))
    before = journal_facts()
    range_ = (date(2026, 3, 2), date(2026, 3, 8))
    assert LazyStats(*range_, journal=before).weekly.minutes["all"] == [30.0]

    added = save_session(make_session(day=date(2026, 3, 3), minutes=45, rpe=6))
    after = journal_facts()
    assert after is not before
    assert LazyStats(*range_, journal=after).weekly.minutes["all"] == [75.0]

    trash_sessions(list(added.session_ids))  # in the trash: no longer counted
    assert LazyStats(*range_, journal=journal_facts()).weekly.minutes["all"] == [30.0]


@pytest.mark.sqlite_only  # another sqlite3 connection on the file (store tests: the server)
def test_a_write_by_another_connection_makes_new_facts(journal: Path) -> None:
    save_session(make_session(day=date(2026, 3, 2), minutes=30))
    before = journal_facts()
    other = sqlite3.connect(journal)
    try:
        other.execute("UPDATE session SET duration_s = 3600")
        other.commit()
    finally:
        other.close()
    after = journal_facts()
    assert after is not before
    assert LazyStats(date(2026, 3, 2), date(2026, 3, 8), journal=after).weekly.minutes["all"] == [
        60.0
    ]


def test_another_journal_never_gets_the_first_ones_facts(tmp_path: Path) -> None:
    open_journal(tmp_path / "a.sqlite")
    save_session(make_session(day=date(2026, 3, 2), minutes=30))
    first = journal_facts()
    assert LazyStats(date(2026, 3, 2), date(2026, 3, 8), journal=first).weekly.minutes["all"] == [
        30.0
    ]
    open_journal(tmp_path / "b.sqlite")  # the same number of rows written, a different journal
    try:
        save_session(make_session(day=date(2026, 3, 2), minutes=50))
        second = journal_facts()
        assert second is not first
        week = LazyStats(date(2026, 3, 2), date(2026, 3, 8), journal=second).weekly
        assert week.minutes["all"] == [50.0]
    finally:
        close_journal()


# --- the streaks, without a date per day -------------------------------------------------------

DAY0 = date(2026, 1, 1)


@settings(max_examples=300, deadline=None)
@given(
    offsets=st.lists(st.integers(0, 60), max_size=40),
    today=st.integers(0, 62),
    start=st.integers(0, 60),
    length=st.integers(0, 60),
)
def test_day_streaks_equal_the_domain_streaks(
    offsets: list[int], today: int, start: int, length: int
) -> None:
    days = [DAY0 + timedelta(days=o) for o in offsets]
    first, last = DAY0 + timedelta(days=start), DAY0 + timedelta(days=start + length)
    expected = streaks(
        days, DAY0 + timedelta(days=today), longest_days=[d for d in days if first <= d <= last]
    )
    numbers = np.unique(np.array([number_of(d) for d in days], dtype=np.int64))
    assert day_streaks(numbers, DAY0 + timedelta(days=today), first, last) == expected


def test_the_span_equals_journal_span(demo: Path) -> None:
    facts = journal_facts()
    for discipline in (None, "music", "running"):
        assert facts.span(discipline) == journal_span(discipline)


def test_an_empty_journal_has_no_span(journal: Path) -> None:
    assert journal_facts().span() is None is journal_span()


def test_sums_read_in_batches_land_on_their_sessions() -> None:
    """Block and intention sums are read a batch at a time; each batch's rows find their
    sessions wherever they stand, and a session without rows keeps 0."""
    import numpy as np

    from cadence.services.stats.facts import aligned

    ids = np.array([30, 10, 20, 40], dtype=np.int64)  # in date order, not id order
    batches = iter([[(20, 2.0, 0.5)], [(40, 4.0, 1.0), (30, 3.0, 0.0)]])
    first, second = aligned(ids, batches, 2)
    assert first.tolist() == [3.0, 0.0, 2.0, 4.0]
    assert second.tolist() == [0.0, 0.0, 0.5, 1.0]
    assert [c.tolist() for c in aligned(ids, iter([]), 1)] == [[0.0] * 4]


def test_the_history_holds_one_string_per_discipline(demo: Path) -> None:
    """Kept for the whole journal (and again per range for a report), the history of practised
    days shares one string per discipline instead of one per row."""
    journal = journal_facts()
    ranged = LazyStats(date(2025, 6, 2), END, None, 0).facts
    for history in (journal.history, ranged.history):
        assert len(history.disciplines) > 500
        assert set(history.disciplines) == {"music", "running"}
        assert len({id(value) for value in history.disciplines}) == 2


def test_kept_columns_are_narrowed_only_where_every_value_fits_exactly() -> None:
    from cadence.services.stats.facts import narrowest, wide

    nan = float("nan")
    cases = [
        ([1.0, 7.0, nan, 10.0], np.float16),  # ratings
        ([0.5, 2.5, 0.0, -0.0], np.float16),  # halves, a negative zero
        ([4096.0 + 1.0, 3.0], np.float32),  # past float16's whole numbers
        ([70000.0, 1.0], np.float32),  # past float16's range (inf): not kept as float16
        ([0.1, 1.0], np.float64),  # not exact in fewer bytes
        ([30.0 + 1 / 3], np.float64),
        ([], np.float16),
    ]
    for values, kind in cases:
        column = np.array(values, dtype=np.float64)
        kept = narrowest(column)
        assert kept.dtype == kind, values
        back = wide(kept)
        assert back.dtype == np.float64
        assert back.tobytes() == column.tobytes() or np.isnan(column).any()
        assert np.array_equal(back, column, equal_nan=True)
        assert np.signbit(back).tolist() == np.signbit(column).tolist()
    assert narrowest(np.array([1, 2**31 - 1], dtype=np.int64)).dtype == np.int32
    assert narrowest(np.array([1, 2**31], dtype=np.int64)).dtype == np.int64
    assert narrowest(np.array([-128, 127], dtype=np.int64)).dtype == np.int8
    assert narrowest(np.array([-129, 5], dtype=np.int64)).dtype == np.int16
    assert narrowest(np.array([20_425, 32_768], dtype=np.int64)).dtype == np.int32
    assert narrowest(np.array([], dtype=np.int64)).dtype == np.int8
    assert wide(np.array([5], dtype=np.int32)).dtype == np.int64
    assert wide(np.array([-5], dtype=np.int8)).tolist() == [-5]


def test_minutes_are_kept_as_seconds_only_where_that_gives_them_back_to_the_bit() -> None:
    from cadence.services.stats.facts import scaled_narrowest, wide

    nan = float("nan")
    cases = [
        ([s / 60.0 for s in (1685, 3862, 59, 0, 86_399)] + [nan], 60.0, np.float32),
        ([s / 60.0 for s in (60, 1800, 2040)], 60.0, np.float16),  # whole seconds up to 2,048
        ([-0.0, 30.0], 60.0, np.float16),
        ([9334.8 / 1000.0, 4.0], 1.0, np.float64),  # not whole metres: kept as read
        ([30.5 / 60.0], 1.0, np.float64),  # half a second
        ([1e300], 1.0, np.float64),  # seconds too many for any narrower type
    ]
    for values, scale, kind in cases:
        column = np.array(values)
        kept, kept_scale = scaled_narrowest(column, 60.0 if scale == 60.0 else 1000.0)
        assert (kept.dtype, kept_scale) == (kind, scale), values
        back = wide(kept) / kept_scale
        assert np.array_equal(back, column, equal_nan=True)
        assert np.signbit(back).tolist() == np.signbit(column).tolist()


def test_the_journal_keeps_narrow_columns_and_gives_them_back_wide(demo: Path) -> None:
    journal = journal_facts()
    kept = journal.sessions
    assert kept.ids.itemsize <= 4 and kept.day.itemsize <= 4
    assert kept.rpe.dtype == kept.focus.dtype == np.float16
    # the words as small numbers, each word once; minutes as whole seconds
    assert kept.crafts.dtype == kept.kinds.dtype == np.int8
    assert len(kept.kind_names) < 20 and len(kept.ids) > 500
    assert kept.minutes.dtype == np.float32 and kept.minutes_scale == 60.0
    assert kept.planned_minutes.itemsize == 4 and kept.planned_scale == 60.0
    assert not hasattr(kept, "load")  # made again from RPE and minutes
    assert journal.blocks.planned_reps.itemsize < 8 and journal.intentions.rated.itemsize < 8
    facts = LazyStats(date(2024, 2, 26), END, None, 0, journal=journal).facts
    picked = facts.sessions
    assert picked.ids.dtype == picked.day.dtype == np.int64
    assert set(picked.disciplines) == {"music", "running"} and "practice" in picked.kinds
    assert {picked.rpe.dtype, picked.focus.dtype, picked.planned_minutes.dtype} == {
        np.dtype(np.float64)
    }
    assert {getattr(facts.blocks, n).dtype for n in ("planned_reps", "clean")} == {
        np.dtype(np.float64)
    }


def test_a_range_that_needs_the_whole_history_shares_the_journals(demo: Path) -> None:
    journal = journal_facts()
    whole = LazyStats(date(2025, 6, 2), END, None, 0, END, journal=journal).facts.history
    assert whole is journal.history
    music = LazyStats(date(2025, 6, 2), END, "music", 0, END, journal=journal).facts.history
    assert music is not journal.history and set(music.disciplines) == {"music"}


def test_a_reports_scopes_read_the_history_once(demo: Path, monkeypatch) -> None:
    """Both crafts, music alone and running alone over one range (the scopes of one report)
    pick their practised days from one read of the journal's history, not one read each."""
    from cadence.services.stats import facts as facts_module
    from cadence.services.stats import journal as journal_module

    reads = []
    history_columns = facts_module.history_columns
    for module in (facts_module, journal_module):
        monkeypatch.setattr(
            module,
            "history_columns",
            lambda *args: reads.append(args) or history_columns(*args),
        )
    start, end, today = date(2025, 11, 3), date(2025, 11, 30), END
    scopes = [LazyStats(start, end, craft, 0, today) for craft in (None, "music", "running")]
    for scope in scopes:
        scope.consistency, scope.load  # noqa: B018 - the measures that read the history
    assert len(reads) == 1
    assert scopes[0].facts.history is journal_facts().history  # shared with Trends and Compare
    # each scope's measures are those of its own query
    for craft, scope in zip((None, "music", "running"), scopes, strict=True):
        alone = compute_stats(start, end, craft, 0, today=today).to_json()
        assert scope.report().to_json() == alone


def test_the_shared_history_is_read_again_after_a_write(journal: Path) -> None:
    save_session(make_session(day=date(2026, 3, 2), minutes=30, rpe=4))
    week = (date(2026, 3, 2), date(2026, 3, 8))
    before = LazyStats(*week, today=date(2026, 3, 3))
    assert before.consistency.streaks["all"].current == 1
    save_session(make_session(day=date(2026, 3, 3), minutes=45, rpe=6))
    after = LazyStats(*week, today=date(2026, 3, 3))
    assert after.consistency.streaks["all"].current == 2
    assert after.load.load[:2] == [120.0, 270.0]  # 4 × 30, 6 × 45


def test_a_short_range_computes_no_curve_of_the_whole_history(demo: Path, monkeypatch) -> None:
    """A week's load series, queried for the range (a report's), warms its averages up over
    the two years before it but keeps no list of those days: the curves are made from the
    range's first day on, and equal those of the whole journal's facts."""
    from cadence.domain import measures

    made: list[int] = []
    for name in ("ewma", "rolling_mean"):
        function = getattr(measures, name)
        monkeypatch.setattr(
            measures,
            name,
            lambda *args, _f=function, **kwargs: (
                made.append(len(out := _f(*args, **kwargs))) or out
            ),
        )
    start, end = date(2026, 2, 16), date(2026, 2, 22)
    for craft in (None, "music", "running"):
        made.clear()
        queried = LazyStats(start, end, craft, 0, END).load
        assert made and max(made) <= 8  # the week, and the day before it for the form
        assert len(queried.fitness) == 7 and queried.history_start < start - timedelta(days=600)
        picked = LazyStats(start, end, craft, 0, END, journal=journal_facts()).load
        assert queried.to_json() == picked.to_json()


def test_sessions_and_history_are_read_a_thousand_rows_at_a_time(demo: Path, monkeypatch) -> None:
    """Thirty years are 21,000 sessions: the rows come a batch at a time, so a batch of Python
    tuples (about 400 bytes a row) is all that is held of them at once."""
    from cadence.services.stats import facts as facts_module
    from cadence.services.stats.journal import JournalFacts

    batches: list[int] = []
    fetch_batches = facts_module.fetch_batches

    def counted(*args, **kwargs):
        for batch in fetch_batches(*args, **kwargs):
            batches.append(len(batch))
            yield batch

    monkeypatch.setattr(facts_module, "fetch_batches", counted)
    sessions = JournalFacts(object()).sessions
    assert sum(batches) == len(sessions.ids) > 1024
    assert max(batches) == 1024
    batches.clear()
    history = JournalFacts(object()).history
    assert sum(batches) == len(history.day) > 1024 and max(batches) == 1024


# (first day, last day) of ranges around the demo's two years: before, across and after it
LOAD_RANGES = [
    *RANGES,
    (date(2024, 3, 1), date(2024, 3, 1)),  # the first session's day
    (date(2020, 1, 1), date(2020, 1, 5)),  # long before it
    (date(2024, 2, 29), END + timedelta(days=400)),  # from the day before, past today
    (date(2026, 2, 28), date(2026, 3, 2)),  # across the last day
]


@pytest.mark.parametrize(("start", "end"), LOAD_RANGES)
def test_a_ranges_daily_loads_cut_from_the_journals_equal_those_summed_for_it(
    demo: Path, start: date, end: date
) -> None:
    """The journal route cuts a range's daily loads from the journal's kept ones; the plain
    way sums the range's history (np.bincount): the same first day and values, to the bit."""
    today = END + timedelta(days=3)
    for craft in (None, "music", "running"):
        scope = make_scope(start, end, craft)
        kept_first, kept = daily_history_loads(Facts(scope, today, journal_facts()))
        plain_first, plain = daily_history_loads(Facts(scope, today))
        assert kept_first == plain_first
        assert kept.dtype == plain.dtype and same_bits(kept, plain)
        assert len(kept) == (end - kept_first).days + 1


def test_a_crafts_load_series_counts_its_unrated_sessions_without_making_them(
    journal: Path,
) -> None:
    """A craft's load series on the journal route needs only how many of its sessions have no
    RPE: counted from the journal's kept ratings, as many as the range's own query counts."""
    for day, craft, rpe in [(1, "music", 5), (2, "music", None), (2, "running", None)]:
        fields = {"rpe": rpe} if rpe is not None else {}
        save_session(make_session(Discipline(craft), day=date(2026, 3, day), **fields))
    save_session(make_session(Discipline.RUNNING, day=date(2026, 3, 3), rpe=3))
    start, end, today = date(2026, 3, 1), date(2026, 3, 8), date(2026, 3, 8)
    picked = LazyStats(start, end, None, 0, today, journal=journal_facts())
    loads = picked.load_by_craft
    for craft, facts in craft_facts(picked.facts).items():
        assert "sessions" not in facts.__dict__  # no craft's session columns made for it
        assert loads[craft].unrated_sessions == 1
        queried = compute_stats(start, end, craft, today=today)
        assert loads[craft].to_json() == queried.load.to_json()


def test_the_kept_daily_loads_and_curves_are_made_again_after_a_write(journal: Path) -> None:
    """The journal keeps each set of crafts' daily loads and load curves; a write makes new
    facts, whose curves hold the new session and equal those made without the journal."""
    for offset in range(0, 60, 2):
        save_session(make_session(day=date(2026, 1, 1) + timedelta(days=offset), rpe=4))
    start, end, today = date(2025, 12, 1), date(2026, 3, 8), date(2026, 3, 8)
    before = journal_facts()
    first = LazyStats(start, end, "music", 0, today, journal=before).load
    again = LazyStats(start, end, "music", 0, today, journal=before).load
    assert again == first and again.fitness is not first.fitness  # a new list, kept values
    kept_first, kept = before.daily_loads((Discipline.MUSIC,))
    assert (
        kept_first == number_of(date(2026, 1, 1)) and len(kept) == 59 and not kept.flags.writeable
    )
    save_session(make_session(day=date(2026, 3, 5), minutes=50, rpe=6))
    after = journal_facts()
    assert after is not before  # the kept loads and curves went with the old facts
    picked = LazyStats(start, end, "music", 0, today, journal=after).load
    assert picked.load[(date(2026, 3, 5) - start).days] == 300.0
    assert picked.fitness != first.fitness
    assert picked.to_json() == compute_stats(start, end, "music", today=today).load.to_json()
    assert after.daily_loads((Discipline.MUSIC,))[1][-1] == 300.0
    fitness = LazyStats(start, end, "music", 0, today, journal=after).load_arrays("all")
    assert fitness is not None and fitness["fitness"].tolist() == picked.fitness


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_sums_and_counts_per_period_are_those_of_a_loop_over_the_sessions(
    demo: Path, period: str
) -> None:
    """`sums_and_counts` (one pick of the sessions for both) against the plain way: each
    session with a value added to its period's sum, one by one in date order, and counted."""
    facts = Facts(make_scope(date(2024, 2, 26), END, None, 6), END, journal_facts())
    s, length = facts.sessions, len(facts.axis(period).starts)
    of_session = facts.periods_of_sessions(period).tolist()
    for key in ("all", "music", "running"):
        for column in (s.minutes, s.km, s.focus, s.rpe, s.load):
            total, count = [0.0] * length, [0] * length
            for i, value in enumerate(column.tolist()):
                if s.masks[key][i] and value == value:  # not NaN
                    total[of_session[i]] += value
                    count[of_session[i]] += 1
            sums, counts = sums_and_counts(facts, period, column, s.masks[key])
            assert sums.tolist() == total and counts.tolist() == count


@pytest.mark.parametrize(("start", "end"), LOAD_RANGES)
def test_whether_a_range_has_sessions_is_told_without_making_them(
    demo: Path, start: date, end: date
) -> None:
    """The views ask first whether a range holds any session: on the journal route the answer
    is the count of the sessions picked, without their columns, and is the queried one."""
    for craft in (None, "music", "running"):
        picked = LazyStats(start, end, craft, 0, END, journal=journal_facts())
        queried = LazyStats(start, end, craft, 0, END)
        assert picked.has_sessions == queried.has_sessions == (len(queried.facts.sessions.ids) > 0)
        assert "sessions" not in picked.facts.__dict__
        assert picked.facts.session_count() == len(picked.facts.sessions.ids)


@pytest.mark.parametrize(("start", "end"), LOAD_RANGES)
def test_the_kept_curve_arrays_hold_the_load_series_values(
    demo: Path, start: date, end: date
) -> None:
    """The arrays the Load charts draw (`load_arrays`) are each drawn curve's list made floats
    the plain way (None as NaN), to the bit, read only; without the journal there are none."""
    for craft in (None, "music", "running"):
        picked = LazyStats(start, end, craft, 0, END, journal=journal_facts())
        for key, load in [("all", picked.load), *picked.load_by_craft.items()]:
            arrays = picked.load_arrays(key)
            assert arrays is not None and tuple(arrays) == DRAWN_CURVES
            for name, array in arrays.items():
                plain = np.array(getattr(load, name), dtype=float)
                assert array.dtype == plain.dtype and same_bits(array, plain)
                assert not array.flags.writeable
        assert LazyStats(start, end, craft, 0, END).load_arrays("all") is None
