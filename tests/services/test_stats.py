"""The measures on a hand-made journal in a real SQLite file; expected values worked out by hand.

The journal (the week of Monday 2 March 2026 and the Sunday before):

  R1 Sun 1 Mar  running intervals 50 min, RPE 7, 10 km, planned 60 min; stop: pain at 25 of 50 min
  M1 Mon 2 Mar  music practice 30 min, RPE 4, focus 4; block P 10 planned, 8 done, 6 clean, 80 BPM;
                intentions achieved + partly; stop: form at rep 8 of 10 (hands)
  R2 Tue 3 Mar  running easy 40 min, RPE 3, 8 km, no plan
  M2 Wed 4 Mar  music practice 45 min, RPE 5, focus 2; block P 12/12 done, 9 clean, 84 BPM, and a
                block without a plan, 4 done 4 clean; intentions missed + not rated;
                stop: mind at 30 of 45 min
  T  Thu 5 Mar  music 60 min, RPE 9, focus 5, a stop (frustration) — in the trash
  P  Fri 6 Mar  running 90 min, RPE 8 — planned, not done

Loads (RPE × min): R1 350, M1 120, R2 120, M2 225.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    Outcome,
    SessionKind,
    SessionStatus,
    StopAction,
    StopReason,
)
from cadence.domain.measures import completion, week_start_of
from cadence.domain.records import BlockData, IntentionData, StopPointData
from cadence.services.records import library
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.stats import compute as st
from cadence.services.stats.facts import BlockSums, SessionColumns, completion_column
from cadence.services.stats.types import ALL, to_plain

MUSIC, RUNNING = Discipline.MUSIC, Discipline.RUNNING
K7 = 1 - math.exp(-1 / 7)
K42 = 1 - math.exp(-1 / 42)
FEB23, MAR1, MAR2, MAR8 = date(2026, 2, 23), date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 8)


def day(n: int) -> date:
    """n March 2026."""
    return date(2026, 3, n)


@pytest.fixture
def hand_journal(journal: Path) -> dict[str, int]:
    piece_id, _ = library.add_piece("Nocturne Op. 9 No. 2", "Chopin")
    passage, _ = library.add_passage(piece_id, "bars 33-48", "33-48", 60, 96)
    ids = {"passage": passage}
    r1 = make_session(
        RUNNING,
        SessionKind.INTERVALS,
        day(1),
        50,
        rpe=7,
        distance_m=10_000,
        planned_duration_s=3600,
        stop_points=[
            StopPointData(StopReason.PAIN, elapsed_s=1500, planned_s=3000, body_area=BodyArea.KNEES)
        ],
    )
    m1 = make_session(
        MUSIC,
        day=day(2),
        minutes=30,
        rpe=4,
        focus=4,
        blocks=[
            BlockData(
                planned_reps=10, done_reps=8, clean_reps=6, achieved_bpm=80, passage_id=passage
            )
        ],
        intentions=[
            IntentionData("even sixteenths", outcome=Outcome.ACHIEVED),
            IntentionData("relaxed shoulders", outcome=Outcome.PARTLY),
        ],
        stop_points=[
            StopPointData(StopReason.FORM, rep_index=8, planned_reps=10, body_area=BodyArea.HANDS)
        ],
    )
    r2 = make_session(RUNNING, SessionKind.EASY, day(3), 40, rpe=3, distance_m=8000)
    m2 = make_session(
        MUSIC,
        day=day(4),
        minutes=45,
        rpe=5,
        focus=2,
        blocks=[
            BlockData(
                planned_reps=12, done_reps=12, clean_reps=9, achieved_bpm=84, passage_id=passage
            ),
            BlockData(done_reps=4, clean_reps=4),
        ],
        intentions=[
            IntentionData("bars 40-41 clean", outcome=Outcome.MISSED),
            IntentionData("enjoy it", outcome=Outcome.NOT_RATED),
        ],
        stop_points=[StopPointData(StopReason.MIND, elapsed_s=1800, planned_s=2700)],
    )
    trashed = make_session(
        MUSIC,
        day=day(5),
        minutes=60,
        rpe=9,
        focus=5,
        stop_points=[StopPointData(StopReason.FRUSTRATION, rep_index=1, planned_reps=10)],
    )
    planned = make_session(
        RUNNING, SessionKind.LONG, day(6), 90, rpe=8, status=SessionStatus.PLANNED
    )
    for name, data in (("r1", r1), ("m1", m1), ("r2", r2), ("m2", m2), ("t", trashed)):
        save_session(data)
        ids[name] = data.id
    save_session(planned)
    trash_sessions([ids["t"]])
    return ids


# --- volume ---------------------------------------------------------------------------------------


def test_weekly_volume_with_monday_weeks(hand_journal: dict[str, int]) -> None:
    v = st.volume(FEB23, MAR8, period="week", week_start=0)
    assert v.starts == [FEB23, MAR2]
    # R1 (Sunday) closes the first Monday week; the trashed and the planned sessions are left out.
    assert v.minutes == {"music": [0, 75], "running": [50, 40], "all": [50, 115]}
    assert v.sessions == {"music": [0, 2], "running": [1, 1], "all": [1, 3]}
    assert v.distance_km == {"music": [0, 0], "running": [10, 8], "all": [10, 8]}
    # 120 + 225 = 345; 350; 120
    assert v.load == {"music": [0, 345], "running": [350, 120], "all": [350, 465]}
    assert v.focus_mean == {"music": [None, 3.0], "running": [None, None], "all": [None, 3.0]}
    # all, week 2: (4 + 3 + 5) / 3 = 4
    assert v.rpe_mean["all"] == [7.0, 4.0]


def test_weekly_volume_with_sunday_weeks(hand_journal: dict[str, int]) -> None:
    v = st.volume(FEB23, MAR8, period="week", week_start=6)
    # Sunday weeks: 22 Feb (partial: from the 23rd), 1 Mar, 8 Mar (one day).
    assert v.starts == [date(2026, 2, 22), MAR1, MAR8]
    assert v.minutes["all"] == [0, 165, 0]  # 50 + 30 + 40 + 45
    assert v.sessions["running"] == [0, 2, 0]


def test_sql_weeks_match_python_weeks_for_every_week_start(journal: Path) -> None:
    first = date(2026, 2, 1)
    for i in range(21):  # one session a day, i + 1 minutes long
        save_session(make_session(day=first + timedelta(days=i), minutes=i + 1))
    end = first + timedelta(days=20)
    for week_start in range(7):
        v = st.volume(first, end, MUSIC, "week", week_start)
        expected: dict[date, float] = {}
        for i in range(21):
            key = week_start_of(first + timedelta(days=i), week_start)
            expected[key] = expected.get(key, 0) + i + 1
        assert dict(zip(v.starts, v.minutes["music"], strict=True)) == expected, week_start


def test_daily_and_monthly_volume(hand_journal: dict[str, int]) -> None:
    d = st.volume(MAR1, day(5), period="day")
    assert d.starts == [day(n) for n in range(1, 6)]
    assert d.minutes["all"] == [50, 30, 40, 45, 0]  # the 5th's session is in the trash
    assert st.heatmap(MAR1, day(5), MUSIC) == (d.starts, [0, 30, 0, 45, 0])
    month = st.volume(date(2026, 2, 1), date(2026, 3, 31), period="month")
    assert month.starts == [date(2026, 2, 1), MAR1]
    assert month.minutes["all"] == [0, 165]
    assert month.sessions["all"] == [0, 4]


def test_a_discipline_filter_keeps_only_its_keys(hand_journal: dict[str, int]) -> None:
    v = st.volume(FEB23, MAR8, RUNNING)
    assert set(v.minutes) == {"running", ALL}
    assert v.minutes["all"] == v.minutes["running"] == [50, 40]


# --- load -----------------------------------------------------------------------------------------


def _ewma(loads: list[float], k: float) -> list[float]:
    out, y = [], 0.0
    for x in loads:
        y = y + k * (x - y)
        out.append(y)
    return out


def test_fitness_fatigue_form_warm_up_from_the_first_day(hand_journal: dict[str, int]) -> None:
    # The range starts on the 3rd; the averages still start on the journal's first day (the 1st).
    series = st.load_series(day(3), day(6))
    assert series.history_start == MAR1
    history = [350, 120, 120, 225, 0, 0]  # 1st..6th
    fatigue, fitness = _ewma(history, K7), _ewma(history, K42)
    # e.g. fatigue on the 1st: 350 × 0.133122 = 46.593; on the 2nd: 46.593 + 0.133122 × 73.407
    assert fatigue[1] == pytest.approx(56.3648, abs=1e-3)
    assert series.days == [day(3), day(4), day(5), day(6)]
    assert series.load == [120, 225, 0, 0]
    assert series.fatigue == pytest.approx(fatigue[2:])
    assert series.fitness == pytest.approx(fitness[2:])
    # form = fitness − fatigue of the day before
    assert series.form == pytest.approx([fitness[i] - fatigue[i] for i in range(1, 5)])
    assert series.acute_chronic == [None] * 4  # less than 28 days of history
    assert series.unrated_sessions == 0


def test_load_series_of_one_discipline(hand_journal: dict[str, int]) -> None:
    series = st.load_series(MAR2, MAR2, MUSIC)
    assert series.history_start == MAR2
    assert series.load == [120]
    assert series.fatigue == pytest.approx([120 * K7])  # 15.975
    assert series.form == [0.0]  # nothing the day before


def test_weekly_monotony_and_strain(hand_journal: dict[str, int]) -> None:
    weekly = st.weekly_load(FEB23, MAR8)
    assert weekly.load == [350, 465]
    # Week 1: [0,0,0,0,0,0,350]: mean 50, SD sqrt((6·50² + 300²)/7) = sqrt(15000) = 122.47;
    # monotony 50 / 122.47 = 1/sqrt(6) = 0.40825; strain 350 × 0.40825 = 142.89
    assert weekly.monotony[0] == pytest.approx(1 / math.sqrt(6))
    assert weekly.strain[0] == pytest.approx(350 / math.sqrt(6))
    # Week 2: [120,120,225,0,0,0,0]: mean 465/7 = 66.429; squares 2 × 2869.9 + 25144.9
    # + 4 × 4412.8 = 48535.7; / 7 = 6933.7; SD 83.269; monotony 0.79776; strain 370.96
    assert weekly.monotony[1] == pytest.approx(0.79776, abs=1e-5)
    assert weekly.strain[1] == pytest.approx(370.96, abs=1e-2)


def test_monotony_needs_a_whole_week_inside_the_range(hand_journal: dict[str, int]) -> None:
    weekly = st.weekly_load(day(1), day(4))
    assert weekly.weeks == [FEB23, MAR2]
    assert weekly.load == [350, 465]
    assert weekly.monotony == [None, None]
    assert weekly.strain == [None, None]


def test_rest_days_decay_and_have_no_monotony(hand_journal: dict[str, int]) -> None:
    # 9-22 March: nothing but rest; fatigue keeps falling from the 4th's value.
    series = st.load_series(day(9), day(22))
    assert series.load == [0] * 14
    history = [350, 120, 120, 225] + [0] * 18
    assert series.fatigue == pytest.approx(_ewma(history, K7)[8:])
    assert all(a > b for a, b in zip(series.fatigue, series.fatigue[1:], strict=False))
    assert series.monotony[-1] is None  # 7 days of 0: SD 0, undefined
    weekly = st.weekly_load(day(9), day(22))
    assert weekly.load == [0, 0]
    assert weekly.monotony == [None, None]


def test_sessions_without_rpe_add_no_load_and_are_counted(journal: Path) -> None:
    save_session(make_session(day=MAR2, minutes=30))
    series = st.load_series(MAR2, MAR2)
    assert series.load == [0]
    assert series.unrated_sessions == 1


def test_acute_chronic_ratio_after_28_days(journal: Path) -> None:
    first = date(2026, 2, 1)
    for i in range(28):  # 21 days at 10 AU (RPE 1 × 10 min), then 7 days at 40 AU (RPE 4)
        rpe = 1 if i < 21 else 4
        save_session(make_session(day=first + timedelta(days=i), minutes=10, rpe=rpe))
    series = st.load_series(first, first + timedelta(days=27))
    assert series.acute_chronic[:27] == [None] * 27
    # acute 40; chronic (21 × 10 + 7 × 40) / 28 = 17.5; 40 / 17.5 = 2.2857
    assert series.acute_chronic[27] == pytest.approx(40 / 17.5)


# --- completion, intentions, accuracy, tempo ------------------------------------------------------


def test_completion_per_session_and_week(hand_journal: dict[str, int]) -> None:
    per = st.completion_sessions(FEB23, MAR8)
    # R1 time 50/60; M1 reps 8/10; M2 reps 12/12 (the block without a plan is not in it);
    # R2 has no plan at all and is left out.
    assert per.session_ids == [hand_journal["r1"], hand_journal["m1"], hand_journal["m2"]]
    assert per.values == [pytest.approx(50 / 60), 0.8, 1.0]
    assert per.days == [MAR1, MAR2, day(4)]
    assert per.disciplines == ["running", "music", "music"]
    assert per.kinds == ["intervals", "practice", "practice"]
    weekly = st.weekly_completion(FEB23, MAR8)
    assert weekly.values["music"] == [None, pytest.approx(0.9)]  # (0.8 + 1.0) / 2
    assert weekly.values["running"] == [pytest.approx(50 / 60), None]
    assert weekly.values["all"] == [pytest.approx(50 / 60), pytest.approx(0.9)]
    assert weekly.n == {"music": [0, 2], "running": [1, 0], "all": [1, 2]}


def test_intention_rate_per_week(hand_journal: dict[str, int]) -> None:
    weekly = st.weekly_intention_rate(FEB23, MAR8)
    # achieved 1, partly 1, missed 1 (not rated left out): (1 + 0.5) / 3 = 0.5
    assert weekly.values["music"] == [None, 0.5]
    assert weekly.n["music"] == [0, 3]
    assert weekly.values["running"] == [None, None]
    assert weekly.values["all"] == [None, 0.5]


def test_accuracy_per_session_and_week(hand_journal: dict[str, int]) -> None:
    per = st.accuracy_sessions(FEB23, MAR8)
    # M1: 6 / 8 = 0.75; M2: (9 + 4) / (12 + 4) = 13 / 16 = 0.8125
    assert per.session_ids == [hand_journal["m1"], hand_journal["m2"]]
    assert per.values == [0.75, 0.8125]
    weekly = st.weekly_accuracy(FEB23, MAR8)
    assert weekly.values["music"] == [None, pytest.approx(19 / 24)]  # (6 + 13) / (8 + 16)
    assert weekly.n["music"] == [0, 24]
    assert weekly.values["running"] == [None, None]  # runs record no clean reps


def test_tempo_progress_per_passage(hand_journal: dict[str, int]) -> None:
    [passage] = st.tempo_progress(FEB23, MAR8)
    assert (passage.passage_id, passage.label, passage.piece) == (
        hand_journal["passage"],
        "bars 33-48",
        "Nocturne Op. 9 No. 2",
    )
    assert (passage.start_bpm, passage.target_bpm) == (60, 96)
    assert (passage.days, passage.best_bpm) == ([MAR2, day(4)], [80, 84])
    assert passage.session_ids == [hand_journal["m1"], hand_journal["m2"]]
    assert passage.fraction_of_target == [pytest.approx(80 / 96), pytest.approx(84 / 96)]


def test_tempo_takes_the_best_clean_block_only(journal: Path) -> None:
    piece, _ = library.add_piece("Etude")
    passage, _ = library.add_passage(piece, "A section", target_bpm=120)
    blocks = [
        BlockData(done_reps=3, clean_reps=0, achieved_bpm=110, passage_id=passage),  # no clean rep
        BlockData(done_reps=3, clean_reps=2, achieved_bpm=100, passage_id=passage),
        BlockData(done_reps=3, clean_reps=1, achieved_bpm=104, passage_id=passage),
    ]
    save_session(make_session(day=MAR2, blocks=blocks))
    [tempo] = st.tempo_progress(MAR2, MAR2)
    assert tempo.best_bpm == [104]
    assert tempo.fraction_of_target == [pytest.approx(104 / 120)]


# --- stop-points ----------------------------------------------------------------------------------


def test_stop_points_per_reason_position_and_body(hand_journal: dict[str, int]) -> None:
    stops = st.stop_point_stats(FEB23, MAR8)
    assert stops.weeks == [FEB23, MAR2]
    assert stops.per_reason["running"]["pain"] == [1, 0]
    assert stops.per_reason["music"]["form"] == [0, 1]
    assert stops.per_reason["music"]["mind"] == [0, 1]
    assert stops.per_reason["music"]["frustration"] == [0, 0]  # only in the trashed session
    assert set(stops.per_reason["all"]) == {r.value for r in StopReason}
    # R1 25/50 min = 0.5 -> bin 5; M1 rep 8/10 -> bin 8; M2 30/45 min = 0.667 -> bin 6
    assert stops.position["all"] == [0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0]
    assert stops.position["music"] == [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0]
    assert stops.position_bins[5] == "50-60%"
    assert stops.body_areas["music"]["hands"] == 1
    assert stops.body_areas["running"]["knees"] == 1
    assert stops.body_areas["all"]["none"] == 1
    assert stops.actions["all"] == {"stopped": 3, "pushed_on": 0}
    assert stops.total == {"music": 2, "running": 1, "all": 3}
    assert stops.insight is None  # no kind of session has 3 stops


def test_stop_reasons_outside_the_list_are_counted_in_the_order_first_met(
    hand_journal: dict[str, int],
) -> None:
    """A reason this version does not know (from a newer file) keeps its own weekly row, after
    the known ones, in the order the stops meet them (per craft and for both)."""
    from cadence.store.models import database

    rows = database.execute_sql(
        "SELECT sp.id, s.discipline FROM stop_point sp JOIN session s ON s.id = sp.session_id"
        " WHERE s.deleted_at IS NULL ORDER BY s.local_date, sp.id"
    ).fetchall()
    assert [d for _id, d in rows] == ["running", "music", "music"]
    for (stop_id, _d), reason in zip(rows, ["zeal", "boredom", "zeal"], strict=True):
        database.execute_sql("UPDATE stop_point SET reason = ? WHERE id = ?", [reason, stop_id])
    stops = st.stop_point_stats(FEB23, MAR8)
    known = [r.value for r in StopReason]
    assert list(stops.per_reason["all"]) == [*known, "zeal", "boredom"]
    assert list(stops.per_reason["music"]) == [*known, "boredom", "zeal"]
    assert list(stops.per_reason["running"]) == [*known, "zeal"]
    assert stops.per_reason["all"]["zeal"] == [1, 1]
    assert stops.per_reason["music"]["boredom"] == [0, 1]
    assert stops.per_reason["running"]["pain"] == [0, 0]
    assert stops.total == {"music": 2, "running": 1, "all": 3}


def test_the_stop_insight_rests_on_its_numbers(journal: Path) -> None:
    for i, (rep, reason) in enumerate(
        [(10, StopReason.FORM), (9, StopReason.FORM), (10, StopReason.PAIN), (11, StopReason.FORM)]
    ):
        stop = StopPointData(reason, rep_index=rep, planned_reps=12)
        save_session(
            make_session(RUNNING, SessionKind.INTERVALS, day(2 + i), 50, stop_points=[stop])
        )
    pushed = StopPointData(
        StopReason.PAIN, rep_index=2, planned_reps=12, action=StopAction.PUSHED_ON
    )
    save_session(make_session(RUNNING, SessionKind.INTERVALS, day(9), 50, stop_points=[pushed]))
    insight = st.stop_insight(MAR1, day(31))
    assert insight is not None
    # Only the 4 stops (not the one pushed through): reps (10 + 9 + 10 + 11) / 4 = 10 of 12;
    # fraction 40 / 48 = 0.8333; form 3 of 4.
    assert (insight.n, insight.basis, insight.kind) == (4, "reps", "intervals")
    assert insight.discipline == RUNNING
    assert insight.mean_fraction == pytest.approx(40 / 48)
    assert (insight.mean_at, insight.mean_planned) == (10, 12)
    assert (insight.top_reason, insight.top_reason_count) == ("form", 3)
    assert insight.of_total == 5  # the pushed-on one is a stop-point of the range too
    assert insight.text == (
        "You stop at about 83% of planned reps in intervals sessions: 10 of 12 on average. "
        "This counts 4 of the 5 stop-points: those where you stopped in intervals sessions "
        "with a planned number of reps (most often form, 3 of 4)."
    )


def test_the_stop_insight_in_time(journal: Path) -> None:
    for i, minutes in enumerate((30, 36, 33)):
        stop = StopPointData(StopReason.MIND, elapsed_s=minutes * 60, planned_s=45 * 60)
        save_session(make_session(day=day(2 + i), minutes=minutes, stop_points=[stop]))
    insight = st.stop_insight(MAR1, MAR8, MUSIC)
    assert insight is not None
    # (30 + 36 + 33) / 3 = 33 of 45 min = 73.3 %
    assert insight.text.startswith(
        "You stop at about 73% of planned time in practice sessions: 33 of 45 min on average"
    )


# --- consistency ----------------------------------------------------------------------------------


def test_days_practised_and_streaks(hand_journal: dict[str, int]) -> None:
    c = st.consistency(FEB23, MAR8, today=day(5))
    assert c.days_practised == {"music": [0, 2], "running": [1, 1], "all": [1, 3]}
    # All: 1st-4th in a row; today (the 5th) has only a trashed session, so the streak is alive
    # through yesterday.
    assert (c.streaks["all"].current, c.streaks["all"].current_start) == (4, MAR1)
    assert c.streaks["all"].longest == 4
    assert (c.streaks["music"].current, c.streaks["music"].longest) == (1, 1)
    assert c.streaks["running"].current == 0  # last run on the 3rd, nothing on the 4th
    assert st.consistency(FEB23, MAR8, today=day(6)).streaks["all"].current == 0
    # Inside 3-8 March the longest run is the 3rd-4th; the current one still looks back to the 1st.
    inner = st.consistency(day(3), MAR8, today=day(5)).streaks["all"]
    assert (inner.longest, inner.current) == (2, 4)
    # A past range: the current streak still counts the days after it, up to today.
    past = st.consistency(FEB23, MAR2, today=day(5)).streaks["all"]
    assert (past.longest, past.current, past.current_start) == (2, 4, MAR1)


# --- summary and cross-over -----------------------------------------------------------------------


def test_side_by_side_summary(hand_journal: dict[str, int]) -> None:
    s = st.summary(FEB23, MAR8)
    music, running, both = s["music"], s["running"], s["all"]
    assert (music.minutes.total, music.minutes.mean, music.minutes.n) == (75, 37.5, 2)
    # all minutes 30, 40, 45, 50: median (40 + 45) / 2
    assert (both.minutes.total, both.minutes.mean, both.minutes.median) == (165, 41.25, 42.5)
    # sessions per week: [1, 3] -> mean 2, median 2
    assert (both.sessions.total, both.sessions.mean, both.sessions.n) == (4, 2, 2)
    assert (running.distance_km.total, running.distance_km.mean, running.distance_km.n) == (
        18,
        9,
        2,
    )
    assert music.distance_km.n == 0
    # loads 120, 120, 225, 350: median (120 + 225) / 2 = 172.5
    assert (both.load.total, both.load.mean, both.load.median) == (815, 203.75, 172.5)
    assert (both.rpe.total, both.rpe.mean, both.rpe.median) == (None, 4.75, 4.5)
    assert (music.focus.mean, music.focus.median, music.focus.n) == (3, 3, 2)
    assert running.focus.n == 0 and running.focus.mean is None
    # completion 0.8, 1.0, 0.8333: mean 0.8778, median 0.8333
    assert both.completion.mean == pytest.approx((0.8 + 1 + 50 / 60) / 3)
    assert both.completion.median == pytest.approx(50 / 60)
    assert both.completion.total is None
    # intentions: pooled (1 + 0.5) / 3 = 0.5; per session M1 0.75, M2 0.0 -> mean 0.375
    assert (music.intention_rate.total, music.intention_rate.mean) == (0.5, 0.375)
    assert music.intention_rate.n == 2
    # accuracy: pooled 19 / 24; sessions 0.75 and 0.8125 -> mean 0.78125
    assert music.accuracy.total == pytest.approx(19 / 24)
    assert music.accuracy.mean == pytest.approx(0.78125)
    assert (both.days_practised.total, running.days_practised.total) == (4, 2)


def test_crossover_pairs_and_correlation(journal: Path) -> None:
    # Runs: 10th 5 × 20 = 100 AU; 11th 5 × 40 = 200 AU; 12th none (0); 13th a run without RPE.
    save_session(make_session(RUNNING, day=day(10), minutes=20, rpe=5))
    save_session(make_session(RUNNING, day=day(11), minutes=40, rpe=5))
    save_session(make_session(RUNNING, day=day(13), minutes=30))
    for n, focus in ((11, 4), (12, 3), (13, 4), (14, 1)):
        save_session(make_session(MUSIC, day=day(n), focus=focus))
    cross = st.crossover(day(10), day(14))
    # Pairs (100, 4), (200, 3), (0, 4); the 13th's run has no load, so (?, 1) is left out.
    assert cross.days == [day(10), day(11), day(12)]
    assert cross.run_load == [100, 200, 0]
    assert cross.next_day_focus == [4, 3, 4]
    # dx = (0, 100, −100), dy = (1/3, −2/3, 1/3): Σdxdy = −100, Σdx² = 20000, Σdy² = 2/3
    # r = −100 / sqrt(20000 × 2/3) = −0.8660
    assert cross.r == pytest.approx(-math.sqrt(3) / 2)
    assert cross.n == 3
    assert st.crossover(day(10), day(10)).n == 0  # the next day is outside the range


# --- the whole report -----------------------------------------------------------------------------


def test_compute_stats_matches_the_finer_functions(hand_journal: dict[str, int]) -> None:
    report = st.compute_stats(FEB23, MAR8, week_start=0, today=day(5))
    assert report.weekly == st.volume(FEB23, MAR8)
    assert report.daily == st.volume(FEB23, MAR8, period="day")
    assert report.load == st.load_series(FEB23, MAR8)
    assert report.stop_points == st.stop_point_stats(FEB23, MAR8)
    assert report.summary == st.summary(FEB23, MAR8)
    assert report.disciplines == [MUSIC, RUNNING]
    plain = report.to_json()
    text = json.dumps(plain, allow_nan=False)
    back = json.loads(text)
    assert back["weekly"]["minutes"]["all"] == [50, 115]
    assert back["weekly"]["starts"] == ["2026-02-23", "2026-03-02"]
    assert back["completion_sessions"]["disciplines"][0] == "running"
    assert back["completion_sessions"]["days"][0] == "2026-03-01"
    assert back["consistency"]["streaks"]["all"]["current"] == 4
    assert back["load"]["acute_chronic"][0] is None


def test_load_is_kept_per_craft_and_the_total_is_labelled(hand_journal: dict[str, int]) -> None:
    """Music and running are not one quantity: each craft's own curves, and the sum named so."""
    report = st.compute_stats(FEB23, MAR8, today=day(5))
    assert report.load.label == "total practice load, both crafts"
    assert set(report.load_by_craft) == {"music", "running"}
    for craft in (MUSIC, RUNNING):
        alone = st.compute_stats(FEB23, MAR8, craft, today=day(5))
        assert report.load_by_craft[craft.value] == alone.load  # to the bit
        assert alone.load.label == craft.value
        assert alone.load_by_craft == {craft.value: alone.load}
        assert report.weekly_load_by_craft[craft.value] == alone.weekly_load
    music, running = report.load_by_craft["music"], report.load_by_craft["running"]
    assert report.load.load == [m + r for m, r in zip(music.load, running.load, strict=True)]
    assert music.days == report.load.days and running.days is music.days  # made once
    assert any(music.load) and any(running.load)
    back = json.loads(json.dumps(report.to_json(), allow_nan=False))
    assert back["load_by_craft"]["running"]["fitness"] == running.fitness


def test_empty_journal_gives_zeros_and_nones(journal: Path) -> None:
    report = st.compute_stats(MAR2, MAR8, today=MAR8)
    assert report.weekly.minutes["all"] == [0]
    assert report.load.load == [0] * 7
    assert report.load.fitness == [0] * 7
    assert report.load.history_start == MAR2
    assert report.weekly_load.monotony == [None]
    assert report.completion_sessions.values == []
    assert report.intention_rate.values["all"] == [None]
    assert report.stop_points.total["all"] == 0
    assert report.stop_points.insight is None
    assert report.tempo == []
    assert report.consistency.streaks["all"].longest == 0
    assert report.summary["all"].minutes.total == 0
    assert report.summary["all"].focus.mean is None
    assert report.crossover.r is None
    json.dumps(report.to_json(), allow_nan=False)


def test_a_one_day_range(hand_journal: dict[str, int]) -> None:
    report = st.compute_stats(MAR2, MAR2, MUSIC, today=MAR2)
    assert report.daily.minutes == {"music": [30], "all": [30]}
    assert report.weekly.starts == [MAR2]
    assert report.monthly.starts == [MAR1]
    assert report.summary["music"].minutes.median == 30
    assert report.weekly_load.monotony == [None]  # one day is not a whole week
    assert report.crossover.n == 0


def test_bad_arguments_say_what_to_change(journal: Path) -> None:
    with pytest.raises(ValueError, match="swap the two dates"):
        st.compute_stats(MAR8, MAR2)
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6 \\(Sunday\\)"):
        st.volume(MAR2, MAR8, week_start=7)
    with pytest.raises(ValueError, match="choose one of: music, running"):
        st.volume(MAR2, MAR8, "swimming")


# --- the vectorised per-session measures agree with the one-session definitions -------------------


def test_completion_column_matches_the_definition() -> None:
    cases = [  # (done reps, planned reps, minutes, planned minutes)
        (8, 10, 30, 40),
        (0, 0, 30, 40),
        (0, 0, 30, float("nan")),
        (12, 10, 30, 0),
        (0, 0, 0, 0),
        (3, 4, 50, 60),
    ]
    n = len(cases)
    nan = np.full(n, np.nan)
    sessions = SessionColumns(
        ids=np.arange(n),
        day=np.zeros(n, dtype=np.int64),
        disciplines=["music"] * n,
        kinds=["practice"] * n,
        minutes=np.array([c[2] for c in cases], dtype=float),
        planned_minutes=np.array([c[3] for c in cases], dtype=float),
        km=nan,
        rpe=nan,
        focus=nan,
        load=nan,
        masks={},
    )
    blocks = BlockSums(
        planned_reps=np.array([c[1] for c in cases], dtype=float),
        done_planned=np.array([c[0] for c in cases], dtype=float),
        clean=np.zeros(n),
        done_clean=np.zeros(n),
    )
    got = completion_column(sessions, blocks).tolist()
    for (done, planned, minutes, planned_minutes), value in zip(cases, got, strict=True):
        planned_s = None if math.isnan(planned_minutes) else planned_minutes * 60
        expected = completion(done, planned, minutes * 60, planned_s)
        if expected is None:
            assert math.isnan(value)
        else:
            assert value == pytest.approx(expected)


def test_json_refuses_nan_and_keeps_types() -> None:
    assert to_plain([1, None, 2.5]) == [1, None, 2.5]
    assert to_plain([date(2026, 3, 2), date(2026, 3, 3)]) == ["2026-03-02", "2026-03-03"]
    assert to_plain({MUSIC: [1.0]}) == {"music": [1.0]}
    with pytest.raises(ValueError, match="finite"):
        to_plain([1.0, float("nan")])
    with pytest.raises(ValueError, match="finite"):
        to_plain(float("inf"))


def test_datetimes_are_taken_as_their_dates(hand_journal: dict[str, int]) -> None:
    from_datetimes = st.volume(datetime(2026, 2, 23, 18, 30), datetime(2026, 3, 8, 7))
    assert from_datetimes == st.volume(FEB23, MAR8)
