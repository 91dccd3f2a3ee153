"""A JSON export changed by hand or by damage is refused whole, with the place named, before
anything is written: values no journal can hold (Infinity, NUL, a lone surrogate, an integer
past 64 bits, an unknown kind), values the editor would refuse, and files nested too deep; a
journal that holds data is refused before a large file is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.reliability.children.payload import session_for

from cadence.services.records.journal import save_session
from cadence.services.transfer import restore as restore_module
from cadence.services.transfer.export import export_json
from cadence.services.transfer.restore import RestoreError, restore_file
from cadence.store.db import close_journal, open_journal


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("export")
    open_journal(folder / "source.sqlite")
    try:
        for number in range(5):
            save_session(session_for(number, 0))
        export_json(folder / "journal.json")
    finally:
        close_journal()
    return json.loads((folder / "journal.json").read_text(encoding="utf-8"))


def _with(export: dict, table: str, column: str, value: object, row: int = 0) -> dict:
    document = json.loads(json.dumps(export))
    columns = document["tables"][table]["columns"]
    document["tables"][table]["rows"][row][columns.index(column)] = value
    return document


CASES = {
    "infinity": (("session", "distance_m", float("inf")), "Infinity"),
    "nan": (("session", "rpe", float("nan")), "NaN"),
    "unknown kind": (("session", "discipline", "juggling"), "juggling"),
    "unknown stop reason": (("stop_point", "reason", "boredom"), "boredom"),
    "NUL": (("session", "title", "a\x00b"), "NUL"),
    "lone surrogate": (("session", "notes", "\ud800"), "surrogate"),
    "2**63": (("block", "done_reps", 2**63), "too large"),
    "rpe 11": (("session", "rpe", 11), "rpe"),
    "negative reps": (("block", "done_reps", -4), "done_reps"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_value_no_journal_may_hold_is_refused_and_nothing_is_written(
    export: dict, tmp_path: Path, case: str
) -> None:
    (table, column, value), named = CASES[case]
    source = tmp_path / "changed.json"
    source.write_text(json.dumps(_with(export, table, column, value)), encoding="utf-8")
    target = tmp_path / "new" / "journal.sqlite"
    with pytest.raises(RestoreError, match=r"[Nn]othing was restored|row 1") as e:
        restore_file(source, target)
    assert named.lower() in str(e.value).lower()
    assert not target.exists()


def test_a_file_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "deep.json"
    source.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(RestoreError, match="too deeply"):
        restore_file(source, tmp_path / "journal.sqlite")


def test_a_journal_that_holds_data_is_refused_before_the_file_is_read(
    export: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "journal.sqlite"
    open_journal(target)
    try:
        save_session(session_for(99, 0))
    finally:
        close_journal()

    def not_now(path):
        raise AssertionError("the export was read before the target was looked at")

    monkeypatch.setattr(restore_module, "read_export", not_now)
    with pytest.raises(RestoreError, match="already holds 1 session"):
        restore_file(tmp_path / "huge.json", target)


def test_an_untouched_export_restores(export: dict, tmp_path: Path) -> None:
    source = tmp_path / "journal.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    assert restore_file(source, tmp_path / "journal.sqlite").counts["session"] == 5
