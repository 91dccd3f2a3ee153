"""SQLite's functions that the services' hand-written queries use, defined on the server with
SQLite's meaning (a journal on a server runs the same SQL as a journal file):

- `total(x)`: the sum as a double, 0.0 over no rows, NULLs skipped; `total` and `sum` also of a
  comparison (`total(outcome = 'achieved')` counts), since SQLite's true is 1;
- `julianday(day)`: the Julian day number of a date or time (days since noon, 4714 BC);
- `group_concat(text, separator)`; the `NOCASE` collation;
- arithmetic on comparisons (`(a = b) + 0.5 * (c = d)`), since SQLite's booleans are 0 and 1.

Made with the schema (and renewed by `cadence studio init` and upgrades); all in the journal's
schema, never touching the server's own functions.
"""

from __future__ import annotations

from peewee import PostgresqlDatabase

FUNCTIONS = [
    # SQLite's NOCASE: case-blind ordering (a nondeterministic ICU collation)
    """DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'nocase'
                     AND collnamespace = current_schema()::regnamespace) THEN
        CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2',
                                 deterministic = false);
      END IF;
    END $$""",
    """CREATE OR REPLACE FUNCTION cadence_total_step(acc double precision, x double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE AS 'SELECT acc + coalesce(x, 0)'""",
    """CREATE OR REPLACE AGGREGATE total(double precision)
    (SFUNC = cadence_total_step, STYPE = double precision, INITCOND = '0')""",
    """CREATE OR REPLACE FUNCTION cadence_total_step(acc double precision, x boolean)
    RETURNS double precision LANGUAGE sql IMMUTABLE AS 'SELECT acc + coalesce(x::int, 0)'""",
    """CREATE OR REPLACE AGGREGATE total(boolean)
    (SFUNC = cadence_total_step, STYPE = double precision, INITCOND = '0')""",
    """CREATE OR REPLACE FUNCTION cadence_sum_step(acc bigint, x boolean) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS
    'SELECT CASE WHEN x IS NULL THEN acc ELSE coalesce(acc, 0) + x::int END'""",
    """CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = cadence_sum_step, STYPE = bigint)""",
    """CREATE OR REPLACE FUNCTION julianday(d date) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$SELECT (d - DATE '1970-01-01') + 2440587.5$$""",
    """CREATE OR REPLACE FUNCTION julianday(t timestamp) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS $$SELECT extract(epoch FROM t)::double precision / 86400 + 2440587.5$$""",
    """CREATE OR REPLACE FUNCTION cadence_concat_step(acc text, x text, sep text) RETURNS text
    LANGUAGE sql IMMUTABLE AS
    'SELECT CASE WHEN x IS NULL THEN acc WHEN acc IS NULL THEN x ELSE acc || sep || x END'""",
    """CREATE OR REPLACE AGGREGATE group_concat(text, text)
    (SFUNC = cadence_concat_step, STYPE = text)""",
]

# (left, right, result, expression) of the operators on SQLite's 0/1 booleans
_ARITHMETIC = [
    ("+", "boolean", "boolean", "integer", "$1::int + $2::int"),
    ("+", "boolean", "numeric", "numeric", "$1::int + $2"),
    ("+", "numeric", "boolean", "numeric", "$1 + $2::int"),
    ("*", "numeric", "boolean", "numeric", "$1 * $2::int"),
    ("*", "boolean", "numeric", "numeric", "$1::int * $2"),
]
_NAMES = {"+": "plus", "*": "times"}


def apply(db: PostgresqlDatabase) -> None:
    for sql in FUNCTIONS:
        db.execute_sql(sql)
    for op, left, right, result, body in _ARITHMETIC:
        name = f"cadence_{left}_{_NAMES[op]}_{right}"
        db.execute_sql(
            f"CREATE OR REPLACE FUNCTION {name}({left}, {right}) RETURNS {result} "
            f"LANGUAGE sql IMMUTABLE AS 'SELECT {body}'"
        )
        exists = db.execute_sql(
            "SELECT 1 FROM pg_operator WHERE oprname = %s AND oprleft = %s::regtype "
            "AND oprright = %s::regtype",
            (op, left, right),
        ).fetchone()
        if exists is None:
            db.execute_sql(
                f"CREATE OPERATOR {op} (LEFTARG = {left}, RIGHTARG = {right}, FUNCTION = {name})"
            )
