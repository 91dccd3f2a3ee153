"""The passage picker's list comes from one query, whatever the size of the repertoire."""

from __future__ import annotations

from pathlib import Path

from cadence.services.records import library
from cadence.store.models import database


def test_every_passage_with_its_piece_in_one_query(journal: Path) -> None:
    for title in ("Sonata", "Etude", "Nocturne"):
        piece_id, _ = library.add_piece(title)
        for n in (2, 1):
            library.add_passage(piece_id, f"{title} part {n}", bars=f"{n}-{n + 8}")
    seen: list[str] = []
    connection = database.connection()
    connection.set_trace_callback(seen.append)
    try:
        lines = library.repertoire_passages()
    finally:
        connection.set_trace_callback(None)
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1
    assert [(p.piece, p.label, p.bars) for p in lines] == [
        ("Etude", "Etude part 2", "2-10"),
        ("Etude", "Etude part 1", "1-9"),
        ("Nocturne", "Nocturne part 2", "2-10"),
        ("Nocturne", "Nocturne part 1", "1-9"),
        ("Sonata", "Sonata part 2", "2-10"),
        ("Sonata", "Sonata part 1", "1-9"),
    ]
