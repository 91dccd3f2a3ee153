"""A studio or team on a PostgreSQL server: its members, their login roles, and whose journal a
teacher is looking at (docs/studio.md). The privacy itself is the database's row-level security
(store/studio_policies.py); this module sets up who is who.

Every function needs a server journal open (store.db.open_journal with a postgresql:// URL).
`init_studio` and the member changes need the admin: the role that owns the journal's tables and
may create roles (CREATEROLE). Passwords are hashed by libpq before they are sent (SCRAM), so the
server never logs them in clear, and nothing here prints or keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from cadence.store import server
from cadence.store.errors import JournalError
from cadence.store.models import database
from cadence.store.studio_policies import KINDS, MEMBERS, TEACHING_KINDS, restrict_functions

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class StudioError(JournalError, ValueError):
    """The studio change cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Member:
    name: str
    kind: str
    teacher: str | None  # None: every teacher and coach of the studio
    added_at: datetime | str


def _db():
    db = database.obj
    if not server.is_server(db):
        raise StudioError(
            "A studio lives on a PostgreSQL server: give --db postgresql://ADMIN@HOST/DB."
        )
    return db


def _ident(name: str) -> str:
    from psycopg import sql

    return sql.Identifier(name).as_string(None)


def _one(query: str, params: tuple = ()) -> tuple | None:
    return _db().execute_sql(query, params).fetchone()


def _row(query: str, params: tuple = ()) -> tuple:
    """The row of a query that always has one (current_user, current_database(), ...)."""
    row = _one(query, params)
    if row is None:
        raise StudioError(f"The server answered no row to: {query}")
    return row


def member_role() -> str:
    """The group role every member belongs to, which holds the rights on the journal's tables
    (one per studio database, since roles are shared by all databases of a server)."""
    (name,) = _row("SELECT current_database()")
    return f"cadence_{name}"[:63]


def init_studio() -> str:
    """Make the open server journal a studio: its members' group role and what it may do.
    Idempotent (the journal was already created or upgraded by opening it)."""
    db = _db()
    (owner,) = _row("SELECT tableowner FROM pg_tables WHERE tablename = 'session' LIMIT 1")
    (me, may_create_roles) = _row(
        "SELECT current_user, rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user"
    )
    if owner != me:
        raise StudioError(
            f"The studio's tables belong to {owner}: run `cadence studio` as that role."
        )
    if not may_create_roles:
        raise StudioError(
            f"{me} may not create roles: give it CREATEROLE (ALTER ROLE {me} CREATEROLE) or "
            "run as a role that has it."
        )
    group = member_role()
    g = _ident(group)
    with db.atomic():
        if _one("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)) is None:
            db.execute_sql(f"CREATE ROLE {g} NOLOGIN NOSUPERUSER NOBYPASSRLS")
        (database_name, schema) = _row("SELECT current_database(), current_schema()")
        db.execute_sql(f"GRANT CONNECT ON DATABASE {_ident(database_name)} TO {g}")
        db.execute_sql(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {g}")
        tables = ", ".join(_ident(t) for t in server.journal_tables())
        db.execute_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {g}")
        db.execute_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_ident(schema)} TO {g}")
        db.execute_sql(f"GRANT SELECT ON cadence_schema, {MEMBERS} TO {g}")
        db.execute_sql("UPDATE cadence_schema SET member_role = %s", (group,))
        restrict_functions(db, group)
        server.renew_bump(db)  # a studio made by an older Cadence announces its writes too
    return group


def add_member(
    name: str, kind: str, teacher: str | None = None, password: str | None = None
) -> bool:
    """Add `name` as a student, teacher or coach: a login role (made if need be, never a
    superuser or one that bypasses row security) in the studio's group. Returns True if the
    role was made now. A student is taught by `teacher` only, if given, else by everyone who
    teaches or coaches in the studio."""
    db = _db()
    if not ROLE_NAME.match(name):
        raise StudioError(
            f"{name!r} cannot be a member's name: use lower-case letters, digits and _, "
            "starting with a letter (at most 63)."
        )
    if kind not in KINDS:
        raise StudioError(f"unknown role {kind!r}; choose one of: {', '.join(KINDS)}")
    if teacher is not None:
        if kind != "student":
            raise StudioError("--teacher is for a student: it names who teaches them.")
        found = _one(f"SELECT kind FROM {MEMBERS} WHERE role = %s", (teacher,))
        if found is None or found[0] not in TEACHING_KINDS:
            raise StudioError(
                f"{teacher} is not a teacher or coach of this studio; add them first "
                f"(cadence studio add {teacher} --role teacher)."
            )
    group = member_role()
    if _one("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)) is None:
        raise StudioError("This database is not a studio yet: run `cadence studio init` first.")
    existing = _one(
        "SELECT rolsuper OR rolbypassrls OR rolcreaterole, rolcanlogin FROM pg_roles "
        "WHERE rolname = %s",
        (name,),
    )
    if existing is not None and existing[0]:
        raise StudioError(
            f"{name} is a superuser or may bypass row security or create roles: such a role "
            "would see every journal. Choose another name for the member."
        )
    who = _ident(name)
    with db.atomic():
        if existing is None:
            db.execute_sql(
                f"CREATE ROLE {who} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT"
            )
        elif not existing[1]:
            db.execute_sql(f"ALTER ROLE {who} LOGIN")
        if password is not None:
            set_password(name, password)
        db.execute_sql(f"GRANT {_ident(group)} TO {who}")
        db.execute_sql(
            f"INSERT INTO {MEMBERS} (role, kind, teacher) VALUES (%s, %s, %s) "
            "ON CONFLICT (role) DO UPDATE SET kind = EXCLUDED.kind, teacher = EXCLUDED.teacher",
            (name, kind, teacher),
        )
    return existing is None


def set_password(name: str, password: str) -> None:
    """Set a member's password, hashed by libpq (SCRAM) before it leaves this process."""
    if not password:
        raise StudioError("The password is empty: type one, or leave it out for peer/cert login.")
    connection = _db().connection()
    hashed = connection.pgconn.encrypt_password(
        password.encode(), name.encode(), b"scram-sha-256"
    ).decode()
    from psycopg import sql

    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(
        sql.Identifier(name), sql.Literal(hashed)
    )
    _db().execute_sql(statement.as_string(connection))


def remove_member(name: str) -> None:
    """Take `name` out of the studio: nobody else sees their rows any more. They keep their
    login and their own rows, to export and take with them; the admin drops the role
    (DROP OWNED BY, DROP ROLE) once they have."""
    db = _db()
    with db.atomic():
        gone = db.execute_sql(f"DELETE FROM {MEMBERS} WHERE role = %s", (name,)).rowcount
        if not gone:
            raise StudioError(f"{name} is not a member of this studio.")


def members() -> list[Member]:
    """The studio's members (all of them for the admin; a member sees themself and whom they
    teach)."""
    rows = _db().execute_sql(
        f"SELECT role, kind, teacher, added_at FROM {MEMBERS} ORDER BY kind, role"
    )
    return [Member(*row) for row in rows.fetchall()]


def students_taught() -> list[str]:
    """The students the login role teaches or coaches, by name (empty for a student, for the
    admin and on a server journal that is not a studio): the people picker's list."""
    (me,) = _row("SELECT current_user")
    everyone = members()
    if not any(m.name == me and m.kind in TEACHING_KINDS for m in everyone):
        return []
    return sorted(m.name for m in everyone if m.kind == "student" and m.name != me)


# Whose journal the window's connection shows: (the database, the person), set by view_person.
_viewing: tuple[int, str] | None = None


def viewed_person() -> str | None:
    """The person whose journal is being looked at, or None for one's own (also after another
    journal was opened: the setting belongs to the connection it was made on)."""
    db = database.obj
    if _viewing is None or db is None or _viewing[0] != id(db):
        return None
    return _viewing[1]


def view_person(name: str | None) -> None:
    """Look at `name`'s journal (a teacher or coach; what row security lets them read), or at
    one's own again with None. Charts refresh by themselves: the journal's version changes.
    Raises StudioError for someone who is not a member one teaches."""
    if name:
        (me,) = _row("SELECT current_user")
        taught = _one(f"SELECT 1 FROM {MEMBERS} WHERE role = %s AND role <> %s", (name, me))
        if name != me and taught is None:
            raise StudioError(
                f"{name} is not a student you teach in this studio (cadence studio members "
                "lists them)."
            )
    _db().execute_sql("SELECT set_config('cadence.person', %s, false)", (name or "",))
    global _viewing
    _viewing = (id(database.obj), name) if name else None
