"""Who reads and writes a teacher's notes and a student's answers to them, on a studio's server
(row-level security, like studio_policies.py for the rest of the journal):

- `studio_note` rows belong to the teacher or coach who wrote them. Its writer may insert or
  update a note only for a student they teach (`cadence_teaches`); the student it is addressed to
  reads it (and keeps reading it after leaving the studio: it was written to them); nobody else.
- `note_answer` rows belong to the student who wrote them; they write only their own. The
  teacher reads an answer when it answers a note of theirs addressed to that very student and
  they still teach that student; nobody else.

`cadence.person` (a teacher looking at a student's journal) does not narrow these two tables:
notes are between two people, both of whom see them whatever journal they look at. A person's
export holds only the rows they own (services/export.py).
"""

from __future__ import annotations

from peewee import PostgresqlDatabase

from cadence.store.models import NoteAnswer, StudioNote
from cadence.store.server import OWNER

NOTES = StudioNote._meta.table_name
ANSWERS = NoteAnswer._meta.table_name
TABLES = (NOTES, ANSWERS)


def _rules() -> dict[str, dict[str, str]]:
    own = f'"{OWNER}" = current_user'
    teaches_student = "cadence_teaches(current_user::text, student)"
    note_of_mine = (
        f'EXISTS (SELECT 1 FROM "{NOTES}" n WHERE n.uid = "{ANSWERS}".note_uid '
        f'AND n."{OWNER}" = current_user AND n.student = "{ANSWERS}"."{OWNER}")'
    )
    return {
        NOTES: {
            "read": f"{own} OR student = current_user::text",
            "write": f"{own} AND {teaches_student}",
            "delete": own,
        },
        ANSWERS: {
            "read": (
                f'{own} OR (cadence_teaches(current_user::text, "{ANSWERS}"."{OWNER}") '
                f"AND {note_of_mine})"
            ),
            "write": own,
            "delete": own,
        },
    }


def apply(db: PostgresqlDatabase) -> None:
    """Renew the two tables' policies (idempotent; after studio_policies.apply, which made the
    functions they call)."""
    for table, rule in _rules().items():
        t = f'"{table}"'
        db.execute_sql(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        db.execute_sql(f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY")
        for name in ("cadence_read", "cadence_insert", "cadence_update", "cadence_delete"):
            db.execute_sql(f"DROP POLICY IF EXISTS {name} ON {t}")
        db.execute_sql(f"CREATE POLICY cadence_read ON {t} FOR SELECT USING ({rule['read']})")
        db.execute_sql(
            f"CREATE POLICY cadence_insert ON {t} FOR INSERT WITH CHECK ({rule['write']})"
        )
        db.execute_sql(
            f"CREATE POLICY cadence_update ON {t} FOR UPDATE USING ({rule['delete']}) "
            f"WITH CHECK ({rule['write']})"
        )
        db.execute_sql(f"CREATE POLICY cadence_delete ON {t} FOR DELETE USING ({rule['delete']})")
