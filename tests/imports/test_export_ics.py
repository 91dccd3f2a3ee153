"""The iCalendar export: planned sessions and goal events, valid RFC 5545 text, stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from imports_helpers import RUNNING

from cadence.domain.enums import Discipline, EventKind, SessionKind, SessionStatus
from cadence.domain.records import BlockData, SessionData
from cadence.domain.seasons import EventData
from cadence.services.imports import import_paths
from cadence.services.records.journal import save_session, trash_sessions
from cadence.services.season.seasons import save_event
from cadence.services.transfer.export_ics import escape, export_ics, fold

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _events(path: Path) -> list[dict[str, str]]:
    """A tiny reader: unfold lines, split VEVENTs into {name(;params): value}."""
    raw = path.read_bytes().decode("utf-8")
    assert "\n" not in raw.replace("\r\n", "")  # every line ends in CRLF
    lines = raw.replace("\r\n ", "").split("\r\n")
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            key, _, value = line.partition(":")
            current[key] = value
    return events


def _planned(title: str, day: date, notes: str = "") -> SessionData:
    return SessionData(
        discipline=Discipline.MUSIC,
        kind=SessionKind.PRACTICE,
        status=SessionStatus.PLANNED,
        started_at=datetime(day.year, day.month, day.day, 17, 0),
        local_date=day,
        title=title,
        notes=notes,
        planned_duration_s=1800,
        blocks=[BlockData(label="Bars 33-48", planned_duration_s=900, planned_reps=5)],
    )


def test_planned_sessions_and_goal_events_become_all_day_entries(
    journal: Path, tmp_path: Path
) -> None:
    import_paths([RUNNING / "workout-repeat-steps.fit", RUNNING / "run.tcx"], now=NOW, local_tz=UTC)
    save_session(_planned("Allemande, slow; then fast", date(2026, 3, 4), "Line one\nLine two"))
    save_event(EventData("Spring 10k", EventKind.RACE, date(2026, 4, 12), Discipline.RUNNING, None))
    out = tmp_path / "cadence.ics"
    assert export_ics(out, now=NOW) == 3  # the done run is not a plan
    events = _events(out)
    by_summary = {e["SUMMARY"]: e for e in events}
    assert set(by_summary) == {
        "Example 2 (Intervals)",
        "Allemande\\, slow\\; then fast (Practice)",
        "Spring 10k (race)",
    }
    music = by_summary["Allemande\\, slow\\; then fast (Practice)"]
    assert music["DTSTART;VALUE=DATE"] == "20260304"
    assert music["DTEND;VALUE=DATE"] == "20260305"
    assert (
        music["DESCRIPTION"]
        == "Planned time: 30 min\\n1. Bars 33-48 15 min × 5\\nLine one\\nLine two"
    )
    assert music["CATEGORIES"] == "Music"
    race = by_summary["Spring 10k (race)"]
    assert race["DTSTART;VALUE=DATE"] == "20260412" and race["CATEGORIES"] == "Goal event\\,Running"
    assert all(e["DTSTAMP"] == "20260302T090000Z" for e in events)
    workout = by_summary["Example 2 (Intervals)"]
    assert "2. Run: B1_ 500 m (power zone 5)" in workout["DESCRIPTION"]


def test_uids_are_stable_across_exports_and_trash_is_left_out(
    journal: Path, tmp_path: Path
) -> None:
    save_session(_planned("Etude", date(2026, 3, 4)))
    gone = _planned("Cancelled", date(2026, 3, 5))
    save_session(gone)
    trash_sessions([gone.id])
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert export_ics(first) == 1
    export_ics(second)
    assert [e["UID"] for e in _events(first)] == [e["UID"] for e in _events(second)]


def test_an_empty_journal_gives_an_empty_valid_calendar(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.ics"
    assert export_ics(out) == 0
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")


def test_lines_fold_at_75_octets_without_splitting_characters() -> None:
    line = "DESCRIPTION:" + "Übung für die linke Hand – " * 10
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_text_escaping() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_an_existing_file_is_replaced_whole(journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "cadence.ics"
    out.write_text("old calendar", encoding="utf-8")
    save_session(_planned("Etude", date(2026, 3, 4)))
    export_ics(out)
    assert "old calendar" not in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cadence.ics")] == []


def test_goal_events_carry_priority_demands_and_reasons_and_phases_are_spans(
    journal: Path, tmp_path: Path
) -> None:
    from cadence.domain.enums import EventPriority, MotivatorKind, PhaseName
    from cadence.domain.seasons import CycleData, Demand, EventData, Motivator, PhasePlan
    from cadence.services.season import seasons

    event_id, _ = seasons.save_event(
        EventData(
            "Spring Marathon",
            EventKind.RACE,
            date(2026, 4, 26),
            Discipline.RUNNING,
            EventPriority.A,
            42_195,
            "Under 3:30",
            demands=[Demand("Climb", "180 m", "hill repeats")],
            motivators=[Motivator(MotivatorKind.INTRINSIC, "Finish strong")],
        )
    )
    seasons.save_cycle(
        CycleData(
            "Spring block",
            date(2026, 3, 2),
            date(2026, 4, 26),
            Discipline.RUNNING,
            goal="Sub 3:30",
            phases=[
                PhasePlan(PhaseName.BUILD, date(2026, 3, 2), date(2026, 4, 5)),
                PhasePlan(PhaseName.TAPER, date(2026, 4, 6), date(2026, 4, 26)),
            ],
            event_id=event_id,
        )
    )
    out = tmp_path / "season.ics"
    assert export_ics(out, now=NOW) == 3
    by_summary = {e["SUMMARY"]: e for e in _events(out)}
    race = by_summary["A · Spring Marathon (race)"]
    assert race["DESCRIPTION"] == (
        "Target: Under 3:30\\nClimb: 180 m (rehearse: hill repeats)\\nWhy (intrinsic): Finish strong"
    )
    taper = by_summary["Taper · Spring block"]
    assert (taper["DTSTART;VALUE=DATE"], taper["DTEND;VALUE=DATE"]) == ("20260406", "20260427")
    assert taper["CATEGORIES"] == "Training phase\\,Running" and taper["DESCRIPTION"] == "Sub 3:30"


def test_kinds_read_as_the_app_names_them(journal: Path, tmp_path: Path) -> None:
    """A kind is named in the calendar as everywhere else in Cadence ("Strength & mobility",
    "Off the instrument"), not spelled out from its stored value."""
    core = _planned("Core and hips", date(2026, 3, 5))
    core.discipline, core.kind = Discipline.RUNNING, SessionKind.STRENGTH
    score = _planned("", date(2026, 3, 6))
    score.kind = SessionKind.OFF_INSTRUMENT
    save_session(core)
    save_session(score)
    out = tmp_path / "kinds.ics"
    assert export_ics(out, now=NOW) == 2
    assert {e["SUMMARY"] for e in _events(out)} == {
        "Core and hips (Strength & mobility)",
        "Planned off the instrument",
    }
