"""A teacher's or coach's notes and assignments for a student (docs/studio.md, "Notes and
assignments"): what they are and what a well-formed one holds. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

MAX_NOTE_CHARS = 2000  # a note is a few lines, not a lesson plan
MAX_ANSWER_CHARS = 10_000  # a student's answer, in a session's reflection
MAX_INTENTION_CHARS = 200  # what of a note becomes a session's intention, at most


class NoteKind(StrEnum):
    NOTE = "note"  # something to think about or try
    ASSIGNMENT = "assignment"  # something to practise ("bars 33-48 at 80, hands separately")


@dataclass(frozen=True)
class Note:
    """A note as its student sees it, with their own side of it (the answer is theirs)."""

    uid: str
    teacher: str
    student: str
    kind: NoteKind
    text: str
    discipline: str | None
    passage: str
    created_at: datetime
    withdrawn: bool = False
    session_id: int | None = None  # the student's session that took it up
    answer: str = ""
    done: bool = False
    answered_at: datetime | None = None
    id: int | None = None  # the teacher's row (None where only the student's copy is left)


def note_problem(text: str, kind: str) -> str:
    """What is wrong with a note's text or kind, in words that say what to do; "" when fine."""
    if not text.strip():
        return "Write what the note says first."
    if len(text) > MAX_NOTE_CHARS:
        return f"A note holds at most {MAX_NOTE_CHARS} characters; make it shorter or write two."
    if kind not in {k.value for k in NoteKind}:
        return f"A note is a note or an assignment, not {kind!r}."
    return ""


def as_intention(note_text: str) -> str:
    """The note's first line, as the intention of the session that takes it up."""
    first = note_text.strip().splitlines()[0].strip() if note_text.strip() else ""
    if len(first) <= MAX_INTENTION_CHARS:
        return first
    return first[: MAX_INTENTION_CHARS - 1].rstrip() + "…"
