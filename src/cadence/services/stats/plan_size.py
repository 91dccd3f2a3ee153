"""Where you tend to stop in a plan of reps or of minutes, read from the journal, and the plan size
Today proposes for a passage (music) or a kind of run (domain/plan_size.py holds the rule).

A plan of distance is not sized: a stop-point records the time and the rep it came at, not the
distance covered by then (docs/measures.md, "Plans sized from your own stops")."""

from __future__ import annotations

from peewee import fn

from cadence.domain.enums import Discipline, SessionKind, StopAction
from cadence.domain.plan_size import RECENT, PlanOutcome, PlanProposal, propose_plan_size
from cadence.store.models import Block, Session, StopPoint
from cadence.store.queries import counted_session


def plan_history(
    discipline: Discipline,
    *,
    passage_id: int | None = None,
    kind: SessionKind | None = None,
    limit: int = RECENT,
) -> list[PlanOutcome]:
    """The last `limit` done, live sessions of this passage (music) or kind of run that planned a
    number of reps, newest first: the reps planned, and the rep it ended at (the rep of its first
    stop-point that stopped it — for music, one in a block of the passage — else the reps done)."""
    if discipline == Discipline.MUSIC and passage_id is None:
        return []
    if discipline == Discipline.RUNNING and kind is None:
        return []
    planned = fn.SUM(Block.planned_reps)
    query = (
        Session.select(Session.id, planned.alias("planned"), fn.SUM(Block.done_reps).alias("done"))
        .join(Block)
        .where(counted_session() & (Session.discipline == str(discipline)))
    )
    if discipline == Discipline.MUSIC:
        query = query.where(Block.passage == passage_id)
    else:
        query = query.where(Session.kind == str(kind))
    rows = list(
        query.group_by(Session.id)
        .having(planned > 0)
        .order_by(Session.started_at.desc(), Session.id.desc())
        .limit(limit)
        .tuples()
    )
    stops: dict[int, tuple[int, int | None]] = {}
    stop_query = StopPoint.select(
        StopPoint.session, StopPoint.rep_index, StopPoint.planned_reps
    ).where(
        StopPoint.session.in_([session_id for session_id, _, _ in rows])
        & (StopPoint.action == str(StopAction.STOPPED))
        & StopPoint.rep_index.is_null(False)
    )
    if discipline == Discipline.MUSIC:  # a stop in another passage's block says nothing here
        stop_query = stop_query.join(Block).where(Block.passage == passage_id)
    for session_id, rep, of in stop_query.order_by(StopPoint.id).tuples():
        stops.setdefault(session_id, (rep, of))
    out = []
    for session_id, total_planned, done in rows:
        if session_id in stops:
            rep, of = stops[session_id]
            out.append(PlanOutcome(planned=int(of or total_planned), reached=int(rep)))
        else:
            out.append(PlanOutcome(planned=int(total_planned), reached=int(done or 0)))
    return out


def minutes_history(
    discipline: Discipline,
    *,
    passage_id: int | None = None,
    kind: SessionKind | None = None,
    limit: int = RECENT,
) -> list[PlanOutcome]:
    """The last `limit` done, live sessions of this passage (music: sessions with a block of it)
    or kind of run that planned a duration, newest first, in whole minutes: the minutes planned
    (the plan in force at its stop, else the session's) and where it ended (the elapsed time of
    its first stop-point that stopped it, else its duration). The plan in minutes is the
    session's, so any stop that stopped the session counts, whatever block it was in."""
    if discipline == Discipline.MUSIC and passage_id is None:
        return []
    if discipline == Discipline.RUNNING and kind is None:
        return []
    query = Session.select(Session.id, Session.planned_duration_s, Session.duration_s).where(
        counted_session()
        & (Session.discipline == str(discipline))
        & (Session.planned_duration_s > 0)
    )
    if discipline == Discipline.MUSIC:
        with_passage = Block.select(Block.session).where(Block.passage == passage_id)
        query = query.where(Session.id.in_(with_passage))
    else:
        query = query.where(Session.kind == str(kind))
    rows = list(query.order_by(Session.started_at.desc(), Session.id.desc()).limit(limit).tuples())
    stops: dict[int, tuple[float, float | None]] = {}
    for session_id, elapsed, of in (
        StopPoint.select(StopPoint.session, StopPoint.elapsed_s, StopPoint.planned_s)
        .where(
            StopPoint.session.in_([session_id for session_id, _, _ in rows])
            & (StopPoint.action == str(StopAction.STOPPED))
            & StopPoint.elapsed_s.is_null(False)
        )
        .order_by(StopPoint.id)
        .tuples()
    ):
        stops.setdefault(session_id, (elapsed, of))
    out = []
    for session_id, planned_s, duration_s in rows:
        elapsed, of = stops.get(session_id, (duration_s or 0.0, None))
        out.append(PlanOutcome(planned=round((of or planned_s) / 60), reached=round(elapsed / 60)))
    return out


def plan_proposal(
    discipline: Discipline,
    planned_reps: int | None,
    *,
    passage_id: int | None = None,
    kind: SessionKind | None = None,
    planned_minutes: int | None = None,
) -> PlanProposal | None:
    """The plan size that fits your own stops, for a plan being made: of reps when it plans reps,
    else of minutes; None when the history is too short or the plan already fits."""
    if planned_reps:
        history = plan_history(discipline, passage_id=passage_id, kind=kind)
        return propose_plan_size(history, planned_reps)
    if planned_minutes:
        history = minutes_history(discipline, passage_id=passage_id, kind=kind)
        return propose_plan_size(history, planned_minutes, "minutes")
    return None
