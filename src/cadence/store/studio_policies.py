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
  shows their own journal only, like a student's;
- a teacher or coach who has set `cadence.person` to `*` (STUDIO_WIDE, what the studio overview
  does for the length of its queries) reads those same tables of every student they teach at
  once, and nothing of their own.

Who teaches whom is in `studio_member`: a teacher or coach teaches every student of the studio,
or only the students added with `--teacher` naming them. A member removed from it is no longer
visible to anyone but themself.
"""

from __future__ import annotations

from peewee import ForeignKeyField, PostgresqlDatabase

from cadence.store import studio_note_policies as note_policies
from cadence.store.models import ALL_MODELS
from cadence.store.server import OWNER, journal_tables

MEMBERS = "studio_member"
TEACHER_READS = ("session", "block", "intention", "stop_point")
SHARED_REFLECTION = "share_in_reports AND session_id IS NOT NULL"
TEACHING_KINDS = ("teacher", "coach")
KINDS = ("student", *TEACHING_KINDS)
# `cadence.person` for "every student I teach" (never a role name: services.studio.members.ROLE_NAME)
STUDIO_WIDE = "*"


def _read_rule(table: str) -> str:
    own = f'"{OWNER}" = current_user'
    teaches = f'cadence_teaches(current_user::text, "{OWNER}")'
    # the students one teaches, asked once per query (an InitPlan), not once per row
    studio = (
        f"cadence_viewed() = '{STUDIO_WIDE}' "
        f'AND "{OWNER}" = ANY ((SELECT cadence_taught(current_user::text))::text[])'
    )
    if table in TEACHER_READS:
        shared, wide = teaches, studio
    elif table == "reflection":
        shared, wide = f"{SHARED_REFLECTION} AND {teaches}", f"{SHARED_REFLECTION} AND {studio}"
    else:
        return f'"{OWNER}" = cadence_viewed() AND {own}'
    return f'("{OWNER}" = cadence_viewed() AND ({own} OR {shared})) OR ({wide})'


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
        f"""CREATE OR REPLACE FUNCTION cadence_taught(reader text) RETURNS text[]
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
        SELECT coalesce(array_agg(s.role), '{{}}') FROM {MEMBERS} s JOIN {MEMBERS} t
          ON t.role = reader
        WHERE s.kind = 'student' AND t.kind IN ({teaching})
          AND (s.teacher IS NULL OR s.teacher = reader) $$"""
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
    own_parents(db)
    (group,) = db.execute_sql("SELECT member_role FROM cadence_schema").fetchone() or (None,)
    restrict_functions(db, group)
    db.execute_sql(f"ALTER TABLE {MEMBERS} ENABLE ROW LEVEL SECURITY")
    db.execute_sql(f"DROP POLICY IF EXISTS cadence_read ON {MEMBERS}")
    db.execute_sql(
        f"CREATE POLICY cadence_read ON {MEMBERS} FOR SELECT "
        "USING (role = current_user OR cadence_teaches(current_user::text, role))"
    )


# (table, column) of a reference that may point at another person's row; none yet.
CROSS_OWNER: frozenset[tuple[str, str]] = frozenset()


def own_parents(db: PostgresqlDatabase) -> None:
    """Every reference from one journal row to another must stay within one person's rows: a
    second foreign key on (column, owner) → the parent's (id, owner), next to the models' own.
    A foreign key is checked past row security, so without it bob could hang a block on
    alice's session or a session on a teacher's piece by guessing its id. Checked at commit
    (DEFERRED), after the models' own ON DELETE has cascaded or set the column to NULL.
    Idempotent: made for the tables that lack it."""
    have = {r[0] for r in db.execute_sql("SELECT conname FROM pg_constraint WHERE contype = 'f'")}
    parents_keyed: set[str] = set()
    for model in ALL_MODELS:
        table = model._meta.table_name
        for f in model._meta.sorted_fields:
            if not isinstance(f, ForeignKeyField) or (table, f.column_name) in CROSS_OWNER:
                continue
            parent = f.rel_model._meta.table_name
            name = f"{table}_{f.column_name}_own"[:63]
            if name in have:
                continue
            if parent not in parents_keyed:
                db.execute_sql(
                    f'CREATE UNIQUE INDEX IF NOT EXISTS "{parent}_id_owner" '
                    f'ON "{parent}" ("{f.rel_field.column_name}", "{OWNER}")'
                )
                parents_keyed.add(parent)
            db.execute_sql(
                f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" FOREIGN KEY '
                f'("{f.column_name}", "{OWNER}") REFERENCES "{parent}" '
                f'("{f.rel_field.column_name}", "{OWNER}") DEFERRABLE INITIALLY DEFERRED'
            )


# What the policies and the change counter call, by signature. PostgreSQL lets every role of the
# server run a new function; these tell a little about the studio (whether one member teaches
# another, how many writes were made), so only the studio's members may.
FUNCTIONS = (
    "cadence_teaches(text, text)",
    "cadence_taught(text)",
    "cadence_viewed()",
    "cadence_changes()",
    "cadence_bump()",
)


def restrict_functions(db: PostgresqlDatabase, group: str | None) -> None:
    """Only the tables' owner and the members' group role (once there is one) may run the
    studio's functions (a trigger's function runs whoever writes: it is checked only when the
    trigger is made)."""
    from psycopg import sql

    names = ", ".join(FUNCTIONS)
    db.execute_sql(f"REVOKE EXECUTE ON FUNCTION {names} FROM PUBLIC")
    if group:
        who = sql.Identifier(group).as_string(None)
        db.execute_sql(f"GRANT EXECUTE ON FUNCTION {names} TO {who}")


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
