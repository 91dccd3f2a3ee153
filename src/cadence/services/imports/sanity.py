"""Cleaning or refusing what a file says, and turning it into a session record.

A value that cannot be true of a run refuses the file when it is the run itself (no timestamps, a
40-hour run, a negative distance, faster than anyone runs: the file is broken and guessing would
store nonsense). A single implausible reading (a heart rate of 400, a negative climb) is left out,
with a note in the session and in the import summary, and the run is kept.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from cadence.domain.enums import Discipline, SessionKind, SessionStatus, Source
from cadence.domain.limits import (
    MAX_HR,
    MAX_PACE_S_PER_KM,
    MAX_RUN_DISTANCE_M,
    MAX_SESSION_S,
    MIN_HR,
    MIN_PACE_S_PER_KM,
)
from cadence.domain.records import BlockData, SessionData
from cadence.services.imports.common import ParsedActivity, PlannedWorkout, Refused
from cadence.services.imports.sports import UNSTATED_MAX_SPEED_M_S, sustained_vehicle_speed
from cadence.services.imports.zones import start_zone

RUN_SOURCES = (Source.FIT, Source.GPX, Source.TCX, Source.STRAVA)
EARLIEST_START = datetime(1990, 1, 1, tzinfo=UTC)  # before FIT's epoch: the clock was never set
MAX_RUN_SPEED_M_S = 1000 / MIN_PACE_S_PER_KM  # 10 m/s over a whole run is no longer running
MAX_CLIMB_M = 20_000.0
LONG_RUN_S = 90 * 60
MIN_RUN_S = 30.0  # shorter, or shorter than MIN_RUN_M, is a start pressed by mistake
MIN_RUN_M = 50.0
MIN_TIMED_SHARE = 0.1  # of a track's points: fewer timed ones are a stray stamp, not the run


def activity_ref(started_at: datetime) -> str:
    """The de-duplication key of a run: its start, to the second, in UTC (see docs/imports.md)."""
    return "run@" + started_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hours_minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def lap_block(
    number: int,
    *,
    duration_s: float | None,
    distance_m: float | None,
    avg_hr: float | None,
    cleaned: list[str],
) -> BlockData:
    """A lap as a block, leaving out (with a note) any value that cannot be true."""
    if duration_s is not None and not 0 <= duration_s <= MAX_SESSION_S:
        cleaned.append(f"lap {number}: a time of {duration_s:g} s left out")
        duration_s = None
    if distance_m is not None and not 0 <= distance_m <= MAX_RUN_DISTANCE_M:
        cleaned.append(f"lap {number}: a distance of {distance_m:g} m left out")
        distance_m = None
    if avg_hr is not None and not MIN_HR <= avg_hr <= MAX_HR:
        cleaned.append(f"lap {number}: a heart rate of {avg_hr:g} bpm left out")
        avg_hr = None
    pace = None
    if duration_s and distance_m:
        pace = duration_s / distance_m * 1000
        if not MIN_PACE_S_PER_KM <= pace <= MAX_PACE_S_PER_KM:
            pace = None  # standing still or a glitch: a lap without a pace, not an error
    return BlockData(
        label=f"Lap {number}",
        duration_s=round(duration_s, 3) if duration_s is not None else None,
        distance_m=round(distance_m, 2) if distance_m is not None else None,
        avg_hr=round(avg_hr) if avg_hr is not None else None,
        achieved_pace_s_per_km=round(pace, 1) if pace is not None else None,
    )


def check_activity(a: ParsedActivity, now: datetime) -> None:
    """Refuse a run that cannot be true; clean single values (noted in `a.cleaned`)."""
    if a.started_at is None:
        raise Refused("has no timestamps, so there is no telling when the run was")
    if a.started_at < EARLIEST_START:
        raise Refused(f"says it started on {a.started_at:%Y-%m-%d}: the device's clock was not set")
    if a.started_at > now.astimezone(UTC) + timedelta(days=1):  # a day's grace for clocks
        raise Refused(f"says it started on {a.started_at:%Y-%m-%d}, in the future")
    if a.elapsed_s is None or a.elapsed_s <= 0:
        raise Refused("has a single moment in time and no duration: there is no run in it")
    if a.elapsed_s > MAX_SESSION_S:
        raise Refused(
            f"says the run lasted {hours_minutes(a.elapsed_s)}; longer than "
            f"{MAX_SESSION_S // 3600} hours is taken as a device error, not a run"
        )
    if a.distance_m is not None and a.distance_m < 0:
        raise Refused(f"has a negative distance ({a.distance_m:g} m); the file is damaged")
    _check_timed_part(a)
    if a.distance_m is not None:
        if a.distance_m > MAX_RUN_DISTANCE_M:
            raise Refused(f"has a distance of {a.distance_m / 1000:.0f} km, more than a run")
        speed = a.distance_m / a.elapsed_s
        if speed > MAX_RUN_SPEED_M_S:  # at every length: no one sprints 10 m/s for long either
            raise Refused(
                f"averages {speed * 3.6:.0f} km/h, faster than anyone runs; "
                "was it a ride or a drive?"
            )
        if not a.sport_stated and speed > UNSTATED_MAX_SPEED_M_S:
            raise Refused(
                f"states no sport and averages {speed * 3.6:.0f} km/h, the speed of a bike or a "
                "car, not a run; if it was a run, set its sport to running where it was recorded"
            )
        if not a.sport_stated and (vehicle := sustained_vehicle_speed(a.track)):
            raise Refused(vehicle)
        if a.distance_m == 0:
            a.distance_m = None
    _clean(a)


def _km(metres: float | None) -> str:
    return f"{metres / 1000:.2f} km" if metres is not None else "no distance"


def _check_timed_part(a: ParsedActivity) -> None:
    """Refuse what is too short to be a run: under a minimum time or distance, or, in a track
    whose points lack times, a timed part of less than a tenth of its points."""
    assert a.elapsed_s is not None
    short = a.elapsed_s < MIN_RUN_S or 0 < (a.distance_m or 0) < MIN_RUN_M
    short = short or a.points_timed < MIN_TIMED_SHARE * a.points_total
    if not short:
        return
    what = f"{a.elapsed_s:.3g} s, {_km(a.distance_m)}"
    if a.points_timed < a.points_total:
        raise Refused(
            f"has a time on only {a.points_timed} of its {a.points_total} points; the timed "
            f"part ({what}) is too short to be a run, and points without a time say nothing "
            "of distance or pace; export it again with times"
        )
    raise Refused(
        f"records {what}: too short to be a run (a run lasts at least {MIN_RUN_S:.0f} s and "
        f"covers at least {MIN_RUN_M:.0f} m); a start pressed by mistake?"
    )


def _clean(a: ParsedActivity) -> None:
    for name, what in (("avg_hr", "average"), ("max_hr", "maximum")):
        value = getattr(a, name)
        if value is not None and not MIN_HR <= value <= MAX_HR:
            a.cleaned.append(f"the file's {what} heart rate of {value:g} bpm left out")
            setattr(a, name, None)
    if a.avg_hr is not None and a.max_hr is not None and round(a.avg_hr) > round(a.max_hr):
        a.cleaned.append(
            f"the maximum heart rate ({a.max_hr:g}) is below the average ({a.avg_hr:g}); "
            "the maximum was left out"
        )
        a.max_hr = None
    if a.elevation_gain_m is not None and not 0 <= a.elevation_gain_m <= MAX_CLIMB_M:
        a.cleaned.append(f"a climb of {a.elevation_gain_m:g} m left out")
        a.elevation_gain_m = None
    if a.rpe is not None and not 0 <= a.rpe <= 10:
        a.cleaned.append(f"an effort (RPE) of {a.rpe:g} left out; RPE runs from 0 to 10")
        a.rpe = None
    if a.moving_s is not None:
        if a.moving_s < 0:
            a.cleaned.append("a negative moving time left out")
            a.moving_s = None
        elif a.elapsed_s is not None and a.moving_s > a.elapsed_s:
            if a.moving_s - a.elapsed_s > 1:
                a.cleaned.append("the moving time was longer than the run; set to the run's time")
            a.moving_s = a.elapsed_s


def _local_date(started_utc: datetime, a: ParsedActivity, local_tz: tzinfo | None) -> date:
    """The runner's date (docs/imports.md, "Dates"): the file's offset, else the time zone where
    the track starts, else `local_tz` or this machine's zone."""
    if a.utc_offset is not None:
        return (started_utc + a.utc_offset).date()
    zone = start_zone(a.track)
    if zone is not None:
        return started_utc.astimezone(zone).date()
    return started_utc.astimezone(local_tz).date() if local_tz else started_utc.astimezone().date()


def activity_session(a: ParsedActivity, local_tz: tzinfo | None = None) -> SessionData:
    """The session record of a checked run: done, waiting in Today's inbox for review."""
    assert a.started_at is not None and a.elapsed_s is not None
    started_utc = a.started_at.astimezone(UTC)
    notes = a.notes.strip()
    if a.cleaned:
        cleaning = "Cleaned on import: " + "; ".join(a.cleaned) + "."
        notes = f"{notes}\n\n{cleaning}" if notes else cleaning
    return SessionData(
        discipline=Discipline.RUNNING,
        kind=SessionKind.LONG if a.elapsed_s >= LONG_RUN_S else SessionKind.EASY,
        started_at=started_utc.replace(tzinfo=None, microsecond=0),
        local_date=_local_date(started_utc, a, local_tz),
        duration_s=round(a.elapsed_s, 3),
        moving_s=round(a.moving_s, 3) if a.moving_s is not None else None,
        distance_m=round(a.distance_m, 2) if a.distance_m is not None else None,
        avg_hr=round(a.avg_hr) if a.avg_hr is not None else None,
        max_hr=round(a.max_hr) if a.max_hr is not None else None,
        elevation_gain_m=round(a.elevation_gain_m, 1) if a.elevation_gain_m is not None else None,
        rpe=round(a.rpe) if a.rpe is not None else None,
        title=a.title.strip(),
        notes=notes,
        source=a.source,
        source_ref=activity_ref(started_utc),
        needs_review=True,
        blocks=list(a.laps),
    )


def planned_session(
    w: PlannedWorkout, now: datetime, local_tz: tzinfo | None = None
) -> SessionData:
    """A FIT workout as a planned session for the day it is imported, ready to start from Today."""
    now_utc = now.astimezone(UTC)
    local_today = now_utc.astimezone(local_tz) if local_tz else now_utc.astimezone()
    timed = [s.planned_duration_s for s in w.steps]
    return SessionData(
        discipline=Discipline.RUNNING,
        kind=w.kind,
        status=SessionStatus.PLANNED,
        started_at=now_utc.replace(tzinfo=None, microsecond=0),
        local_date=local_today.date(),
        planned_duration_s=sum(timed) if timed and None not in timed else None,  # pyright: ignore[reportCallIssue, reportArgumentType]
        title=w.name,
        notes=w.notes,
        source=Source.FIT,
        source_ref=w.source_ref,
        needs_review=False,
        blocks=list(w.steps),
    )
