"""The session editor's passage picker reads the repertoire with one query, not one per piece."""

from __future__ import annotations

from pathlib import Path

from cadence.services import library
from cadence.store.models import database
from cadence.ui.editor.blocks_table import BlocksEditor


def test_the_block_editor_lists_passages_with_one_query(qtbot, journal: Path) -> None:
    for title in ("Sonata", "Etude", "Nocturne"):
        piece_id, _ = library.add_piece(title)
        library.add_passage(piece_id, "Coda", bars="90-120")
    editor = BlocksEditor("km")
    qtbot.addWidget(editor)
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        choices = editor.passage_choices()
    finally:
        connection.set_trace_callback(None)
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1
    assert [text for _id, text in choices] == [
        "—",
        "Etude · Coda (90-120)",
        "Nocturne · Coda (90-120)",
        "Sonata · Coda (90-120)",
    ]
