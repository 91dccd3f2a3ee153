"""`cadence studio note|notes|withdraw`: a teacher's or coach's notes and assignments for a
student, and the students' answers (docs/studio.md, "Notes and assignments")."""

from __future__ import annotations

import argparse

from cadence.domain.enums import Discipline
from cadence.domain.notes import Note, NoteKind
from cadence.services.studio import notes as studio_notes

ACTIONS = ("note", "notes", "withdraw")


def add_arguments(sub) -> tuple[argparse.ArgumentParser, ...]:
    note = sub.add_parser("note", help="write a note or an assignment for a student you teach")
    note.add_argument("student", help="the student's login name")
    note.add_argument("text", help='what it says, e.g. "bars 33-48 at 80, hands separately"')
    note.add_argument(
        "--assignment", action="store_true", help="something to practise, not only a note"
    )
    note.add_argument("--discipline", choices=[d.value for d in Discipline])
    note.add_argument("--passage", default="", help='the passage it is about, e.g. "bars 33-48"')
    notes = sub.add_parser(
        "notes", help="the notes you wrote and their answers, or the notes written to you"
    )
    notes.add_argument("--student", metavar="NAME", help="only those to this student")
    notes.add_argument("--all", action="store_true", help="also withdrawn or done ones")
    withdraw = sub.add_parser("withdraw", help="take back a note you wrote (by its number)")
    withdraw.add_argument("id", type=int)
    return note, notes, withdraw


def act(args: argparse.Namespace) -> int:
    if args.action == "note":
        kind = NoteKind.ASSIGNMENT if args.assignment else NoteKind.NOTE
        studio_notes.write_note(args.student, args.text, kind, args.discipline, args.passage)
        print(f"Wrote {'an assignment' if args.assignment else 'a note'} for {args.student}.")
        return 0
    if args.action == "withdraw":
        studio_notes.withdraw_note(args.id)
        print(f"Withdrew note {args.id}: it has left its student's Today.")
        return 0
    written = studio_notes.notes_written(args.student, include_withdrawn=args.all)
    for note in written:
        print(_written(note))
    if written:
        return 0
    mine = [] if args.student else studio_notes.notes_for_me(include_done=args.all)
    for note in mine:
        print(_received(note))
    if not mine:
        print("No notes yet.")
    return 0


def _kind(note: Note) -> str:
    about = f" ({note.passage})" if note.passage else ""
    return f"{note.kind.value}{about}"


def _written(note: Note) -> str:
    state = "withdrawn" if note.withdrawn else "done" if note.done else "open"
    if note.session_id is not None and not note.done:
        state = "taken up"
    lines = [f"#{note.id} to {note.student}, {note.created_at:%Y-%m-%d}, {_kind(note)}, {state}"]
    lines.append(f"    {note.text}")
    if note.answer:
        lines.append(f"    {note.student} answered: {note.answer}")
    return "\n".join(lines)


def _received(note: Note) -> str:
    state = "done" if note.done else "taken up" if note.session_id is not None else "open"
    lines = [f"from {note.teacher}, {note.created_at:%Y-%m-%d}, {_kind(note)}, {state}"]
    lines.append(f"    {note.text}")
    if note.answer:
        lines.append(f"    you answered: {note.answer}")
    return "\n".join(lines)
