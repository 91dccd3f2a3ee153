"""The content and HTML of printed reports, on a hand-made journal in a real SQLite file.

No Qt here: the report is built by services (content, then HTML); tests/ui/test_reports_view.py
and tests/test_cli_report.py turn it into PDFs.

The journal: four weeks from Monday 2 March 2026. Music practice on Mondays, Wednesdays and
Fridays (30, 40, 50 min), running on Tuesdays and Saturdays (40 min and 8 km; 90 min and 16 km);
one music session in the trash, one planned run; reflections shared and not, next-time notes,
a day-journal reflection, a passage with clean tempos, a goal race and a training cycle.
"""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence.domain.enums import (
    BodyArea,
    Discipline,
    EventKind,
    Outcome,
    PhaseName,
    ReflectionPrompt,
    SessionKind,
    SessionStatus,
    StopAction,
    StopReason,
)
from cadence.domain.ranges import preset_range
from cadence.domain.records import (
    BlockData,
    DayEntryData,
    IntentionData,
    ReflectionData,
    StopPointData,
)
from cadence.domain.seasons import CycleData, EventData, PhasePlan
from cadence.services.records import library
from cadence.services.records.days import save_day_entry
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.records.preferences import Preferences, save_preferences
from cadence.services.reports.build import (
    Audience,
    ReportSpec,
    build_report,
    training_cycles,
)
from cadence.services.reports.html import esc, report_html, session_cells
from cadence.services.season.seasons import save_cycle, save_event
from cadence.services.stats.compute import compute_stats
from cadence.services.stats.types import ALL

MUSIC, RUNNING = Discipline.MUSIC, Discipline.RUNNING
START, END = date(2026, 3, 2), date(2026, 3, 29)
HOSTILE = '<b>bold</b><img src="file:///etc/passwd"><script>x</script>'


def plain(fragment: str) -> str:
    """HTML as the text it shows."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture
def four_weeks(journal: Path) -> dict[str, int]:
    piece, _ = library.add_piece("Nocturne Op. 9 No. 2", "Chopin")
    passage, _ = library.add_passage(piece, "Bars 33–48", "33–48", 60, 96)
    ids: dict[str, int] = {"passage": passage}
    day, n = START, 0
    while day <= END:
        weekday = day.weekday()
        if weekday in (0, 2, 4):
            n += 1
            minutes = {0: 30, 2: 40, 4: 50}[weekday]
            data = make_session(
                MUSIC,
                day=day,
                minutes=minutes,
                rpe=4,
                focus=3,
                blocks=[
                    BlockData(
                        planned_reps=10,
                        done_reps=10,
                        clean_reps=6 + n % 4,
                        achieved_bpm=70 + n,
                        passage_id=passage,
                    )
                ],
                intentions=[IntentionData(f"even sixteenths {n}", outcome=Outcome.ACHIEVED)],
                reflections=[
                    ReflectionData(ReflectionPrompt.WENT_WELL, f"shared note {n}", True),
                    ReflectionData(ReflectionPrompt.TO_IMPROVE, f"private note {n}", False),
                    ReflectionData(ReflectionPrompt.NEXT_TIME, f"next time {n}", False),
                ],
            )
            if n == 2:
                data.stop_points = [
                    StopPointData(
                        StopReason.FORM,
                        rep_index=8,
                        planned_reps=10,
                        body_area=BodyArea.HANDS,
                        note="wrists tight",
                    )
                ]
            save_session(data)
            ids[f"m{n}"] = data.id
        elif weekday in (1, 5):
            long = weekday == 5
            data = make_session(
                RUNNING,
                SessionKind.LONG if long else SessionKind.EASY,
                day,
                90 if long else 40,
                rpe=6 if long else 3,
                distance_m=16_000 if long else 8_000,
            )
            if long and day == date(2026, 3, 14):
                data.stop_points = [
                    StopPointData(
                        StopReason.PAIN,
                        elapsed_s=3600,
                        planned_s=5400,
                        body_area=BodyArea.KNEES,
                        action=StopAction.PUSHED_ON,
                    )
                ]
            save_session(data)
        day += timedelta(days=1)
    trashed = make_session(MUSIC, day=date(2026, 3, 10), minutes=99, rpe=9)
    trashed.reflections = [ReflectionData(ReflectionPrompt.WENT_WELL, "trashed note", True)]
    save_session(trashed)
    trash_sessions([trashed.id])
    save_session(
        make_session(RUNNING, day=date(2026, 3, 12), minutes=60, status=SessionStatus.PLANNED)
    )
    save_day_entry(
        DayEntryData(
            date(2026, 3, 8),
            "rest",
            reflections=[
                ReflectionData(ReflectionPrompt.FREE, "a calm rest day", True),
                ReflectionData(ReflectionPrompt.FREE, "not for others", False),
            ],
        )
    )
    build = PhasePlan(PhaseName.BUILD, date(2026, 2, 1), date(2026, 3, 31))
    save_cycle(
        CycleData("Spring 10K", date(2026, 2, 1), date(2026, 4, 30), RUNNING, phases=[build])
    )
    save_event(EventData("Spring 10K", EventKind.RACE, date(2026, 3, 28), RUNNING, priority=None))
    save_preferences(Preferences(name="Ada", teacher="Ms Rivera", coach="Coach Kim"))
    return ids


# --- the spec and the ranges ------------------------------------------------------------------


def test_spec_refuses_a_reversed_or_absurd_range() -> None:
    with pytest.raises(ValueError, match="swap the two dates"):
        ReportSpec(END, START)
    with pytest.raises(ValueError, match="at most ten years"):
        ReportSpec(date(1026, 1, 1), END)
    spec = ReportSpec(START, END, "music", "teacher")
    assert spec.discipline is MUSIC and spec.audience is Audience.TEACHER
    assert ReportSpec(START, END).disciplines == (MUSIC, RUNNING)


def test_preset_ranges_follow_the_week_start() -> None:
    wednesday = date(2026, 3, 18)
    assert preset_range("this_week", wednesday) == (date(2026, 3, 16), wednesday)
    assert preset_range("last_week", wednesday) == (date(2026, 3, 9), date(2026, 3, 15))
    assert preset_range("this_week", wednesday, week_start=6) == (date(2026, 3, 15), wednesday)
    assert preset_range("this_month", wednesday) == (date(2026, 3, 1), wednesday)
    assert preset_range("last_month", wednesday) == (date(2026, 2, 1), date(2026, 2, 28))
    assert preset_range("last_month", date(2026, 1, 5)) == (date(2025, 12, 1), date(2025, 12, 31))
    with pytest.raises(ValueError, match="choose one of"):
        preset_range("fortnight", wednesday)


def test_training_cycles_latest_first(four_weeks: dict[str, int]) -> None:
    save_cycle(CycleData("Old block", date(2025, 1, 1), date(2025, 3, 1)))
    assert [c.name for c in training_cycles()] == ["Spring 10K", "Old block"]


# --- what the report holds --------------------------------------------------------------------


def test_sessions_by_month_with_intentions_and_stops(four_weeks: dict[str, int]) -> None:
    content = build_report(ReportSpec(START, END, MUSIC, Audience.TEACHER), today=END)
    (music,) = content.sections
    assert [m.month for m in music.months] == [date(2026, 3, 1)]
    rows = music.months[0].rows
    assert len(rows) == 12  # 3 a week for 4 weeks; the trashed session is left out
    assert [r.day for r in rows] == sorted(r.day for r in rows)
    second = next(r for r in rows if r.id == four_weeks["m2"])
    assert [(i.text, i.outcome) for i in second.intentions] == [("even sixteenths 2", "achieved")]
    (stop,) = second.stops
    assert (stop.reason, stop.body_area, stop.rep_index, stop.note) == (
        "form",
        "hands",
        8,
        "wrists tight",
    )
    cells = [plain(c) for c in session_cells(second)]
    assert cells[0] == "Wed 4 Mar"
    assert cells[1].startswith("Practice · 40 min")
    assert cells[2] == "even sixteenths 2 achieved"
    assert (cells[3], cells[4]) == ("4", "3")
    assert cells[5] == "Form, hands, rep 8 of 10, stoppedwrists tight"


def test_stop_summary_by_reason_and_body_area(four_weeks: dict[str, int]) -> None:
    content = build_report(ReportSpec(START, END), today=END)
    music, running = content.sections
    assert music.stops.total == 1 and running.stops.total == 1
    assert [(c.name, c.total, c.stopped, c.pushed_on) for c in running.stops.by_reason] == [
        ("pain", 1, 0, 1)
    ]
    assert [(c.name, c.total) for c in music.stops.by_body_area] == [("hands", 1)]


def test_only_shared_reflections_and_next_intentions_latest_first(
    four_weeks: dict[str, int],
) -> None:
    content = build_report(ReportSpec(START, END), today=END)
    music = content.sections[0]
    texts = [r.text for r in music.reflections]
    assert texts == [f"shared note {n}" for n in range(1, 13)]  # oldest first
    assert "trashed note" not in texts and not any("private" in t for t in texts)
    assert [r.text for r in music.next_intentions] == [f"next time {n}" for n in range(12, 0, -1)]
    assert music.earlier_next_intentions == 0
    # the day journal's shared reflection, only in a report of both crafts
    assert [r.text for r in content.day_reflections] == ["a calm rest day"]
    assert build_report(ReportSpec(START, END, MUSIC), today=END).day_reflections == []


def test_long_ranges_list_the_latest_next_intentions(four_weeks: dict[str, int]) -> None:
    content = build_report(ReportSpec(START, END, MUSIC), today=END)
    (music,) = content.sections
    short = build_report(ReportSpec(date(2026, 3, 16), END, MUSIC), today=END).sections[0]
    assert music.next_intentions[0].day == date(2026, 3, 27)
    assert [r.text for r in short.next_intentions][-1] == "next time 7"  # Mon 16 March


def test_next_intentions_left_out_are_counted_in_their_heading(
    four_weeks: dict[str, int],
) -> None:
    """Not a lone line after the list, which could open a page by itself: the heading, which
    the pages keep with what follows, says how many earlier ones are not shown."""
    content = build_report(ReportSpec(START, END, MUSIC), today=END)
    (music,) = content.sections
    more = dataclasses.replace(music, earlier_next_intentions=6)
    text = report_html(dataclasses.replace(content, sections=[more]))
    heading = re.search(r"<h3>Next intentions.*?</h3>", text)
    assert heading is not None
    assert "(the 12 latest; 6 earlier not shown)" in heading.group(0)
    assert "earlier next-time note" not in text
    assert "earlier not shown" not in report_html(content)  # none left out: nothing said


def test_headline_figures_are_the_measures(four_weeks: dict[str, int]) -> None:
    content = build_report(ReportSpec(START, END), today=END)
    stats = compute_stats(START, END, today=END)
    rows = {row.key: row for row in content.figures}
    assert list(rows) == ["music", "running", ALL]
    for key, row in rows.items():
        figures = {f.label: f for f in row.figures}
        summary = stats.summary[key]
        assert figures["Sessions"].value == str(int(summary.sessions.total))
        assert figures["Days"].value == str(int(summary.days_practised.total))
        assert figures["Load"].value == f"{summary.load.total:,.0f}"
        assert figures["Streak"].value == str(stats.consistency.streaks[key].longest)
    running = {f.label: f for f in rows["running"].figures}
    assert (running["Distance"].value, running["Distance"].unit) == ("96.0", "km")  # 4×(8+16)
    assert (running["Time"].value, running["Time"].unit) == ("8.7", "h")  # 4×130 min
    assert {f.label: f for f in rows["music"].figures}["Distance"].value == "–"
    # a coach reads "days with a run", a teacher "days with practice"
    assert running["Days"].note == "with a run"
    assert {f.label: f for f in rows["music"].figures}["Days"].note == "with practice"
    assert {f.label: f for f in rows[ALL].figures}["Days"].note == "with music or a run"


def test_audiences_choose_charts_and_tables(four_weeks: dict[str, int]) -> None:
    teacher = build_report(ReportSpec(START, END, MUSIC, Audience.TEACHER), today=END)
    coach = build_report(ReportSpec(START, END, RUNNING, Audience.COACH), today=END)
    me = build_report(ReportSpec(START, END), today=END)
    assert [c.kind for c in teacher.charts] == [
        "minutes_per_week",
        "accuracy",
        "intention_rate",
        "tempo_progress",
    ]  # one stop-point makes no chart: the table says it
    assert teacher.recipient == "Ms Rivera" and teacher.person == "Ada"
    (passage,) = teacher.sections[0].passages or []
    assert (passage.sessions, passage.first_bpm, passage.last_bpm, passage.best_bpm) == (
        12,
        71,
        82,
        82,
    )
    assert passage.done_reps == 120 and passage.clean_reps == sum(6 + n % 4 for n in range(1, 13))
    assert teacher.sections[0].weeks is None
    assert coach.recipient == "Coach Kim"
    assert "distance_per_week" in [c.kind for c in coach.charts]
    assert "load" in [c.kind for c in coach.charts]
    weeks = coach.sections[0].weeks or []
    assert [(w.week, w.sessions, w.distance_km) for w in weeks] == [
        (START + timedelta(weeks=i), 2, 24.0) for i in range(4)
    ]
    assert [e.name for e in coach.events] == ["Spring 10K"]
    assert [c.name for c in me.overview_charts] == ["all-minutes_per_week"]
    assert {c.scope for c in me.charts} == {ALL, "music", "running"}
    assert all(c.scope in me.measures for c in me.charts)


def test_a_week_has_no_weekly_bar_charts(four_weeks: dict[str, int]) -> None:
    content = build_report(ReportSpec(date(2026, 3, 9), date(2026, 3, 15)), today=END)
    kinds = {c.kind for c in content.charts}
    assert not kinds & {"minutes_per_week", "distance_per_week", "accuracy", "intention_rate"}
    assert "load" in kinds  # daily


def test_an_empty_range_says_so(four_weeks: dict[str, int]) -> None:
    content = build_report(ReportSpec(date(2025, 1, 1), date(2025, 1, 31)), today=END)
    assert content.session_count == 0 and content.charts == []
    text = plain(report_html(content))
    assert "No music sessions in this range." in text
    assert "No running sessions in this range." in text


# --- HTML: escaping and structure -------------------------------------------------------------


def test_user_text_is_escaped_everywhere(four_weeks: dict[str, int]) -> None:
    library.add_passage(library.add_piece(HOSTILE)[0], HOSTILE, target_bpm=90)
    save_preferences(Preferences(name=HOSTILE, teacher=HOSTILE))
    save_session(
        make_session(
            MUSIC,
            day=date(2026, 3, 20),
            title=HOSTILE,
            intentions=[IntentionData(HOSTILE, outcome=Outcome.PARTLY)],
            stop_points=[StopPointData(StopReason.OTHER, note=HOSTILE)],
            reflections=[ReflectionData(ReflectionPrompt.LET_GO, HOSTILE, True)],
        )
    )
    content = build_report(ReportSpec(START, END, MUSIC, Audience.TEACHER), today=END)
    page = report_html(content)
    assert "<script" not in page and "<b>bold" not in page
    assert 'src="file:' not in page and 'etc/passwd">' not in page
    assert page.count(esc(HOSTILE)) >= 5  # name, title, intention, stop note, reflection
    assert HOSTILE in plain(page)
    # the only images are the charts, by name
    sources = re.findall(r'<img src="([^"]*)"', page)
    assert sources == [f"chart:{c.name}" for c in content.charts]


def test_discipline_colours_in_headings(four_weeks: dict[str, int]) -> None:
    page = report_html(build_report(ReportSpec(START, END), today=END))
    assert '<h2 style="color:#7C4DFF">■ Music</h2>' in page
    assert '<h2 style="color:#00A389">■ Running</h2>' in page
    assert page.index("■ Music") < page.index("■ Running")


def test_a_stop_chart_needs_a_few_stops(four_weeks: dict[str, int]) -> None:
    for day in (date(2026, 3, 17), date(2026, 3, 19)):
        stop = StopPointData(StopReason.MIND, elapsed_s=600, planned_s=1800)
        save_session(make_session(MUSIC, day=day, minutes=20, stop_points=[stop]))
    content = build_report(ReportSpec(START, END, MUSIC), today=END)
    assert content.sections[0].stops.total == 3
    assert content.charts[-1].kind == "stop_points_by_reason"
    assert "3 stop-points: 3 stopped." in plain(report_html(content))


def test_experiments_of_the_range_are_listed_with_their_results(
    four_weeks: dict[str, int],
) -> None:
    from cadence.domain.experiments import ExperimentDesign, ExperimentMeasure
    from cadence.services.experiment.experiment_results import table_rows
    from cadence.services.experiment.experiments import ExperimentData, save_experiment

    save_experiment(
        ExperimentData(
            change="Slow practice <first>",
            discipline=MUSIC,
            design=ExperimentDesign.ALTERNATE_SESSIONS,
            start_date=START + timedelta(days=7),
            end_date=END,
            measures=[ExperimentMeasure.ACCURACY],
        )
    )
    save_experiment(  # before the range: not listed
        ExperimentData(
            change="Long ago",
            discipline=MUSIC,
            design=ExperimentDesign.BEFORE_AFTER,
            start_date=START - timedelta(days=60),
            end_date=START - timedelta(days=40),
            measures=[ExperimentMeasure.FOCUS],
        )
    )
    teacher = build_report(ReportSpec(START, END, MUSIC, Audience.TEACHER), today=END)
    coach = build_report(ReportSpec(START, END, RUNNING, Audience.COACH), today=END)
    assert [r.experiment.change for r in teacher.experiments] == ["Slow practice <first>"]
    assert coach.experiments == []  # a music experiment is not the coach's
    page = report_html(teacher)
    assert "<h3>Experiments</h3>" in page
    assert "Slow practice &lt;first&gt;" in page
    [row] = table_rows(teacher.experiments[0])
    assert all(esc(cell) in page for cell in row)
    assert "Experiments" not in report_html(coach)
