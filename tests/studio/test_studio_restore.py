"""A personal journal moves to a studio and back losslessly: `cadence restore FILE --db
postgresql://…` and `cadence export` from there give back the same JSON."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from tests.services.test_export_restore import _add_tricky_rows

from cadence.cli import main
from cadence.services.demo.generate import generate_demo
from cadence.services.transfer.export import export_json
from cadence.store.db import close_journal, open_journal
from cadence.store.models import ALL_MODELS, StudioNote


@pytest.fixture(scope="module")
def first_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("move")
    open_journal(folder / "personal.sqlite")
    try:
        generate_demo(1, 4, date(2026, 3, 1))
        _add_tricky_rows()
        export_json(folder / "first.json")
    finally:
        close_journal()
    return folder / "first.json"


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    name = pg_cluster.new_database("move")
    assert main(["studio", "init", "--db", pg_cluster.url(name)]) == 0
    return name


def add(pg_cluster, studio_db: str, who: str, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["studio", "add", who, "--role", "student", "--db", pg_cluster.url(studio_db)]) == 0


def move_and_back(pg_cluster, studio_db: str, who: str, first: Path, out: Path, capsys) -> str:
    url = pg_cluster.url(studio_db, who)
    assert main(["restore", str(first), "--db", url]) == 0
    said = capsys.readouterr().out
    assert main(["export", "--out", str(out), "--db", url]) == 0
    return said


def normalised(path: Path) -> dict:
    """The export with every id replaced by its rank in its table (and references alike)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    tables = document["tables"]
    ranks: dict[str, dict[int, int]] = {}
    for model in ALL_MODELS:
        name, key = model._meta.table_name, model._meta.primary_key.column_name
        columns = tables[name]["columns"]
        if model._meta.primary_key.field_type == "AUTO":
            ids = sorted(row[columns.index(key)] for row in tables[name]["rows"])
            ranks[name] = {old: i for i, old in enumerate(ids, 1)}
    for model in ALL_MODELS:
        name = model._meta.table_name
        columns = tables[name]["columns"]
        for row in tables[name]["rows"]:
            for field in model._meta.sorted_fields:
                i = columns.index(field.column_name)
                if row[i] is None:
                    continue
                if field is model._meta.primary_key and name in ranks:
                    row[i] = ranks[name][row[i]]
                elif hasattr(field, "rel_model"):
                    row[i] = ranks[field.rel_model._meta.table_name][row[i]]
            if name == "weekly_review":
                i = columns.index("ratings")
                ratings = json.loads(row[i])
                for r in ratings:
                    r["focus_id"] = ranks["focus"].get(r["focus_id"])
                row[i] = ratings
    document.pop("app_version")
    return document


def test_a_journal_moves_to_the_studio_and_back_unchanged(
    pg_cluster, studio_db: str, first_export: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    add(pg_cluster, studio_db, "mia", monkeypatch)
    said = move_and_back(pg_cluster, studio_db, "mia", first_export, tmp_path / "back.json", capsys)
    assert "into postgresql://mia@" in said
    # the first person in an empty studio keeps the very ids: the same bytes come back
    assert (tmp_path / "back.json").read_bytes() == first_export.read_bytes()
    assert all(
        json.loads(first_export.read_text())["tables"][m._meta.table_name]["rows"]
        for m in ALL_MODELS
        if m is not StudioNote  # a teacher's notes: tests/studio/test_notes.py
    )  # every table took part


def test_a_second_person_gets_new_ids_and_the_same_journal(
    pg_cluster, studio_db: str, first_export: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    add(pg_cluster, studio_db, "noor", monkeypatch)
    move_and_back(pg_cluster, studio_db, "noor", first_export, tmp_path / "back.json", capsys)
    back = tmp_path / "back.json"
    assert back.read_bytes() != first_export.read_bytes()  # other ids: the first ones are taken
    assert normalised(back) == normalised(first_export)
    # and the restored journal reads back into a file unchanged
    assert main(["restore", str(back), "--db", str(tmp_path / "again.sqlite")]) == 0
    assert (
        main(
            [
                "export",
                "--out",
                str(tmp_path / "again.json"),
                "--db",
                str(tmp_path / "again.sqlite"),
            ]
        )
        == 0
    )
    assert (tmp_path / "again.json").read_bytes() == back.read_bytes()


def test_restoring_twice_is_refused(
    pg_cluster, studio_db: str, first_export: Path, capsys, monkeypatch
) -> None:
    add(pg_cluster, studio_db, "omar", monkeypatch)
    url = pg_cluster.url(studio_db, "omar")
    assert main(["restore", str(first_export), "--db", url]) == 0
    capsys.readouterr()
    assert main(["restore", str(first_export), "--db", url]) == 1
    assert "You already have" in capsys.readouterr().err


def test_an_inconsistent_export_is_refused_and_nothing_is_written(
    pg_cluster, studio_db: str, first_export: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    document = json.loads(first_export.read_text(encoding="utf-8"))
    blocks = document["tables"]["block"]
    blocks["rows"][-1][blocks["columns"].index("session_id")] = 999_999
    spoiled = tmp_path / "spoiled.json"
    spoiled.write_text(json.dumps(document), encoding="utf-8")
    add(pg_cluster, studio_db, "pete", monkeypatch)
    capsys.readouterr()
    assert main(["restore", str(spoiled), "--db", pg_cluster.url(studio_db, "pete")]) == 1
    err = capsys.readouterr().err
    assert "points to a missing session" in err and "nothing was restored" in err
    assert pg_cluster.admin_sql("SELECT count(*) FROM session WHERE owner = 'pete'", studio_db) == [
        (0,)
    ]
