"""Who sees and writes which rows of a journal on a PostgreSQL server: row-level security.

Every journal table's rows have an `owner` (store/server.py). The policies, forced on the tables'
owner too (only a superuser or a BYPASSRLS role passes them by, and `cadence studio` never makes
either):

- everyone writes (inserts, updates, deletes) only rows they own;
- everyone reads their own rows;
- a teacher or coach who has set `cadence.person` to a student they teach (`SET cadence.person =
  'alice'`, what the people picker and `--person` do) reads that student's sessions, blocks,
  intentions and stop-points, and the session reflections marked "share in reports" — never
  day entries, unshared reflections, drafts or anything else. Without it, a teacher's window
  shows their own journal only, like a student's.

Who teaches whom is in `studio_member`: a teacher or coach teaches every student of the studio,
or only the students added with `--teacher` naming them. A member removed from it is no longer
visible to anyone but themself.
"""

from __future__ import annotations

from peewee import PostgresqlDatabase

from cadence.store import studio_note_policies as note_policies
from cadence.store.server import OWNER, journal_tables

MEMBERS = "studio_member"
TEACHER_READS = ("session", "block", "intention", "stop_point")
SHARED_REFLECTION = "share_in_reports AND session_id IS NOT NULL"
TEACHING_KINDS = ("teacher", "coach")
KINDS = ("student", *TEACHING_KINDS)


def _read_rule(table: str) -> str:
    own = f'"{OWNER}" = current_user'
    teaches = f'cadence_teaches(current_user::text, "{OWNER}")'
    if table in TEACHER_READS:
        shared = teaches
    elif table == "reflection":
        shared = f"{SHARED_REFLECTION} AND {teaches}"
    else:
        return f'"{OWNER}" = cadence_viewed() AND {own}'
    return f'"{OWNER}" = cadence_viewed() AND ({own} OR {shared})'


def apply(db: PostgresqlDatabase) -> None:
    """Create or renew the members table, the two functions the policies call and every
    table's policies (idempotent)."""
    kinds = ", ".join(f"'{k}'" for k in KINDS)
    teaching = ", ".join(f"'{k}'" for k in TEACHING_KINDS)
    db.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {MEMBERS} (role text PRIMARY KEY, "
        f"kind text NOT NULL CHECK (kind IN ({kinds})), teacher text, "
        "added_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))"
    )
    # SECURITY DEFINER: the policies ask who teaches whom without members reading the table.
    db.execute_sql(
        f"""CREATE OR REPLACE FUNCTION cadence_teaches(reader text, owner text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT EXISTS (
          SELECT 1 FROM {MEMBERS} s JOIN {MEMBERS} t ON t.role = reader
          WHERE s.role = owner AND s.kind = 'student' AND t.kind IN ({teaching})
            AND (s.teacher IS NULL OR s.teacher = reader)) $$"""
    )
    db.execute_sql(
        """CREATE OR REPLACE FUNCTION cadence_viewed() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('cadence.person', true), ''), current_user::text)
        $$"""
    )
    for table in journal_tables():
        if table not in note_policies.TABLES:
            _policies(db, table, _read_rule(table))
    note_policies.apply(db)
    db.execute_sql(f"ALTER TABLE {MEMBERS} ENABLE ROW LEVEL SECURITY")
    db.execute_sql(f"DROP POLICY IF EXISTS cadence_read ON {MEMBERS}")
    db.execute_sql(
        f"CREATE POLICY cadence_read ON {MEMBERS} FOR SELECT "
        "USING (role = current_user OR cadence_teaches(current_user::text, role))"
    )


def _policies(db: PostgresqlDatabase, table: str, read: str) -> None:
    t = f'"{table}"'
    own = f'"{OWNER}" = current_user'
    db.execute_sql(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
    db.execute_sql(f"ALTER TABLE {t} FORCE ROW LEVEL SECURITY")
    for name in ("cadence_read", "cadence_insert", "cadence_update", "cadence_delete"):
        db.execute_sql(f"DROP POLICY IF EXISTS {name} ON {t}")
    db.execute_sql(f"CREATE POLICY cadence_read ON {t} FOR SELECT USING ({read})")
    db.execute_sql(f"CREATE POLICY cadence_insert ON {t} FOR INSERT WITH CHECK ({own})")
    db.execute_sql(
        f"CREATE POLICY cadence_update ON {t} FOR UPDATE USING ({own}) WITH CHECK ({own})"
    )
    db.execute_sql(f"CREATE POLICY cadence_delete ON {t} FOR DELETE USING ({own})")
