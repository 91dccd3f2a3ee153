"""Enum and JSON columns (store/fields.py): members and Python values in and out, the stored text
as the services wrote it by hand before, and values this version does not know read as they are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from peewee import CharField, TextField

from cadence.domain.enums import Discipline, EventKind, ReflectionPrompt, StopReason
from cadence.domain.units import Units
from cadence.services.records.days import load_draft, save_draft
from cadence.services.records.library import set_reflection_prompts
from cadence.services.records.preferences import load_preferences, save_preferences
from cadence.store.fields import EnumField, JSONField, UnknownValue
from cadence.store.models import ALL_MODELS, Event, Preference, StopPoint, Template, database


def _stored(table: str, column: str) -> list:
    return [r[0] for r in database.execute_sql(f'SELECT "{column}" FROM "{table}"').fetchall()]


def test_the_column_types_do_not_change() -> None:
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, EnumField):
                assert field.field_type == CharField.field_type, field
            if isinstance(field, JSONField):
                assert field.field_type == TextField.field_type, field


def test_an_enum_column_reads_back_its_member_and_an_unknown_value_as_its_text(
    journal: Path,
) -> None:
    event_id = Event.insert(name="Spring 10k", kind=EventKind.RACE, date=date(2026, 4, 5)).execute()
    Event.insert(name="Recital", kind="recital", date=date(2026, 5, 5)).execute()
    assert _stored("event", "kind") == ["race", "recital"]
    kinds = [e.kind for e in Event.select().order_by(Event.id)]
    assert kinds == [EventKind.RACE, EventKind.RECITAL]
    assert all(type(k) is EventKind for k in kinds)
    database.execute_sql("UPDATE event SET kind = 'relay' WHERE id = ?", (event_id,))
    odd = Event.get_by_id(event_id).kind
    assert isinstance(odd, UnknownValue) and odd == "relay" and odd.value == "relay"
    assert Event.select().where(Event.kind == EventKind.RECITAL).count() == 1


def test_json_columns_store_the_text_the_services_wrote_before(journal: Path) -> None:
    demands = [{"aspect": "Climb", "text": "400 m, côte"}]
    Event.insert(name="Trail", kind="race", date=date(2026, 6, 1), demands=demands).execute()
    # as json.dumps(..., ensure_ascii=False) wrote it; readiness and debrief got their defaults
    assert _stored("event", "demands") == ['[{"aspect": "Climb", "text": "400 m, côte"}]']
    assert _stored("event", "readiness") == ["{}"] and _stored("event", "motivators") == ["[]"]
    assert Event.get().demands == demands
    save_preferences(_prefs("José"))
    name = Preference.select(Preference.value.coerce(False)).where(Preference.key == "name")
    assert name.scalar() == '"Jos\\u00e9"'  # preferences were written ASCII-escaped
    set_reflection_prompts(Discipline.MUSIC, [(ReflectionPrompt.FREE, "Qué tal?")])
    assert _stored("template", "prompts") == ['[{"prompt": "free", "text": "Qu\\u00e9 tal?"}]']
    assert Template.get().prompts == [{"prompt": "free", "text": "Qué tal?"}]
    save_draft("today/x", {"day": date(2026, 3, 1), "text": "née"})
    assert _stored("draft", "payload") == ['{"day": "2026-03-01", "text": "née"}']
    assert load_draft("today/x") == {"day": "2026-03-01", "text": "née"}


def _prefs(name: str):
    prefs = load_preferences()
    prefs.name = name
    return prefs


def test_text_that_is_not_json_reads_as_none_and_preferences_keep_their_defaults(
    journal: Path,
) -> None:
    database.execute_sql("INSERT INTO preference (key, value) VALUES ('units', '\"furlongs\"')")
    database.execute_sql("INSERT INTO preference (key, value) VALUES ('week_start', '{oops')")
    assert Preference.get(Preference.key == "week_start").value is None
    prefs = load_preferences()
    assert prefs.units is Units.KM and prefs.week_start == 0
    database.execute_sql("UPDATE preference SET value = '\"mi\"' WHERE key = 'units'")
    assert load_preferences().units is Units.MI


def test_a_stop_reason_is_written_from_a_member_or_its_text(journal: Path) -> None:
    assert StopPoint.reason.db_value(StopReason.PAIN) == "pain"
    assert StopPoint.reason.db_value("pain") == "pain"
    assert StopPoint.reason.python_value("pain") is StopReason.PAIN
