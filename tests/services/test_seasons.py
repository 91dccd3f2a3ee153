"""Goal events and training cycles: saving, validation, the trash, deleting with undo, and the
journal's other readers (charts, reports, calendar) leaving trashed events out."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.conftest import DATA, make_session

from cadence.domain.enums import (
    Discipline,
    EventKind,
    EventPriority,
    FocusGauge,
    FocusStatus,
    MotivatorKind,
    PhaseName,
)
from cadence.domain.seasons import (
    CycleData,
    Debrief,
    Demand,
    EventData,
    FocusData,
    Motivator,
    PhasePlan,
    Readiness,
    ReadinessItem,
)
from cadence.services.records.journal import save_session
from cadence.services.records.library import active_focuses
from cadence.services.season import seasons
from cadence.services.stats.lazy import cycle_marks
from cadence.services.validation import ValidationError
from cadence.store.db import close_journal, open_journal
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import Cycle, Event, Focus, Intention, Session, database

RACE = date(2027, 4, 25)


def _marathon(**changes: object) -> EventData:
    data = EventData(
        name="Spring Marathon",
        kind=EventKind.RACE,
        day=RACE,
        discipline=Discipline.RUNNING,
        priority=EventPriority.A,
        distance_m=42_195,
        target="Under 3:30, even splits",
        demands=[Demand("Climb", "180 m, most of it after 30 km"), Demand("Start time", "8:30")],
        motivators=[
            Motivator(MotivatorKind.INTRINSIC, "To run the last 10 km strong"),
            Motivator(MotivatorKind.EXTRINSIC, "A qualifying time"),
        ],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_an_event_is_saved_whole_and_read_back(journal: Path) -> None:
    event_id, changes = seasons.save_event(_marathon())
    assert changes.plans
    loaded = seasons.load_event(event_id)
    assert loaded.name == "Spring Marathon" and loaded.priority is EventPriority.A
    assert loaded.demands == _marathon().demands
    assert loaded.motivators == _marathon().motivators
    loaded.result = "3:27:41, negative split"
    seasons.save_event(loaded)
    assert seasons.load_event(event_id).result == "3:27:41, negative split"
    assert Event.select().count() == 1


def test_bad_events_name_every_field_and_save_nothing(journal: Path) -> None:
    data = _marathon(
        name=" ",
        distance_m=-5.0,
        demands=[Demand("Terrain", "  ")],
        motivators=[Motivator(MotivatorKind.INTRINSIC, "")],
    )
    with pytest.raises(ValidationError) as info:
        seasons.save_event(data)
    assert set(info.value.errors) == {"name", "distance_m", "demands[0]", "motivators[0]"}
    assert "Name the event" in info.value.errors["name"]
    assert Event.select().count() == 0


def test_a_trashed_event_leaves_charts_reports_and_the_calendar(journal: Path) -> None:
    event_id, _ = seasons.save_event(_marathon())
    assert [e.name for e in cycle_marks(date(2027, 1, 1), date(2027, 12, 31)).events]
    changes = seasons.trash_event(event_id)
    assert changes.trash and changes.plans
    assert seasons.events() == []
    assert cycle_marks(date(2027, 1, 1), date(2027, 12, 31)).events == []
    from cadence.services.reports.queries import events as report_events

    assert report_events(date(2027, 1, 1), date(2027, 12, 31), None) == []
    assert [e.id for e in seasons.trashed_events()] == [event_id]
    seasons.restore_events([event_id])
    assert [e.id for e in seasons.events()] == [event_id]
    seasons.trash_event(event_id)
    seasons.purge_events([event_id])
    assert Event.select().count() == 0


def test_the_calendar_export_skips_trashed_events(journal: Path, tmp_path: Path) -> None:
    seasons.save_event(_marathon())
    gone, _ = seasons.save_event(_marathon(name="Autumn 10K", distance_m=10_000.0))
    seasons.trash_event(gone)
    from cadence.services.transfer import export_ics

    target = tmp_path / "plans.ics"
    export_ics.export_ics(target)
    text = target.read_text(encoding="utf-8")
    assert "Spring Marathon" in text and "Autumn 10K" not in text


def _proposal_cycle(event_id: int | None = None) -> CycleData:
    phases = [
        PhasePlan(PhaseName.BASE, date(2027, 1, 4), date(2027, 2, 14)),
        PhasePlan(PhaseName.BUILD, date(2027, 2, 15), date(2027, 3, 28)),
        PhasePlan(PhaseName.TAPER, date(2027, 3, 29), RACE),
    ]
    return CycleData(
        name="Spring block",
        start=date(2027, 1, 4),
        end=RACE,
        discipline=Discipline.RUNNING,
        phases=phases,
        event_id=event_id,
    )


def test_a_cycle_is_saved_with_its_phases_and_its_event(journal: Path) -> None:
    event_id, _ = seasons.save_event(_marathon())
    cycle_id, changes = seasons.save_cycle(_proposal_cycle(event_id))
    assert changes.plans
    loaded = seasons.load_cycle(cycle_id)
    assert [p.name for p in loaded.phases] == [PhaseName.BASE, PhaseName.BUILD, PhaseName.TAPER]
    assert loaded.event_id == event_id
    assert seasons.load_event(event_id).cycle_id == cycle_id
    # edited: the phases are replaced whole, the event unlinked
    loaded.phases = loaded.phases[:2]
    loaded.event_id = None
    seasons.save_cycle(loaded)
    again = seasons.load_cycle(cycle_id)
    assert len(again.phases) == 2 and again.event_id is None
    assert seasons.load_event(event_id).cycle_id is None


def test_a_cycle_without_an_event_is_allowed(journal: Path) -> None:
    cycle_id, _ = seasons.save_cycle(_proposal_cycle())
    assert seasons.load_cycle(cycle_id).event_id is None


def test_overlapping_phases_are_refused_with_a_clear_message(journal: Path) -> None:
    data = _proposal_cycle()
    data.phases[1] = PhasePlan(PhaseName.BUILD, date(2027, 2, 10), date(2027, 3, 28))
    with pytest.raises(ValidationError) as info:
        seasons.save_cycle(data)
    assert "must not overlap" in info.value.errors["phases[1]"]
    assert seasons.cycles() == []


def test_deleting_a_cycle_keeps_its_event_and_sessions_and_undo_puts_it_back(
    journal: Path,
) -> None:
    event_id, _ = seasons.save_event(_marathon())
    cycle_id, _ = seasons.save_cycle(_proposal_cycle(event_id))
    save_session(make_session(Discipline.RUNNING, day=date(2026, 11, 2), cycle_id=cycle_id))
    deleted, changes = seasons.delete_cycle(cycle_id)
    assert changes.plans and changes.sessions
    assert seasons.cycles() == [] and seasons.load_event(event_id).cycle_id is None
    assert Session.get().cycle_id is None
    seasons.undelete_cycle(deleted)
    back = seasons.load_cycle(cycle_id)
    assert back == deleted.data
    assert Session.get().cycle_id == cycle_id


def test_the_export_carries_the_new_columns(journal: Path, tmp_path: Path) -> None:
    from cadence.services.transfer.export import export_json
    from cadence.services.transfer.restore import restore_file

    event_id, _ = seasons.save_event(_marathon())
    check = Readiness(date(2027, 4, 10), (ReadinessItem("Climb", 4),), "Gels", "Yes, for me")
    seasons.save_readiness(event_id, check)
    seasons.trash_event(event_id)
    out = tmp_path / "j.json"
    export_json(out)
    document = json.loads(out.read_text(encoding="utf-8"))
    columns = document["tables"]["event"]["columns"]
    assert {"priority", "distance_m", "demands", "motivators", "deleted_at"} <= set(columns)
    before = Event.get_by_id(seasons.trashed_events()[0].id)
    close_journal()
    restored = tmp_path / "restored.sqlite"
    restore_file(out, restored)
    open_journal(restored)
    after = Event.get()
    assert after.deleted_at == before.deleted_at
    assert seasons.event_data(after) == seasons.event_data(before)
    assert seasons.event_data(after).readiness == check


@pytest.mark.parametrize("version", [1, 2])
def test_old_journals_keep_their_events_when_upgraded(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / f"journal-v{version}.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO event (name, kind, discipline, date, target, result, notes) "
        "VALUES ('Spring recital', 'recital', 'music', '2026-05-02', 'Play it through', '', '')"
    )
    conn.commit()
    conn.close()
    result = open_journal(path)
    try:
        assert result.upgraded_from == version
        assert database.pragma("user_version") == SCHEMA_VERSION
        [event] = seasons.events()
        assert (event.name, event.kind, event.day) == (
            "Spring recital",
            EventKind.RECITAL,
            date(2026, 5, 2),
        )
        assert event.target == "Play it through"
        assert event.priority is None and event.demands == [] and event.motivators == []
        seasons.trash_event(event.id)
        assert seasons.events() == []
        assert isinstance(Event.get().deleted_at, datetime)
    finally:
        close_journal()


def test_a_v3_journal_keeps_its_event_focus_target_and_their_links(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite"
    shutil.copy(DATA / "journal-v3.sqlite", path)
    open_journal(path)
    try:
        [event] = seasons.events()
        assert (event.name, event.result, event.cycle_id) == (
            "Spring recital",
            "Played it through",
            1,
        )
        focus = Focus.get()
        assert (focus.title, focus.cycle_id, focus.gauge) == ("Relaxed shoulders", None, None)
        assert Intention.get(Intention.id == 1).focus_id == focus.id
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert [p.name for p in seasons.load_cycle(1).phases] == [PhaseName.BUILD, PhaseName.TAPER]
    finally:
        close_journal()


def test_focus_targets_are_saved_with_their_cycle_and_taken_off_without_loss(
    journal: Path,
) -> None:
    data = _proposal_cycle()
    data.focuses = [
        FocusData("Relaxed shoulders on hills", FocusGauge.INTENTIONS, "A check every km"),
        FocusData("Negative splits on long runs", FocusGauge.PACE),
    ]
    cycle_id, _ = seasons.save_cycle(data)
    loaded = seasons.load_cycle(cycle_id)
    assert [(f.title, f.gauge, f.status) for f in loaded.focuses] == [
        ("Relaxed shoulders on hills", FocusGauge.INTENTIONS, FocusStatus.ACTIVE),
        ("Negative splits on long runs", FocusGauge.PACE, FocusStatus.ACTIVE),
    ]
    assert loaded.focuses[0].discipline is Discipline.RUNNING  # the cycle's craft
    assert active_focuses(Discipline.RUNNING, on=date(2027, 1, 3)) == []  # not begun yet
    assert [f.title for f in active_focuses(Discipline.RUNNING, on=date(2027, 1, 4))] == [
        "Negative splits on long runs",
        "Relaxed shoulders on hills",
    ]
    # one achieved, one taken off the cycle: kept for the intentions that point to it, dropped
    loaded.focuses[0].status = FocusStatus.ACHIEVED
    removed = loaded.focuses.pop(1)
    seasons.save_cycle(loaded)
    again = seasons.load_cycle(cycle_id)
    assert [(f.title, f.status) for f in again.focuses] == [
        ("Relaxed shoulders on hills", FocusStatus.ACHIEVED)
    ]
    gone = Focus.get_by_id(removed.id)
    assert (gone.status, gone.cycle_id) == ("dropped", None) and gone.ended_on is not None
    assert active_focuses(Discipline.RUNNING, on=date(2027, 1, 4)) == []


def test_a_nameless_focus_target_is_refused(journal: Path) -> None:
    data = _proposal_cycle()
    data.focuses = [FocusData("  ")]
    with pytest.raises(ValidationError) as info:
        seasons.save_cycle(data)
    assert "name it" in info.value.errors["focuses[0]"]
    assert Cycle.select().count() == 0 and Focus.select().count() == 0


def test_undoing_a_cycle_deletion_gives_back_its_focus_targets(journal: Path) -> None:
    data = _proposal_cycle()
    data.focuses = [FocusData("Cadence 180 on easy runs", FocusGauge.CONSISTENCY)]
    cycle_id, _ = seasons.save_cycle(data)
    deleted, _ = seasons.delete_cycle(cycle_id)
    assert Focus.get().cycle_id is None
    seasons.undelete_cycle(deleted)
    assert [f.title for f in seasons.load_cycle(cycle_id).focuses] == ["Cadence 180 on easy runs"]


def test_a_readiness_check_and_a_debrief_are_kept_with_the_event(journal: Path) -> None:
    event_id, _ = seasons.save_event(_marathon())
    check = Readiness(
        date(2027, 4, 10),
        (ReadinessItem("Climb", 4, "Hill repeats went well"), ReadinessItem("Start time", None)),
        "Gels at 10, 20 and 30 km",
        "Yes: I want to know what a whole winter of long runs made",
    )
    assert seasons.save_readiness(event_id, check).plans
    loaded = seasons.load_event(event_id)
    assert loaded.readiness == check and loaded.readiness.mean == 4
    # editing the event leaves the check alone
    loaded.target = "Under 3:28"
    seasons.save_event(loaded)
    assert seasons.load_event(event_id).readiness == check
    with pytest.raises(ValidationError) as info:
        seasons.save_readiness(event_id, Readiness(date(2027, 4, 11), (ReadinessItem("Kit", 7),)))
    assert "between 1 and 5" in info.value.errors["items[0]"]
    assert seasons.load_event(event_id).readiness == check

    with pytest.raises(ValidationError):
        seasons.save_debrief(event_id, Debrief(date(2027, 4, 26)), "  ")
    debrief = Debrief(date(2027, 4, 26), "Even pacing to 35 km", "More long runs at race pace")
    seasons.save_debrief(event_id, debrief, "3:27:41")
    after = seasons.load_event(event_id)
    assert after.debrief == debrief and after.result == "3:27:41"


def test_a_damaged_readiness_value_reads_as_none(journal: Path) -> None:
    event_id, _ = seasons.save_event(_marathon())
    Event.update(readiness="[not json", debrief='{"written_on": "soon"}').execute()
    loaded = seasons.load_event(event_id)
    assert loaded.readiness is None and loaded.debrief is None


def test_a_cycle_report_lists_its_focus_targets_and_for_oneself_the_weekly_reviews(
    journal: Path,
) -> None:
    from cadence.domain.seasons import FocusRating, ReviewData
    from cadence.services.reports.build import build_report
    from cadence.services.reports.html import report_html
    from cadence.services.reports.types import Audience, ReportSpec
    from cadence.services.season.reviews import save_review

    data = _proposal_cycle()
    data.focuses = [FocusData("Relaxed <shoulders>", FocusGauge.PACE, "second half faster")]
    cycle_id, _ = seasons.save_cycle(data)
    focus_id = seasons.load_cycle(cycle_id).focuses[0].id
    monday = date(2027, 1, 4)
    save_review(
        ReviewData(
            monday, "Six days", "Slow first", "Rest", (FocusRating(focus_id, "Relaxed", 4),)
        ),
        today=date(2027, 1, 10),
    )
    spec = ReportSpec(data.start, data.end, label="Spring block")
    content = build_report(spec, today=date(2027, 5, 1))
    assert [(f.title, f.seen, f.cycle) for f in content.focus_targets] == [
        ("Relaxed <shoulders>", "Pace: second half faster", "Spring block")
    ]
    assert [(r.week_start, r.went_well, r.ratings) for r in content.reviews] == [
        (monday, "Six days", "Relaxed 4")
    ]
    page = report_html(content)
    assert "Relaxed &lt;shoulders&gt;" in page and "<h3>Weekly reviews</h3>" in page
    coach = build_report(
        ReportSpec(data.start, data.end, Discipline.RUNNING, Audience.COACH), today=date(2027, 5, 1)
    )
    assert coach.reviews == [] and "Weekly reviews" not in report_html(coach)
    assert [f.title for f in coach.focus_targets] == ["Relaxed <shoulders>"]


def test_an_edit_returns_the_same_id_and_a_link_to_a_row_gone_is_refused(journal: Path) -> None:
    event_id, _ = seasons.save_event(_marathon())
    cycle_id, _ = seasons.save_cycle(_proposal_cycle(event_id))
    assert seasons.save_event(seasons.load_event(event_id))[0] == event_id
    assert seasons.save_cycle(seasons.load_cycle(cycle_id))[0] == cycle_id
    assert (Event.select().count(), Cycle.select().count()) == (1, 1)
    event, cycle = seasons.load_event(event_id), seasons.load_cycle(cycle_id)
    for data, errors in [
        (_marathon(id=event_id + 1), {"id": "That event no longer exists (deleted for good?)"}),
        (_marathon(cycle_id=cycle_id + 1), {"cycle_id": "That cycle no longer exists"}),
    ]:
        with pytest.raises(ValidationError) as info:
            seasons.save_event(data)
        assert info.value.errors == errors
    stale = _proposal_cycle(event_id + 1)
    stale.id = cycle_id + 1
    with pytest.raises(ValidationError) as info:
        seasons.save_cycle(stale)
    assert info.value.errors == {
        "id": "That cycle no longer exists",
        "event_id": "That event no longer exists",
    }
    # nothing written: the one event and cycle as they were, still linked
    assert (Event.select().count(), Cycle.select().count()) == (1, 1)
    assert seasons.load_event(event_id) == event and event.cycle_id == cycle_id
    assert seasons.load_cycle(cycle_id) == cycle and cycle.event_id == event_id
