"""A teacher's notes and assignments for a student, and the student's answers, on a real
PostgreSQL: row security as each role (SQL run as that role), the services, the command line and
what each person's export takes along.

nina and otto are students taught by everyone who teaches; tara teaches; cole coaches and pia is
cole's only (`--teacher cole`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import make_session
from tests.studio.conftest import as_role, new_studio

from cadence.cli import main
from cadence.domain.notes import NoteKind
from cadence.services.records.journal import save_session
from cadence.services.studio import members as studio
from cadence.services.studio import notes as studio_notes
from cadence.services.transfer.export import export_json
from cadence.services.transfer.restore import RestoreError, restore_file
from cadence.store.db import close_journal, open_journal
from cadence.store.models import NoteAnswer, StudioNote, database

ASSIGNMENT = "bars 33–48 at ♩=80, hands separately"


def sql(query: str, params: tuple = ()) -> list[tuple]:
    return database.execute_sql(query, params).fetchall()


@pytest.fixture(scope="module")
def studio_db(pg_cluster) -> str:
    name = new_studio(
        pg_cluster,
        "notes",
        ("nina", "student"),
        ("otto", "student"),
        ("tara", "teacher"),
        ("cole", "coach"),
        ("pia", "student", "cole"),
    )
    with as_role(pg_cluster, name, "tara"):
        studio_notes.write_note("nina", ASSIGNMENT, NoteKind.ASSIGNMENT, "music", "bars 33–48")
        studio_notes.write_note("otto", "breathe out on the downbeat")
    with as_role(pg_cluster, name, "cole"):
        studio_notes.write_note("pia", "easy means easy: talk while you run", discipline="running")
    return name


def test_a_student_reads_only_the_notes_addressed_to_them(pg_cluster, studio_db) -> None:
    with as_role(pg_cluster, studio_db, "nina"):
        assert sql("SELECT text, owner FROM studio_note") == [(ASSIGNMENT, "tara")]
        (note,) = studio_notes.notes_for_me()
        assert (note.teacher, note.kind, note.passage) == (
            "tara",
            NoteKind.ASSIGNMENT,
            "bars 33–48",
        )
        assert studio_notes.notes_for_me("running") == []
    with as_role(pg_cluster, studio_db, "pia"):
        assert [n.teacher for n in studio_notes.notes_for_me()] == ["cole"]


def test_nobody_else_sees_a_note(pg_cluster, studio_db) -> None:
    with as_role(pg_cluster, studio_db, "cole"):  # a coach, who did not write it
        assert sql("SELECT student FROM studio_note") == [("pia",)]
        database.execute_sql("SELECT set_config('cadence.person', 'nina', false)")
        assert sql("SELECT student FROM studio_note") == [("pia",)]


def test_a_teacher_writes_notes_only_for_students_they_teach(pg_cluster, studio_db) -> None:
    with as_role(pg_cluster, studio_db, "tara"):
        with pytest.raises(studio.StudioError, match="pia is not a student you teach"):
            studio_notes.write_note("pia", "a note")
        with pytest.raises(studio.StudioError, match="cole is not a student you teach"):
            studio_notes.write_note("cole", "a note")
        # the database holds alone, without the service's check
        with pytest.raises(Exception, match="row-level security"), database.atomic():
            sql(
                "INSERT INTO studio_note (uid, student, kind, text) VALUES ('x', 'pia', 'note', 't')"
            )
        with pytest.raises(Exception, match="row-level security"), database.atomic():
            sql("UPDATE studio_note SET student = 'pia' WHERE student = 'nina'")
        with pytest.raises(studio.StudioError, match="Write what the note says"):
            studio_notes.write_note("nina", "  ")
    with as_role(pg_cluster, studio_db, "nina"):  # a student writes no note, nor changes one
        with pytest.raises(Exception, match="row-level security"), database.atomic():
            sql(
                "INSERT INTO studio_note (uid, student, kind, text) VALUES ('y', 'otto', 'note', 't')"
            )
        with database.atomic():
            changed = database.execute_sql("UPDATE studio_note SET text = 'easier'").rowcount
        assert changed == 0
        assert sql("SELECT text FROM studio_note") == [(ASSIGNMENT,)]


def test_a_student_answers_and_the_teacher_reads_it(pg_cluster, studio_db) -> None:
    with as_role(pg_cluster, studio_db, "otto"):
        (note,) = studio_notes.notes_for_me()
        (session_id,) = save_session(make_session(title="scales")).session_ids
        changes = studio_notes.answer_note(note.uid, session_id=session_id)
        assert changes.notes
        studio_notes.answer_note(note.uid, answer="it steadied the tempo", done=True)
        assert studio_notes.notes_for_me() == []  # done: off my Today
        (mine,) = studio_notes.notes_for_me(include_done=True)
        assert (mine.session_id, mine.answer, mine.done) == (
            session_id,
            "it steadied the tempo",
            True,
        )
        assert sql("SELECT owner, note_text FROM note_answer") == [
            ("otto", "breathe out on the downbeat")
        ]
    with as_role(pg_cluster, studio_db, "tara"):
        written = {n.student: n for n in studio_notes.notes_written()}
        assert written["otto"].answer == "it steadied the tempo" and written["otto"].done
        assert written["nina"].answer == ""
        # the teacher reads the answer, not the student's session behind it
        assert sql("SELECT count(*) FROM session") == [(0,)]
        with database.atomic():
            assert database.execute_sql("UPDATE note_answer SET answer = 'x'").rowcount == 0
    for other in ("cole", "nina"):
        with as_role(pg_cluster, studio_db, other):
            assert sql("SELECT count(*) FROM note_answer") == [(0,)]


def test_a_student_answers_only_notes_addressed_to_them(pg_cluster, studio_db) -> None:
    with as_role(pg_cluster, studio_db, "tara"):
        (otto_note,) = studio_notes.notes_written("otto")
    with as_role(pg_cluster, studio_db, "nina"):
        with pytest.raises(studio.StudioError, match="not addressed to you"):
            studio_notes.answer_note(otto_note.uid, answer="mine now")
        with pytest.raises(Exception, match="row-level security"), database.atomic():
            sql(
                "INSERT INTO note_answer (note_uid, teacher, note_kind, note_text, owner) "
                "VALUES ('z', 'tara', 'note', 't', 'otto')"
            )


def test_a_withdrawn_note_leaves_the_students_today(pg_cluster, studio_db) -> None:
    with as_role(pg_cluster, studio_db, "tara"):
        studio_notes.write_note("nina", "sing the line before you play it")
        note = studio_notes.notes_written("nina")[0]
        studio_notes.edit_note(note.id, "sing the line first, then play it")
    with as_role(pg_cluster, studio_db, "nina"):
        assert [n.text for n in studio_notes.notes_for_me()] == [
            ASSIGNMENT,
            "sing the line first, then play it",
        ]
    with (
        as_role(pg_cluster, studio_db, "cole"),
        pytest.raises(studio.StudioError, match=f"no note {note.id} of yours"),
    ):
        studio_notes.withdraw_note(note.id)
    with as_role(pg_cluster, studio_db, "tara"):
        studio_notes.withdraw_note(note.id)
    with as_role(pg_cluster, studio_db, "nina"):
        assert [n.text for n in studio_notes.notes_for_me()] == [ASSIGNMENT]


def test_a_removed_students_answers_are_no_longer_read(pg_cluster) -> None:
    name = new_studio(pg_cluster, "notesgone", ("tara", "teacher"), ("vera", "student"))
    with as_role(pg_cluster, name, "tara"):
        studio_notes.write_note("vera", "long tones, five minutes")
    with as_role(pg_cluster, name, "vera"):
        (note,) = studio_notes.notes_for_me()
        studio_notes.answer_note(note.uid, answer="done daily")
    with as_role(pg_cluster, name):
        studio.remove_member("vera")
    with as_role(pg_cluster, name, "tara"):
        assert [n.answer for n in studio_notes.notes_written()] == [""]
    with as_role(pg_cluster, name, "vera"):  # what was written to her stays hers to read
        assert [n.text for n in studio_notes.notes_for_me()] == ["long tones, five minutes"]


def test_the_command_line_writes_and_lists_notes(pg_cluster, studio_db, capsys) -> None:
    tara = pg_cluster.url(studio_db, "tara")
    assert main(["studio", "note", "otto", "scales in thirds", "--assignment", "--db", tara]) == 0
    assert "Wrote an assignment for otto" in capsys.readouterr().out
    assert main(["studio", "note", "pia", "hi", "--db", tara]) == 1
    assert "pia is not a student you teach" in capsys.readouterr().err
    assert main(["studio", "notes", "--student", "otto", "--db", tara]) == 0
    out = capsys.readouterr().out
    assert "scales in thirds" in out and "otto answered: it steadied the tempo" in out
    assert main(["studio", "notes", "--db", pg_cluster.url(studio_db, "otto")]) == 0
    out = capsys.readouterr().out
    assert "from tara" in out and "scales in thirds" in out
    assert "breathe out" not in out  # done; --all shows it
    assert main(["studio", "notes", "--all", "--db", pg_cluster.url(studio_db, "otto")]) == 0
    assert "you answered: it steadied the tempo" in capsys.readouterr().out


def test_no_notes_in_a_personal_journal(tmp_path: Path) -> None:
    open_journal(tmp_path / "me.sqlite")
    try:
        assert studio_notes.notes_for_me() == [] and studio_notes.notes_written() == []
        with pytest.raises(studio.StudioError, match="between the members of a studio"):
            studio_notes.write_note("nina", "x")
    finally:
        close_journal()


def test_each_export_holds_the_persons_own_side(pg_cluster, studio_db, tmp_path) -> None:
    """A student takes their answers (with the notes' words) along; the teacher their notes;
    neither takes the other's rows."""
    with as_role(pg_cluster, studio_db, "otto"):
        export_json(tmp_path / "otto.json")
    with as_role(pg_cluster, studio_db, "tara"):
        export_json(tmp_path / "tara.json")
    otto = json.loads((tmp_path / "otto.json").read_text(encoding="utf-8"))["tables"]
    tara = json.loads((tmp_path / "tara.json").read_text(encoding="utf-8"))["tables"]
    assert otto["studio_note"]["rows"] == []
    (answer,) = otto["note_answer"]["rows"]
    assert "breathe out on the downbeat" in answer and "it steadied the tempo" in answer
    assert tara["note_answer"]["rows"] == []
    assert {row[2] for row in tara["studio_note"]["rows"]} == {"nina", "otto"}

    # otto leaves with it: a file of his own holds the same
    restore_file(tmp_path / "otto.json", tmp_path / "otto.sqlite")
    open_journal(tmp_path / "otto.sqlite")
    try:
        (row,) = NoteAnswer.select()
        assert (row.note_text, row.answer, row.done) == (
            "breathe out on the downbeat",
            "it steadied the tempo",
            True,
        )
        assert row.session.title == "scales"
        assert StudioNote.select().count() == 0
        export_json(tmp_path / "otto-again.json")
    finally:
        close_journal()
    again = json.loads((tmp_path / "otto-again.json").read_text(encoding="utf-8"))["tables"]
    assert again["note_answer"] == otto["note_answer"]


def test_a_teachers_notes_move_only_where_she_teaches_them(pg_cluster, studio_db, tmp_path) -> None:
    with as_role(pg_cluster, studio_db, "tara"):
        export_json(tmp_path / "tara.json")
    name = new_studio(pg_cluster, "notesmove", ("tara", "teacher"), ("nina", "student"))
    with pytest.raises(RestoreError, match="notes you wrote to otto, whom you do not teach"):
        restore_file(tmp_path / "tara.json", pg_cluster.url(name, "tara"))
    with as_role(pg_cluster, name, "tara"):
        assert sql("SELECT count(*) FROM studio_note") == [(0,)]  # nothing half-written
    with as_role(pg_cluster, name):
        studio.add_member("otto", "student")
    restore_file(tmp_path / "tara.json", pg_cluster.url(name, "tara"))
    with as_role(pg_cluster, name, "tara"):
        export_json(tmp_path / "tara-again.json")
    with as_role(pg_cluster, name, "otto"):  # the uid travels: an answer would find its note
        assert "scales in thirds" in [n.text for n in studio_notes.notes_for_me()]
    first = json.loads((tmp_path / "tara.json").read_text(encoding="utf-8"))["tables"]
    again = json.loads((tmp_path / "tara-again.json").read_text(encoding="utf-8"))["tables"]
    # the same notes (new ids from the server: the first studio's had gaps)
    assert [r[1:] for r in again["studio_note"]["rows"]] == [
        r[1:] for r in first["studio_note"]["rows"]
    ]


def test_a_restore_checks_notes(tmp_path) -> None:
    open_journal(tmp_path / "t.sqlite")
    try:
        StudioNote.create(uid="a1", student="nina", kind="note", text="long tones")
        export_json(tmp_path / "t.json")
    finally:
        close_journal()
    document = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    columns = document["tables"]["studio_note"]["columns"]
    row = document["tables"]["studio_note"]["rows"][0]
    for column, bad, said in [
        ("kind", "homework", "'homework' is unknown"),
        ("text", " ", "Write what"),
    ]:
        spoiled = list(row)
        spoiled[columns.index(column)] = bad
        document["tables"]["studio_note"]["rows"] = [spoiled]
        (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(RestoreError, match=said):
            restore_file(tmp_path / "bad.json", tmp_path / f"bad-{column}.sqlite")
        assert not (tmp_path / f"bad-{column}.sqlite").exists()
