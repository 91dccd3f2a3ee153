"""A draft holds ids of the journal's rows (what Today was being filled with); restored into a
studio, where every row gets a new id, the draft must point at the same rows again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import make_session
from tests.studio.conftest import as_role, new_studio

from cadence.services.records.days import load_draft, save_draft
from cadence.services.records.journal import save_session
from cadence.services.transfer.export import export_json
from cadence.services.transfer.restore import restore_file
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Event, Focus, Passage, Piece, Session


def journal_with_a_draft(path: Path, title: str) -> None:
    open_journal(path)
    try:
        for n in range(3):  # rows before, so ids differ between the two journals
            save_session(make_session(title=f"{title} {n}"))
        piece = Piece.create(title=f"{title}'s nocturne")
        passage = Passage.create(piece=piece, label=f"{title}'s bars 33-48").id
        focus = Focus.create(title=f"{title}'s legato").id
        event = Event.create(name=f"{title}'s recital", kind="recital", date=date(2026, 6, 1)).id
        (plan,) = save_session(make_session(title=f"{title}'s plan", status="planned")).session_ids
        save_draft(
            "today",
            {
                "step": "reflect",
                "setup": {
                    "intentions": [{"text": "slow", "focus_id": focus}],
                    "passage_id": passage,
                    "plan_session_id": plan,
                    "rehearsals": [[event, "Stamina"]],
                    "reps": 5,
                },
                "practice": {
                    "intentions": [{"text": "slow", "focus_id": focus, "outcome": "not_rated"}],
                    "plan": {"blocks": [{"label": "a", "passage_id": passage}], "reps": 5},
                    "rehearsals": [{"event_id": event, "aspect": "Stamina"}],
                    "reps": 3,
                },
                "reflection": {"focus_ratings": [[focus, 4]], "gone": {"passage_id": 999}},
            },
        )
        export_json(path.with_suffix(".json"))
    finally:
        close_journal()


def test_a_restored_draft_points_at_the_same_rows(pg_cluster, tmp_path: Path) -> None:
    name = new_studio(pg_cluster, "drafts", ("alice", "student"), ("bob", "student"))
    for who in ("alice", "bob"):  # alice's rows take the first ids of every table
        journal_with_a_draft(tmp_path / f"{who}.sqlite", who)
        restore_file(tmp_path / f"{who}.json", pg_cluster.url(name, who))
    with as_role(pg_cluster, name, "bob"):
        draft = load_draft("today")
        assert draft is not None
        setup, practice = draft["setup"], draft["practice"]
        focus = Focus.get_by_id(setup["intentions"][0]["focus_id"])
        assert focus.title == "bob's legato"
        assert practice["intentions"][0]["focus_id"] == focus.id
        assert draft["reflection"]["focus_ratings"] == [[focus.id, 4]]
        passage = Passage.get_by_id(setup["passage_id"])
        assert passage.label == "bob's bars 33-48"
        assert practice["plan"]["blocks"][0]["passage_id"] == passage.id
        assert Session.get_by_id(setup["plan_session_id"]).title == "bob's plan"
        event = Event.get_by_id(setup["rehearsals"][0][0])
        assert event.name == "bob's recital" and setup["rehearsals"][0][1] == "Stamina"
        assert practice["rehearsals"] == [{"event_id": event.id, "aspect": "Stamina"}]
        assert draft["reflection"]["gone"] == {"passage_id": None}  # not someone else's row
        assert (setup["reps"], practice["reps"]) == (5, 3)
