"""The types every importer shares: what a parser returns, why a file is refused, what a batch reports.

Parsers turn bytes into `ParsedActivity` (a run that happened) or `PlannedWorkout` (a plan from a
FIT workout file); `sanity.py` cleans or refuses them and makes `SessionData`; `batch.py` saves them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from cadence.domain.enums import SessionKind, Source
from cadence.domain.records import BlockData, SessionData
from cadence.domain.track import Track
from cadence.services.changes import Changes

# Bounds on what is read into memory, so a hostile file cannot exhaust it.
MAX_FILE_BYTES = 64 * 1024 * 1024  # one activity file, after decompression
MAX_CSV_BYTES = 64 * 1024 * 1024


class Refused(Exception):
    """A file (or a row of an export) that cannot be imported. `str()` says why, for a person."""


class Skipped(Exception):
    """Readable, but not something the journal keeps (a ride, a swim): reported, not an error."""


@dataclass
class ParsedActivity:
    """A run as read from one file, before cleaning. Times are aware (UTC)."""

    source: Source
    started_at: datetime | None
    elapsed_s: float | None
    moving_s: float | None = None
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    elevation_gain_m: float | None = None
    rpe: float | None = None
    title: str = ""
    notes: str = ""
    # The runner's offset from UTC as the file gives it (a GPX/TCX time written "+02:00", a FIT's
    # local_timestamp); None: the machine's time zone decides the local date.
    utc_offset: timedelta | None = None
    laps: list[BlockData] = field(default_factory=list)
    # The file (or the Strava row) names the sport as running; False: no sport stated, so the
    # speed decides (sports.py).
    sport_stated: bool = False
    # Track points in the file and how many carry a time (0, 0: the file's summary was used).
    points_total: int = 0
    points_timed: int = 0
    # The kept track points (the timed part), stored with the run; None: the file has none.
    track: Track | None = None
    # What was cleaned while reading ("3 heart-rate readings above 250 bpm were ignored").
    cleaned: list[str] = field(default_factory=list)


@dataclass
class PlannedWorkout:
    """A FIT workout: a plan with steps (repeats expanded), not a run that happened."""

    name: str
    source_ref: str
    steps: list[BlockData]
    kind: SessionKind = SessionKind.EASY
    notes: str = ""


Parsed = ParsedActivity | PlannedWorkout


@dataclass
class WorkItem:
    """One thing to import: a name for people, and how to read it (raises Refused or Skipped).

    `load` returns parsed runs and plans, or finished session records (music practice CSV).
    """

    name: str
    path: Path
    load: Callable[[], Sequence[Parsed | SessionData]]
    # instead of `load`, for a file of many sessions saved whole or not at all (a practice CSV):
    # batches of sessions, each with the rows read and the rows in all, so a batch is in memory
    batches: Callable[[], Iterator[tuple[int, int, list[SessionData]]]] | None = None


class Outcome(StrEnum):
    NEW = "new"
    ALREADY_THERE = "already there"
    SKIPPED = "skipped"
    REFUSED = "refused"


@dataclass
class ItemResult:
    """What became of one file (or one row of a Strava export, or one CSV of music practice)."""

    name: str  # for people: "run.gpx", "export.zip › Morning Run (row 3)"
    path: Path
    outcome: Outcome
    reason: str = ""  # refused or skipped: a phrase about the file, "is empty", "has no timestamps"
    detail: str = ""  # added: what, "run on 2021-03-13, 7.86 km, 0:51:27"
    new_ids: list[int] = field(default_factory=list)
    already_there: int = 0  # sessions found in the journal already
    notes: list[str] = field(default_factory=list)  # values cleaned on the way in

    @property
    def message(self) -> str:
        """One sentence for people that names the file and says what happened and why."""
        reason = self.reason.rstrip(".") + ("" if self.reason.endswith("?") else ".")
        if self.outcome == Outcome.REFUSED:
            return f"{self.name}: refused — it {reason} Nothing of it was saved."
        if self.outcome == Outcome.SKIPPED:
            return f"{self.name}: skipped — it {reason}"
        if self.outcome == Outcome.ALREADY_THERE:
            return f"{self.name}: already in the journal{self.detail}."
        extra = f"; {self.already_there} already there" if self.already_there else ""
        return f"{self.name}: added {self.detail}{extra}."

    def line(self) -> str:
        return "\n".join([self.message, *(f"    cleaned: {note}" for note in self.notes)])


@dataclass(frozen=True)
class ImportProgress:
    """Sent before each item: `done` of `total` finished, `current` about to start; while an item
    of many rows is read (a practice CSV), also `rows_done` of its `rows_total`."""

    done: int
    total: int
    current: str
    rows_done: int = 0
    rows_total: int = 0


@dataclass
class ImportSummary:
    results: list[ItemResult] = field(default_factory=list)
    cancelled: bool = False
    not_started: int = 0  # items left when the import was cancelled
    changes: Changes = field(default_factory=Changes)

    @property
    def new(self) -> int:
        return sum(len(r.new_ids) for r in self.results)

    @property
    def already_there(self) -> int:
        return sum(r.already_there for r in self.results)

    @property
    def refused(self) -> int:
        return sum(r.outcome == Outcome.REFUSED for r in self.results)

    @property
    def skipped(self) -> int:
        return sum(r.outcome == Outcome.SKIPPED for r in self.results)

    @property
    def ok(self) -> bool:
        """True if nothing was refused (skipped rides and duplicates are fine)."""
        return self.refused == 0

    def headline(self) -> str:
        text = (
            f"{self.new} new, {self.already_there} already there, {self.refused} refused"
            f", {self.skipped} skipped"
        )
        if self.cancelled:
            text += f"; cancelled with {self.not_started} not started"
        return text

    def lines(self) -> list[str]:
        return [r.line() for r in self.results] + [self.headline()]


ProgressCallback = Callable[[ImportProgress], None]
CancelCheck = Callable[[], bool]
ResultCallback = Callable[[ItemResult], None]
