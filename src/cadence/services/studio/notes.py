"""A teacher's or coach's notes and assignments for a student, and the student's side of them
(docs/studio.md, "Notes and assignments").

A note is its writer's row (`StudioNote`); the student it is addressed to reads it, may take it up
as a session's intention, answer it in that session's reflection and mark it done — all in a row
of their own (`NoteAnswer`), which keeps the note's words. Row security decides who sees what
(store/studio_note_policies.py); the checks here only put its refusals into words first.

Notes live on a studio's server: in a personal journal nobody writes to you, so the readers give
nothing and the writers say where notes live.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from peewee import SQL

from cadence.domain.enums import Discipline
from cadence.domain.notes import MAX_ANSWER_CHARS, Note, NoteKind, note_problem
from cadence.services.changes import Changes
from cadence.services.studio.members import StudioError
from cadence.store import server
from cadence.store.models import NoteAnswer, Session, StudioNote, database, utcnow
from cadence.store.server import OWNER
from cadence.store.studio_policies import MEMBERS


def _server() -> None:
    if not server.is_server(database.obj):
        raise StudioError(
            "Notes and assignments are between the members of a studio: open the studio's "
            "journal (--db postgresql://NAME@HOST/DB)."
        )


def _mine(model: object) -> SQL:
    """Rows the connected person owns (of a one-table query: peewee names its table t1)."""
    return SQL(f'"{OWNER}" = current_user')


def me() -> str:
    """The login role of the open server journal ("" for a journal file)."""
    if not server.is_server(database.obj):
        return ""
    return str(database.execute_sql("SELECT current_user").fetchone()[0])


def _check(text: str, kind: str, discipline: str | None) -> None:
    problem = note_problem(text, kind)
    if problem:
        raise StudioError(problem)
    if discipline is not None and discipline not in {d.value for d in Discipline}:
        raise StudioError(
            f"{discipline!r} is not a discipline; choose {' or '.join(d.value for d in Discipline)}."
        )


# --- the teacher's side ------------------------------------------------------------------------


def students_i_teach() -> list[str]:
    """The students the connected person teaches or coaches in this studio, by name (none in a
    personal journal, or for a student)."""
    if not server.is_server(database.obj):
        return []
    rows = database.execute_sql(
        f"SELECT role FROM {MEMBERS} WHERE kind = 'student' "
        "AND cadence_teaches(current_user::text, role) ORDER BY role"
    ).fetchall()
    return [row[0] for row in rows]


def write_note(
    student: str,
    text: str,
    kind: str = NoteKind.NOTE,
    discipline: str | None = None,
    passage: str = "",
) -> Changes:
    """A new note or assignment for `student`, who must be a student one teaches."""
    _server()
    _check(text, kind, discipline)
    (teaches,) = database.execute_sql(
        "SELECT cadence_teaches(current_user::text, %s)", (student,)
    ).fetchone()
    if not teaches:
        raise StudioError(
            f"{student} is not a student you teach in this studio (cadence studio members "
            "lists them); nothing was written."
        )
    StudioNote.insert(
        uid=uuid.uuid4().hex,
        student=student,
        kind=str(kind),
        text=text.strip(),
        discipline=discipline,
        passage=passage.strip(),
    ).execute()
    return Changes(notes=True)


def _my_note(note_id: int) -> StudioNote:
    note = StudioNote.select().where((StudioNote.id == note_id) & _mine(StudioNote)).first()
    if note is None:
        raise StudioError(
            f"There is no note {note_id} of yours; `cadence studio notes` lists them."
        )
    return note


def edit_note(
    note_id: int,
    text: str,
    kind: str = NoteKind.NOTE,
    discipline: str | None = None,
    passage: str = "",
) -> Changes:
    """Change what a note of one's own says (its student stays)."""
    _server()
    _check(text, kind, discipline)
    _my_note(note_id)
    StudioNote.update(
        text=text.strip(),
        kind=str(kind),
        discipline=discipline,
        passage=passage.strip(),
        updated_at=utcnow(),
    ).where(StudioNote.id == note_id).execute()
    return Changes(notes=True)


def withdraw_note(note_id: int) -> Changes:
    """Take a note back: it leaves the student's Today (an answer already written stays the
    student's)."""
    _server()
    if _my_note(note_id).withdrawn_at is None:
        StudioNote.update(withdrawn_at=utcnow()).where(StudioNote.id == note_id).execute()
    return Changes(notes=True)


def notes_written(student: str | None = None, include_withdrawn: bool = False) -> list[Note]:
    """The notes one wrote (to `student`, or to everyone), newest first, each with what its
    student answered so far."""
    if not server.is_server(database.obj):
        return []
    query = StudioNote.select().where(_mine(StudioNote))
    if student:
        query = query.where(StudioNote.student == student)
    if not include_withdrawn:
        query = query.where(StudioNote.withdrawn_at.is_null())
    notes = list(query.order_by(StudioNote.created_at.desc(), StudioNote.id.desc()))
    answers = _answers([n.uid for n in notes], mine=False)
    teacher = me()
    return [_note(n, teacher, answers.get((n.uid, n.student))) for n in notes]


# --- the student's side ------------------------------------------------------------------------


def notes_for_me(discipline: str | None = None, include_done: bool = False) -> list[Note]:
    """The notes addressed to me that are not withdrawn, oldest first: the open ones (not marked
    done), or all with `include_done`; with `discipline`, those for it or for either."""
    if not server.is_server(database.obj):
        return []
    query = StudioNote.select(StudioNote, SQL(f'"{OWNER}"').alias("writer")).where(
        (StudioNote.student == SQL("current_user::text")) & StudioNote.withdrawn_at.is_null()
    )
    if discipline:
        query = query.where(
            StudioNote.discipline.is_null() | (StudioNote.discipline == str(discipline))
        )
    notes = list(query.order_by(StudioNote.created_at, StudioNote.id))
    answers = _answers([n.uid for n in notes], mine=True)
    student = me()
    found = [_note(n, n.writer, answers.get((n.uid, student))) for n in notes]
    return found if include_done else [n for n in found if not n.done]


def note_for_me(uid: str) -> Note | None:
    """One note addressed to me (withdrawn or not), or my own copy of it if the note itself is
    gone; None if neither exists."""
    if not server.is_server(database.obj):
        return None
    row = (
        StudioNote.select(StudioNote, SQL(f'"{OWNER}"').alias("writer"))
        .where((StudioNote.uid == uid) & (StudioNote.student == SQL("current_user::text")))
        .first()
    )
    student = me()
    answer = _answers([uid], mine=True).get((uid, student))
    if row is not None:
        return _note(row, row.writer, answer)
    if answer is None:
        return None
    return Note(
        uid=uid,
        teacher=answer["teacher"],
        student=student,
        kind=NoteKind(answer["note_kind"]),
        text=answer["note_text"],
        discipline=None,
        passage="",
        created_at=answer["created_at"],
        withdrawn=True,
        session_id=answer["session"],
        answer=answer["answer"],
        done=answer["done"],
        answered_at=answer["updated_at"],
    )


def answer_note(
    uid: str, session_id: int | None = None, answer: str | None = None, done: bool | None = None
) -> Changes:
    """My side of a note addressed to me: the session that took it up (when given), my answer
    (when given) and whether it is done (when given). The row keeps the note's words as they
    are now. Written in the caller's transaction, if any."""
    _server()
    note = (
        StudioNote.select(StudioNote, SQL(f'"{OWNER}"').alias("writer"))
        .where((StudioNote.uid == uid) & (StudioNote.student == SQL("current_user::text")))
        .first()
    )
    if note is None:
        raise StudioError("That note is not addressed to you, or its writer deleted it.")
    if session_id is not None and not Session.select().where(Session.id == session_id).exists():
        raise StudioError(f"Session {session_id} does not exist.")
    if answer is not None and len(answer) > MAX_ANSWER_CHARS:
        raise StudioError(
            f"An answer holds at most {MAX_ANSWER_CHARS} characters; make it shorter."
        )
    values: dict[str, Any] = {
        "teacher": note.writer,
        "note_kind": note.kind,
        "note_text": note.text,
        "updated_at": utcnow(),
    }
    if session_id is not None:
        values["session"] = session_id
    if answer is not None:
        values["answer"] = answer.strip()
    if done is not None:
        values["done"] = done
    with database.atomic():
        existing = NoteAnswer.select(NoteAnswer.id).where(
            (NoteAnswer.note_uid == uid) & _mine(NoteAnswer)
        )
        row = existing.first()
        if row is None:
            NoteAnswer.insert(note_uid=uid, **values).execute()
        else:
            NoteAnswer.update(**values).where(NoteAnswer.id == row.id).execute()
    return Changes(notes=True)


# --- restoring ---------------------------------------------------------------------------------


def untaught_students(students: Iterable[str]) -> list[str]:
    """Of these students, those the connected person does not teach in this studio (whose
    notes row security would refuse), sorted."""
    return sorted(
        name
        for name in set(students)
        if not database.execute_sql(
            "SELECT cadence_teaches(current_user::text, %s)", (name,)
        ).fetchone()[0]
    )


def note_rows_problem() -> str:
    """What is wrong with the journal's own notes and answers, for a restore; "" when fine."""
    notes = StudioNote.select(StudioNote.id, StudioNote.text, StudioNote.kind)
    answers = NoteAnswer.select(NoteAnswer.id, NoteAnswer.note_text, NoteAnswer.note_kind)
    if server.is_server(database.obj):
        notes, answers = notes.where(_mine(StudioNote)), answers.where(_mine(NoteAnswer))
    for note_id, text, kind in notes.tuples().iterator():
        problem = note_problem(text, kind)
        if problem:
            return f"The note {note_id} in the export is not valid ({problem})"
    for answer_id, text, kind in answers.tuples().iterator():
        problem = note_problem(text, kind)
        if problem:
            return f"The answer {answer_id} in the export is not valid: its note {problem[0].lower()}{problem[1:]}"
    return ""


# --- both --------------------------------------------------------------------------------------


def _answers(uids: Iterable[str], mine: bool) -> dict[tuple[str, str], dict[str, Any]]:
    """The answer rows to these notes this connection may read: (note uid, its writer) → row."""
    uids = list(uids)
    if not uids:
        return {}
    names: tuple[str, ...] = ("note_uid", "teacher", "note_kind", "note_text", "session", "answer")
    names += ("done", "created_at", "updated_at")
    columns = [getattr(NoteAnswer, name) for name in names]
    query = NoteAnswer.select(*columns, SQL(f'"{OWNER}"')).where(NoteAnswer.note_uid.in_(uids))
    if mine:
        query = query.where(_mine(NoteAnswer))
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for *values, writer in query.tuples().iterator():
        row: dict[str, Any] = dict(zip(names, values, strict=True))
        found[(row["note_uid"], writer)] = row
    return found


def _note(row: StudioNote, teacher: str, answer: dict[str, Any] | None) -> Note:
    return Note(
        uid=row.uid,
        teacher=teacher,
        student=row.student,
        kind=NoteKind(row.kind),
        text=row.text,
        discipline=row.discipline,
        passage=row.passage,
        created_at=row.created_at,
        withdrawn=row.withdrawn_at is not None,
        session_id=answer["session"] if answer else None,
        answer=answer["answer"] if answer else "",
        done=bool(answer["done"]) if answer else False,
        answered_at=answer["updated_at"] if answer else None,
        id=row.id,
    )
