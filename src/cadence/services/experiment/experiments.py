"""Experiments: saving, ending and concluding them, and the arm each session is in.

A session's arm is kept in the `experiment_session` link table (docs/experiments.md says why a
link table and not a column). Arms are given when a session is saved (journal.save_session calls
`tag_session`) and when an experiment is saved (sessions already in its window get theirs, in
date order), and never changed afterwards: an alternating design's order is what it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cadence.domain.enums import KINDS_BY_DISCIPLINE, Discipline
from cadence.domain.experiments import (
    MEASURES,
    ExperimentArm,
    ExperimentConclusion,
    ExperimentDesign,
    ExperimentMeasure,
    ExperimentScope,
    last_day,
    next_arm,
)
from cadence.services.changes import Changes
from cadence.services.validation import Checker
from cadence.store.models import (
    Block,
    Experiment,
    ExperimentSession,
    Passage,
    Session,
    database,
)
from cadence.store.queries import counted_session

MAX_MEASURES = 4  # "the measures that should tell": a few, chosen before looking
MAX_DAYS = 366


@dataclass
class ExperimentData:
    change: str
    discipline: Discipline
    design: ExperimentDesign
    start_date: date
    end_date: date
    measures: list[ExperimentMeasure] = field(default_factory=list)
    scope: ExperimentScope = ExperimentScope.ALL
    scope_value: str = ""  # the kind's value, the passage id, the workout's title
    id: int | None = None
    ended_on: date | None = None
    conclusion: ExperimentConclusion | None = None
    conclusion_note: str = ""

    @property
    def last_day(self) -> date:
        return last_day(self.end_date, self.ended_on)

    def running_on(self, day: date) -> bool:
        return self.start_date <= day <= self.last_day and self.conclusion is None


def _member(enum: type, value: object) -> bool:
    try:
        enum(value)
    except ValueError:
        return False
    return True


def validate_experiment(data: ExperimentData) -> None:
    c = Checker()
    c.require(bool(data.change and data.change.strip()), "change", "Write the change, in words")
    c.require(len(data.change or "") <= 500, "change", "Keep the change to one sentence")
    c.require(_member(Discipline, data.discipline), "discipline", "Choose music or running")
    c.require(_member(ExperimentDesign, data.design), "design", "Choose a design")
    c.require(_member(ExperimentScope, data.scope), "scope", "Choose which sessions it is for")
    if not data.measures:
        c.fail("measures", "Choose at least one measure that should tell whether it helps")
    c.require(
        len(data.measures) <= MAX_MEASURES,
        "measures",
        f"Choose at most {MAX_MEASURES} measures: the more you look at, the more chance finds",
    )
    for m in data.measures:
        if not _member(ExperimentMeasure, m):
            c.fail("measures", f"{m!r} is not a measure Cadence has")
        elif _member(Discipline, data.discipline) and (
            Discipline(data.discipline).value not in MEASURES[ExperimentMeasure(m)].crafts
        ):
            c.fail(
                "measures",
                f"{MEASURES[ExperimentMeasure(m)].label} is not a {data.discipline} measure",
            )
    if not isinstance(data.start_date, date) or not isinstance(data.end_date, date):
        c.fail("end_date", "Give a start and an end date")
    else:
        c.require(data.end_date >= data.start_date, "end_date", "The end comes before the start")
        c.require(
            (data.end_date - data.start_date).days < MAX_DAYS,
            "end_date",
            "Keep an experiment within a year",
        )
        if data.ended_on is not None:
            c.require(
                data.ended_on >= data.start_date, "ended_on", "It cannot end before it starts"
            )
    if data.scope == ExperimentScope.KIND and _member(Discipline, data.discipline):
        kinds = {k.value for k in KINDS_BY_DISCIPLINE[Discipline(data.discipline)]}
        c.require(data.scope_value in kinds, "scope_value", "Choose the kind of session")
    elif data.scope == ExperimentScope.PASSAGE:
        ok = data.scope_value.isdigit() and Passage.get_or_none(id=int(data.scope_value))
        c.require(bool(ok), "scope_value", "Choose the passage")
    elif data.scope == ExperimentScope.WORKOUT:
        c.require(bool(data.scope_value.strip()), "scope_value", "Write the workout's title")
    if data.conclusion is not None:
        c.require(
            _member(ExperimentConclusion, data.conclusion), "conclusion", "Keep it or drop it"
        )
    c.done()


def _row_values(data: ExperimentData) -> dict:
    return {
        "change": data.change.strip(),
        "discipline": Discipline(data.discipline).value,
        "scope": ExperimentScope(data.scope).value,
        "scope_value": "" if data.scope == ExperimentScope.ALL else data.scope_value.strip(),
        "measures": [ExperimentMeasure(m).value for m in data.measures],
        "design": ExperimentDesign(data.design).value,
        "start_date": data.start_date,
        "end_date": data.end_date,
        "ended_on": data.ended_on,
        "conclusion": None if data.conclusion is None else data.conclusion.value,
        "conclusion_note": data.conclusion_note.strip(),
    }


def save_experiment(data: ExperimentData) -> tuple[int, Changes]:
    """Create or update; the sessions already in its window get their arms."""
    validate_experiment(data)
    with database.atomic("IMMEDIATE"):
        if data.id is None:
            data.id = experiment_id = Experiment.insert(**_row_values(data)).execute()
        else:
            experiment_id = data.id
            Experiment.update(**_row_values(data)).where(Experiment.id == experiment_id).execute()
        _retag(load_experiment(experiment_id))
    return experiment_id, Changes(plans=True, sessions=True)


def end_early(experiment_id: int, day: date) -> Changes:
    data = load_experiment(experiment_id)
    data.ended_on = max(day, data.start_date)
    return save_experiment(data)[1]


def conclude(experiment_id: int, conclusion: ExperimentConclusion, note: str, day: date) -> Changes:
    data = load_experiment(experiment_id)
    data.conclusion = ExperimentConclusion(conclusion)
    data.conclusion_note = note
    if data.ended_on is None and day < data.end_date:
        data.ended_on = max(day, data.start_date)
    return save_experiment(data)[1]


def _data(row: Experiment) -> ExperimentData:
    return ExperimentData(
        id=row.id,
        change=row.change,
        discipline=row.discipline,
        design=row.design,
        start_date=row.start_date,
        end_date=row.end_date,
        measures=[ExperimentMeasure(m) for m in row.measures or []],
        scope=row.scope,
        scope_value=row.scope_value,
        ended_on=row.ended_on,
        conclusion=row.conclusion,
        conclusion_note=row.conclusion_note,
    )


def experiment_rows_problem() -> str | None:
    """What is wrong with the first experiment row that the dialog could not have saved (for a
    restore: its measures are JSON of known measures, its dates in order, its scope real)."""
    for row in Experiment.select().iterator():
        try:
            if not isinstance(row.measures, list):  # None: not JSON
                raise ValueError("its measures are not a list")
            validate_experiment(_data(row))
        except (ValueError, TypeError) as exc:  # ValidationError, JSON, a value no enum holds
            return f"The experiment {row.id} in the export is not valid ({exc})"
    return None


def load_experiment(experiment_id: int) -> ExperimentData:
    return _data(Experiment.get_by_id(experiment_id))


def experiments() -> list[ExperimentData]:
    """All experiments, the latest start first."""
    rows = Experiment.select().order_by(Experiment.start_date.desc(), Experiment.id.desc())
    return [_data(r) for r in rows]


def running_experiments(
    day: date, discipline: Discipline | str | None = None
) -> list[ExperimentData]:
    """The experiments running on `day` (not concluded), of one craft if given."""
    return [
        e
        for e in experiments()
        if e.running_on(day) and (discipline is None or e.discipline == discipline)
    ]


# --- which sessions, and their arms -------------------------------------------------------------


def matching_sessions(data: ExperimentData, first: date, last: date) -> list[int]:
    """Done, untrashed sessions of the experiment's scope from `first` to `last`, in date order."""
    query = Session.select(Session.id).where(
        counted_session(),
        Session.discipline == Discipline(data.discipline).value,
        Session.local_date.between(first, last),
    )
    if data.scope == ExperimentScope.KIND:
        query = query.where(Session.kind == data.scope_value)
    elif data.scope == ExperimentScope.PASSAGE:
        worked = Block.select(Block.session).where(Block.passage == int(data.scope_value))
        query = query.where(Session.id.in_(worked))
    elif data.scope == ExperimentScope.WORKOUT:
        query = query.where(Session.title.collate("NOCASE") == data.scope_value.strip())
    order = (Session.local_date, Session.started_at, Session.id)
    return [session_id for (session_id,) in query.order_by(*order).tuples()]


def session_days(ids: list[int]) -> dict[int, date]:
    """session id -> its local date (raw SQL: peewee takes longer to write a long IN list than
    SQLite takes to answer it)."""
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = database.execute_sql(
        f"SELECT id, local_date FROM session WHERE id IN ({marks})", list(ids)
    ).fetchall()
    return {sid: date.fromisoformat(str(day)) for sid, day in rows}


def arms_of(experiment_id: int) -> dict[int, ExperimentArm]:
    """session id -> arm, for the experiment's tagged sessions."""
    rows = ExperimentSession.select(ExperimentSession.session, ExperimentSession.arm).where(
        ExperimentSession.experiment == experiment_id
    )
    return {sid: arm for sid, arm in rows.tuples()}


def _retag(data: ExperimentData) -> None:
    """Untag sessions that left the window or scope; tag the new ones in date order."""
    assert data.id is not None
    inside = matching_sessions(data, data.start_date, data.last_day)
    tagged = arms_of(data.id)
    gone = set(tagged) - set(inside)
    if gone:
        ExperimentSession.delete().where(
            ExperimentSession.experiment == data.id, ExperimentSession.session.in_(list(gone))
        ).execute()
    count = len(tagged) - len(gone)
    days = session_days(inside)
    for session_id in inside:
        if session_id in tagged:
            continue
        arm = next_arm(data.design, data.start_date, days[session_id], count)
        ExperimentSession.insert(experiment=data.id, session=session_id, arm=arm.value).execute()
        count += 1


def tag_session(session_id: int, day: date) -> None:
    """Give a saved session its arm in each experiment whose window holds `day` (called by
    journal.save_session inside its transaction)."""
    # one small query, empty for nearly every save (an import of years of runs pays only it)
    concerned = database.execute_sql(
        """SELECT id FROM experiment
        WHERE start_date <= ? AND end_date >= ? AND coalesce(ended_on, end_date) >= ?
        UNION SELECT experiment_id FROM experiment_session WHERE session_id = ?""",
        [day.isoformat(), day.isoformat(), day.isoformat(), session_id],
    ).fetchall()
    for (experiment_id,) in concerned:
        _retag(load_experiment(experiment_id))


def arm_today(data: ExperimentData, day: date) -> ExperimentArm:
    """The arm a session saved on `day` will get (what Today shows before it is saved)."""
    assert data.id is not None
    return next_arm(data.design, data.start_date, day, len(arms_of(data.id)))


def scope_words(e: ExperimentData) -> str:
    """Which sessions it is for, in words: 'every music session', 'easy runs (running)'."""
    craft = e.discipline.value
    if e.scope == ExperimentScope.KIND:
        return f"{e.scope_value.replace('_', ' ')} sessions ({craft})"
    if e.scope == ExperimentScope.PASSAGE:
        passage = Passage.get_or_none(id=int(e.scope_value))
        name = f"{passage.piece.title}, {passage.label}" if passage else "a passage"
        return f"sessions on {name}"
    if e.scope == ExperimentScope.WORKOUT:
        return f"\u201c{e.scope_value}\u201d sessions ({craft})"
    return f"every {craft} session"


def today_reminder(e: ExperimentData, day: date) -> tuple[str, str]:
    """(what Today says about the experiment, the intention's reminder) for a session on `day`."""
    arm = arm_today(e, day)
    where = scope_words(e)
    if e.design == ExperimentDesign.BEFORE_AFTER:
        n = (day - e.start_date).days + 1
        length = (e.last_day - e.start_date).days + 1
        return (
            f"Experiment, day {n} of {length}: \u201c{e.change}\u201d ({where})",
            f"Try the change: {e.change}",
        )
    if arm == ExperimentArm.CHANGE:
        return (
            f"Experiment: today's session is A, with the change \u201c{e.change}\u201d ({where})",
            f"A: {e.change}",
        )
    return (
        f"Experiment: today's session is B, the usual way, not \u201c{e.change}\u201d ({where})",
        f"B: the usual way (not: {e.change})",
    )
