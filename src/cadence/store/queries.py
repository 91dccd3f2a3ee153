"""The journal's rules written once in SQL, for every query that repeats them.

Each is the SQL form of a definition in `cadence.domain.measures`: which sessions count
(`is_counted`), and the per-session sums behind the intention rate, accuracy and completion.
Raw-SQL queries take the text (`counted_sql("s")`), Peewee queries the expression
(`counted_session()`).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

from peewee import Expression, Model

from cadence.domain.enums import Outcome
from cadence.domain.measures import COUNTED_STATUS, PARTLY_WEIGHT
from cadence.store.models import Session

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def _column(alias: str, name: str) -> str:
    return f"{alias}.{name}" if alias else name


def counted_sql(alias: str = "") -> str:
    """WHERE text for the sessions that count: done and not in the trash."""
    return (
        f"{_column(alias, 'deleted_at')} IS NULL "
        f"AND {_column(alias, 'status')} = '{COUNTED_STATUS.value}'"
    )


def session_load_sql(alias: str = "s") -> str:
    """Over session rows: the summed session-RPE load in AU (measures.session_load: effort ×
    minutes; a session without an RPE adds nothing)."""
    return f"total({_column(alias, 'rpe')} * {_column(alias, 'duration_s')}) / 60.0"


def counted_session() -> Expression:
    """The same rule as a Peewee expression on `Session`."""
    return Session.deleted_at.is_null() & (Session.status == COUNTED_STATUS.value)


def intention_met_sql(alias: str = "i") -> str:
    """Over intention rows: achieved + ½·partly (measures.intention_rate's numerator)."""
    outcome = _column(alias, "outcome")
    return (
        f"total(({outcome} = '{Outcome.ACHIEVED.value}') "
        f"+ {PARTLY_WEIGHT} * ({outcome} = '{Outcome.PARTLY.value}'))"
    )


def intention_rated_sql(alias: str = "i") -> str:
    """Over intention rows: how many were rated (measures.intention_rate's denominator)."""
    return f"sum({_column(alias, 'outcome')} <> '{Outcome.NOT_RATED.value}')"


def accuracy_blocks_sql(alias: str = "b") -> str:
    """The blocks accuracy is taken over: some reps done and a clean count given."""
    return f"{_column(alias, 'done_reps')} > 0 AND {_column(alias, 'clean_reps')} IS NOT NULL"


def completion_blocks_sql(alias: str = "b") -> str:
    """The blocks completion by reps is taken over: those that planned reps."""
    return f"{_column(alias, 'planned_reps')} > 0"


def in_trash(model: type[Model], record: type[R]) -> list[R]:
    """The rows of `model` in the trash as `record`s (a dataclass whose fields name the columns
    it holds, in order), the one trashed last first: one query, no ORM rows handed on."""
    table: Any = model
    fields = [getattr(table, f.name) for f in dataclasses.fields(record)]
    query = table.select(*fields).where(table.deleted_at.is_null(False))
    return [record(*row) for row in query.order_by(table.deleted_at.desc()).tuples()]
