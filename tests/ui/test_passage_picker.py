"""The session editor's passage picker reads the repertoire with one query, not one per piece."""

from __future__ import annotations

from pathlib import Path

from cadence.services.records import library
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


def test_a_shelved_piece_is_offered_only_where_a_block_already_holds_it(
    qtbot, journal: Path
) -> None:
    from cadence.domain.records import BlockData
    from cadence.services.today import passage_choices

    sonata, _ = library.add_piece("Sonata", status="shelved")
    kept, _ = library.add_passage(sonata, "Exposition", bars="1-40")
    other, _ = library.add_passage(sonata, "Coda", bars="90-120")
    etude, _ = library.add_piece("Etude")
    live, _ = library.add_passage(etude, "Thirds", bars="1-16")

    editor = BlocksEditor("km")
    qtbot.addWidget(editor)
    editor.set_blocks([BlockData(label="Old work", passage_id=kept)])
    offered = [passage_id for passage_id, _text in editor.passage_choices()]
    assert offered == [None, live, kept]  # the shelved Coda is not offered
    # Today's plan offers what the editor offers a new session: no shelved piece
    assert [passage_id for passage_id, _t, _bpm in passage_choices()] == [live]
    editor.set_blocks([])
    assert [passage_id for passage_id, _text in editor.passage_choices()] == [None, live]
    assert other not in offered
