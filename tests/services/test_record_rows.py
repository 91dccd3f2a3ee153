"""Record ↔ row mapping follows the records' fields (services/records/record_rows.py)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from tests.conftest import make_session

from cadence.domain.enums import BodyArea, BodySide, SessionStatus, Source, StopAction, StopReason
from cadence.domain.records import BlockData, SessionData, StopPointData
from cadence.services.records.journal import load_session, save_session
from cadence.services.records.record_rows import record_columns
from cadence.store.models import Block, Session, StopPoint

# Fields a record holds that are not columns of its own table.
_NOT_COLUMNS = {
    "id",
    "blocks",
    "intentions",
    "stop_points",
    "reflections",
    "tags",
    "slips",
    "rehearsals",
    "focus_ratings",
    "block_position",
}


def test_every_scalar_field_of_a_record_is_a_column() -> None:
    for record, model in ((SessionData, Session), (BlockData, Block), (StopPointData, StopPoint)):
        mapped = set(record_columns(record, model).names)
        assert {f.name for f in fields(record)} - _NOT_COLUMNS == mapped, record.__name__


def test_enum_fields_are_stored_as_values_and_read_back_as_enums(journal: Path) -> None:
    data = make_session(
        status=SessionStatus.PLANNED,
        source=Source.STRAVA,
        title="Scales",
        blocks=[BlockData(label="C major", planned_reps=6, done_reps=4, passage_id=None)],
        stop_points=[
            StopPointData(
                reason=StopReason.PAIN,
                body_area=BodyArea.WRISTS,
                side=BodySide.LEFT,
                action=StopAction.PUSHED_ON,
                rep_index=3,
                block_position=0,
            )
        ],
    )
    save_session(data)
    row = Session.get_by_id(data.id)
    assert (row.status, row.source) == ("planned", "strava")
    assert StopPoint.get().side == "left"
    loaded = load_session(data.id)
    assert loaded == data
    assert type(loaded.status) is SessionStatus
    assert type(loaded.stop_points[0].side) is BodySide
