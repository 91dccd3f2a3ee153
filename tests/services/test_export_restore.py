"""Export (JSON, CSV) and restore: lossless round trips, safe spreadsheets, refused bad input."""

from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from tests.conftest import make_session

from cadence import __version__
from cadence.domain.enums import (
    BodyArea,
    BodySide,
    Discipline,
    ReflectionPrompt,
    SessionKind,
    StopReason,
)
from cadence.domain.records import IntentionData, ReflectionData, StopPointData
from cadence.domain.track import Track
from cadence.services.demo.generate import generate_demo
from cadence.services.records.journal import load_all_sessions, save_session, trash_sessions
from cadence.services.records.tracks import save_track
from cadence.services.transfer.export import (
    FORMAT_NAME,
    FORMAT_VERSION,
    export_csv,
    export_json,
    neutralise,
    row_counts,
)
from cadence.services.transfer.restore import RestoreError, read_export, restore_file
from cadence.store.db import close_journal, open_journal
from cadence.store.fields import JSONText
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import ALL_MODELS, Draft, NoteAnswer, Preference, Session, StudioNote

TABLES = [m._meta.table_name for m in ALL_MODELS]
TRICKY_TITLE = "+SUM(A1)"
TRICKY_NOTES = '=HYPERLINK("http://example.invalid","click")'
TRICKY_INTENTION = "-2+3 at ♩=96, relaxed shoulders"
TRICKY_REFLECTION = "@cmd let go of bar 12"
MULTILINE = 'Line one\nline two, with "quotes" — Dvořák 🎻'


def raw_tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table exactly as SQLite holds it."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for model in ALL_MODELS:
            key = model._meta.primary_key.column_name
            table = model._meta.table_name
            out[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY "{key}"').fetchall()
        out["user_version"] = conn.execute("PRAGMA user_version").fetchall()
        return out
    finally:
        conn.close()


def _add_tricky_rows() -> int:
    """Rows the demo does not make: formulas, newlines, emoji, preferences, drafts, the trash."""
    data = make_session(
        Discipline.RUNNING,
        SessionKind.EASY,
        day=date(2026, 2, 27),
        title=TRICKY_TITLE,
        notes=TRICKY_NOTES,
        distance_m=0.1 + 0.2,
        intentions=[IntentionData(TRICKY_INTENTION)],
        reflections=[
            ReflectionData(ReflectionPrompt.LET_GO, TRICKY_REFLECTION, True),
            ReflectionData(ReflectionPrompt.FREE, MULTILINE),
        ],
        tags=["-tag"],
    )
    data.started_at = datetime(2026, 2, 27, 6, 30, 5, 123456)
    save_session(data)
    save_track(  # a run's track points, a missing reading and a position across the antimeridian
        data.id,
        Track.from_values(
            t_ms=[0, 1.5, 3], distance_cm=[0, 4.2, 8.4], lat_e7=[-16.5, -16.50001, -16.50002],
            lon_e7=[179.99999, -179.99999, -179.99997], hr_bpm=[140, None, 142],
        ),
    )  # fmt: skip
    trash_sessions([data.id])
    # the stored text itself (JSONText), the second not even JSON: an export keeps it as it is
    Preference.create(key="units", value=JSONText('"km"'))
    Preference.create(key="week_start", value=JSONText("0"))
    Preference.create(key="tabbed", value=JSONText("\t=1"))
    Draft.create(key="today/reflection", payload=JSONText('{"text": "half-typed"}'))
    # a student's answer to a teacher's note, with the note's words (a studio's; notes a teacher
    # wrote are tested in tests/studio/test_notes.py: they restore only where one teaches)
    NoteAnswer.create(
        note_uid="5b2c", teacher="tara", note_kind="assignment", note_text=TRICKY_INTENTION,
        session=data.id, answer=MULTILINE, done=True,
    )  # fmt: skip
    return data.id


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.sqlite"
    open_journal(path)
    try:
        generate_demo(1, 4, date(2026, 3, 1))
        _add_tricky_rows()
        # a note a teacher wrote, kept in a file of theirs after leaving a studio
        StudioNote.create(
            uid="5b2c", student="nina", kind="assignment", text=MULTILINE, passage="=A1",
            discipline="music",
        )  # fmt: skip
    finally:
        close_journal()
    return path


@pytest.fixture(scope="module")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A one-session export as a dict, for tests to spoil."""
    folder = tmp_path_factory.mktemp("small")
    open_journal(folder / "small.sqlite")
    try:
        save_session(make_session())
        export_json(folder / "small.json")
    finally:
        close_journal()
    return json.loads((folder / "small.json").read_text(encoding="utf-8"))


def _export(db: Path, out: Path) -> Path:
    open_journal(db)
    try:
        export_json(out)
    finally:
        close_journal()
    return out


def test_json_round_trip_gives_the_same_export_and_the_same_rows(
    demo_file: Path, tmp_path: Path
) -> None:
    first = _export(demo_file, tmp_path / "first.json")
    summary = restore_file(first, tmp_path / "restored.sqlite")
    assert summary.rows == sum(len(v) for k, v in raw_tables(demo_file).items() if k in TABLES)
    second = _export(tmp_path / "restored.sqlite", tmp_path / "second.json")
    assert first.read_bytes() == second.read_bytes()
    before, after = raw_tables(demo_file), raw_tables(tmp_path / "restored.sqlite")
    for table in [*TABLES, "user_version"]:
        assert after[table] == before[table], table
    assert all(before[t] for t in TABLES)  # every table took part


def test_json_has_a_header_every_table_and_ordered_rows(demo_file: Path, tmp_path: Path) -> None:
    document = json.loads(_export(demo_file, tmp_path / "e.json").read_text(encoding="utf-8"))
    assert document["format"] == FORMAT_NAME
    assert document["format_version"] == FORMAT_VERSION
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["app_version"] == __version__
    assert list(document["tables"]) == TABLES
    conn = sqlite3.connect(demo_file)
    try:
        for model in ALL_MODELS:
            table = document["tables"][model._meta.table_name]
            info = conn.execute(f'PRAGMA table_info("{model._meta.table_name}")').fetchall()
            assert set(table["columns"]) == {row[1] for row in info}
            keys = [
                row[table["columns"].index(model._meta.primary_key.column_name)]
                for row in table["rows"]
            ]
            assert keys == sorted(keys)
    finally:
        conn.close()
    sessions = document["tables"]["session"]
    row = sessions["rows"][0]
    started = row[sessions["columns"].index("started_at")]
    assert "T" in started and datetime.fromisoformat(started)
    date.fromisoformat(row[sessions["columns"].index("local_date")])
    flags = {r[sessions["columns"].index("needs_review")] for r in sessions["rows"]}
    assert flags <= {True, False}


def test_csv_export_writes_one_file_per_table_and_neutralises_formulas(
    demo_file: Path, tmp_path: Path
) -> None:
    open_journal(demo_file)
    try:
        summary = export_csv(tmp_path / "csv")
        counts = row_counts()
    finally:
        close_journal()
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        f"{t}.csv" for t in TABLES
    )
    assert summary.counts == counts
    tables = {}
    for table in TABLES:
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) == counts[table] + 1
        tables[table] = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    tricky = next(r for r in tables["session"] if r["title"].endswith(TRICKY_TITLE))
    assert tricky["title"] == "'" + TRICKY_TITLE
    assert tricky["notes"] == "'" + TRICKY_NOTES
    assert tricky["distance_m"] == str(0.1 + 0.2)  # a number stays a number, to full precision
    assert tricky["deleted_at"]
    assert tricky["started_at"] == "2026-02-27 06:30:05.123456"
    assert tricky["needs_review"] == "false"
    texts = {r["text"] for r in tables["intention"]} | {r["text"] for r in tables["reflection"]}
    assert "'" + TRICKY_INTENTION in texts
    assert "'" + TRICKY_REFLECTION in texts
    assert MULTILINE in texts  # newlines, quotes, commas, accents and emoji survive
    assert "'-tag" in {r["name"] for r in tables["tag"]}
    assert "'\t=1" in {r["value"] for r in tables["preference"]}
    assert all(
        not v.startswith(("=", "+", "-", "@", "\t", "\r"))
        for t in tables.values()
        for r in t
        for v in r.values()
    )


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("1-2", "1-2"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, safe: str) -> None:
    assert neutralise(cell) == safe


def _write(tmp_path: Path, document: object, name: str = "bad.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _spoil(document: dict, how: str) -> object:
    doc = json.loads(json.dumps(document))
    session = doc["tables"]["session"]
    cols = session["columns"]
    if how == "array":
        return [doc]
    if how == "format":
        doc["format"] = "something-else"
    elif how == "format_version":
        doc["format_version"] = FORMAT_VERSION + 1
    elif how == "schema":
        doc["schema_version"] = SCHEMA_VERSION + 1
    elif how == "table":
        doc["tables"]["gadget"] = {"columns": ["id"], "rows": []}
    elif how == "column":
        cols.append("colour")
        session["rows"][0].append("red")
    elif how == "type":
        session["rows"][0][cols.index("rpe")] = "high"
    elif how == "bool":
        session["rows"][0][cols.index("rpe")] = True
    elif how == "length":
        session["rows"][0].pop()
    elif how == "null":
        session["rows"][0][cols.index("kind")] = None
    elif how == "date":
        session["rows"][0][cols.index("local_date")] = "2nd of March"
    elif how == "no_tables":
        del doc["tables"]
    return doc


SPOILED = {
    "array": "not a Cadence journal export",
    "format": "not a Cadence journal export",
    "format_version": "newer Cadence",
    "schema": "newer Cadence",
    "table": "table 'gadget' that this Cadence does not know",
    "column": "column 'colour'",
    "type": "table 'session', row 1: rpe should be a whole number, not 'high'",
    "bool": "rpe should be a whole number, not True",
    "length": "row 1 should be a list of",
    "null": "kind cannot be empty",
    "date": "local_date should be a date",
    "no_tables": 'no "tables"',
}


@pytest.mark.parametrize("how", list(SPOILED))
def test_bad_exports_are_refused_before_anything_is_written(
    small_export: dict, tmp_path: Path, how: str
) -> None:
    source = _write(tmp_path, _spoil(small_export, how))
    target = tmp_path / "new.sqlite"
    with pytest.raises(RestoreError, match=SPOILED[how].replace("(", r"\(")):
        restore_file(source, target)
    assert not target.exists()


def test_text_that_is_not_json_or_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("these are my notes", encoding="utf-8")
    with pytest.raises(RestoreError, match=r"not valid JSON .* line 1, column 1"):
        read_export(tmp_path / "notes.json")
    (tmp_path / "latin1.json").write_bytes('{"é": 1}'.encode("latin-1"))
    with pytest.raises(RestoreError, match="not UTF-8"):
        read_export(tmp_path / "latin1.json")
    with pytest.raises(RestoreError, match="does not exist"):
        read_export(tmp_path / "missing.json")


def test_inconsistent_exports_roll_back_and_leave_no_file(
    small_export: dict, tmp_path: Path
) -> None:
    orphan = json.loads(json.dumps(small_export))
    blocks = orphan["tables"]["block"]
    row = [None] * len(blocks["columns"])
    for name, value in {
        "id": 1,
        "session_id": 999,
        "position": 0,
        "label": "x",
        "notes": "",
    }.items():
        row[blocks["columns"].index(name)] = value
    blocks["rows"].append(row)
    twice = json.loads(json.dumps(small_export))
    twice["tables"]["session"]["rows"].append(twice["tables"]["session"]["rows"][0])
    for name, document in (("orphan", orphan), ("twice", twice)):
        target = tmp_path / f"{name}.sqlite"
        with pytest.raises(RestoreError, match="nothing was restored"):
            restore_file(_write(tmp_path, document, f"{name}.json"), target)
        assert not target.exists()
        assert not Path(f"{target}-wal").exists()


def test_a_journal_that_holds_data_is_left_alone(
    demo_file: Path, tmp_path: Path, small_export: dict
) -> None:
    before = raw_tables(demo_file)
    with pytest.raises(RestoreError, match=r"already holds .* sessions"):
        restore_file(_write(tmp_path, small_export), demo_file)
    assert raw_tables(demo_file) == before


def test_a_failed_restore_into_an_existing_empty_journal_leaves_it_empty(
    small_export: dict, tmp_path: Path
) -> None:
    target = tmp_path / "empty.sqlite"
    open_journal(target)
    close_journal()
    spoiled = json.loads(json.dumps(small_export))
    spoiled["tables"]["session"]["rows"].append(spoiled["tables"]["session"]["rows"][0])
    with pytest.raises(RestoreError):
        restore_file(_write(tmp_path, spoiled), target)
    assert target.exists()
    open_journal(target)
    try:
        assert not any(row_counts().values())
    finally:
        close_journal()


def test_an_older_export_restores_with_defaults(small_export: dict, tmp_path: Path) -> None:
    older = json.loads(json.dumps(small_export))
    older["schema_version"] = 1
    del older["tables"]["preference"], older["tables"]["draft"]
    session = older["tables"]["session"]
    index = session["columns"].index("needs_review")
    del session["columns"][index]
    for row in session["rows"]:
        del row[index]
    restore_file(_write(tmp_path, older), tmp_path / "older.sqlite")
    open_journal(tmp_path / "older.sqlite")
    try:
        assert Session.select().count() == 1
        assert Session.get().needs_review is False
        assert Preference.select().count() == 0
    finally:
        close_journal()


def _sided_journal(path: Path) -> None:
    """A journal with a left, a right and a both-sides stop-point, and one with no body area."""
    stops = [
        StopPointData(StopReason.PAIN, 60.0, body_area=BodyArea.WRISTS, side=BodySide.LEFT),
        StopPointData(StopReason.PAIN, 120.0, body_area=BodyArea.WRISTS, side=BodySide.RIGHT),
        StopPointData(StopReason.FORM, 180.0, body_area=BodyArea.SHOULDERS, side=BodySide.BOTH),
        StopPointData(StopReason.MIND, 240.0),
    ]
    open_journal(path)
    try:
        save_session(make_session(stop_points=stops))
    finally:
        close_journal()


def _sides(path: Path) -> list[tuple[str, str]]:
    open_journal(path)
    try:
        [session] = load_all_sessions()
        return [(str(s.body_area), str(s.side)) for s in session.stop_points]
    finally:
        close_journal()


SIDES = [("wrists", "left"), ("wrists", "right"), ("shoulders", "both"), ("none", "none")]


def test_the_side_of_a_stop_point_goes_through_json_and_csv(tmp_path: Path) -> None:
    _sided_journal(tmp_path / "j.sqlite")
    exported = _export(tmp_path / "j.sqlite", tmp_path / "j.json")
    restore_file(exported, tmp_path / "restored.sqlite")
    assert _sides(tmp_path / "restored.sqlite") == SIDES
    open_journal(tmp_path / "j.sqlite")
    try:
        export_csv(tmp_path / "csv")
    finally:
        close_journal()
    with (tmp_path / "csv" / "stop_point.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["body_area"], r["side"]) for r in rows] == SIDES


def test_an_export_without_sides_restores_them_as_none_and_a_wrong_side_is_refused(
    tmp_path: Path,
) -> None:
    _sided_journal(tmp_path / "j.sqlite")
    document = json.loads(_export(tmp_path / "j.sqlite", tmp_path / "j.json").read_text("utf-8"))
    stops = document["tables"]["stop_point"]
    wrong = json.loads(json.dumps(document))
    index = stops["columns"].index("side")
    del stops["columns"][index]
    for row in stops["rows"]:
        del row[index]
    restore_file(_write(tmp_path, document, "older.json"), tmp_path / "older.sqlite")
    assert _sides(tmp_path / "older.sqlite") == [(area, "none") for area, _ in SIDES]

    wrong["tables"]["stop_point"]["rows"][0][index] = "middle"
    with pytest.raises(RestoreError, match="Side"):
        restore_file(_write(tmp_path, wrong, "wrong.json"), tmp_path / "wrong.sqlite")
    assert not (tmp_path / "wrong.sqlite").exists()
