"""Pages of the session tables (Music, Running) straight from SQL, so that a table over 100,000
sessions only ever holds the rows on screen.

`count(filter)` says how many rows match; `page(filter, sort, offset, limit)` returns one page
with the aggregate columns (pieces, intention outcomes, accuracy, reps, stop-points) computed by
SQLite. A page is read in two steps: the ids in the asked order (only the sort expression is
evaluated over all matching rows), then the aggregates for those ids alone.

Also here: the repertoire with each passage's best clean tempo, and a passage's tempo history.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from cadence.domain.enums import Discipline
from cadence.domain.measures import accuracy, intention_rate
from cadence.domain.units import run_pace
from cadence.services.browse import tally
from cadence.store.models import CLEAN_BLOCK_SQL, NOT_DONE_SQL, database
from cadence.store.queries import (
    accuracy_blocks_sql,
    completion_blocks_sql,
    counted_sql,
    intention_met_sql,
    intention_rated_sql,
)

# --- filter and sort -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFilter:
    """Which sessions a table shows. Dates are local and inclusive; `text` matches every word
    (in any order) in the title, notes, intentions or reflections."""

    discipline: Discipline
    start: date | None = None
    end: date | None = None
    text: str = ""
    piece_id: int | None = None  # music: sessions with a block on one of this piece's passages
    kind: str | None = None


@dataclass(frozen=True)
class Sort:
    key: str = "date"
    descending: bool = True


_ACCURACY = f"""(SELECT total(b.clean_reps) / nullif(total(b.done_reps), 0) FROM block b
    WHERE b.session_id = s.id AND {accuracy_blocks_sql()})"""
_COMPLETION = f"""(SELECT total(b.done_reps) / nullif(total(b.planned_reps), 0) FROM block b
    WHERE b.session_id = s.id AND {completion_blocks_sql()})"""
_INTENTION_RATE = f"""(SELECT {intention_met_sql()} / nullif({intention_rated_sql()}, 0)
    FROM intention i WHERE i.session_id = s.id)"""

# What each sortable column orders by, and what it holds when it can be empty ("number" or
# "text"; "" for never empty). Keys are the column keys of the UI tables.
SORT_EXPRESSIONS: dict[str, tuple[str, str]] = {
    "date": ("s.local_date", ""),
    "kind": ("s.kind", ""),
    "title": ("s.title", "text"),
    "minutes": ("s.duration_s", ""),
    "time": ("s.duration_s", ""),
    "distance": ("s.distance_m", "number"),
    "pace": ("coalesce(nullif(s.moving_s, 0), s.duration_s) / nullif(s.distance_m, 0)", "number"),
    "hr": ("s.avg_hr", "number"),
    "rpe": ("s.rpe", "number"),
    "focus": ("s.focus", "number"),
    "pieces": (
        """(SELECT min(pc.title COLLATE NOCASE) FROM block b
        JOIN passage p ON p.id = b.passage_id JOIN piece pc ON pc.id = p.piece_id
        WHERE b.session_id = s.id)""",
        "text",
    ),
    "intention": (
        """(SELECT i.text FROM intention i WHERE i.session_id = s.id
        ORDER BY i.position LIMIT 1)""",
        "text",
    ),
    "outcome": (_INTENTION_RATE, "number"),
    "accuracy": (_ACCURACY, "number"),
    "reps": (_COMPLETION, "number"),
    "stops": ("(SELECT count(*) FROM stop_point sp WHERE sp.session_id = s.id)", ""),
}

# Stand-ins for an empty value that sort after every real one (so it is computed once per row,
# not once for "IS NULL" and again for the value). Text: '' is the least string, U+10FFFF the
# greatest code point.
_LAST = {
    ("number", False): "1e308",
    ("number", True): "-1e308",
    ("text", False): "char(1114111)",
    ("text", True): "''",
}


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _word_variants(word: str) -> list[str]:
    """SQLite's LIKE folds case for ASCII only; also try the usual casings of the word so that
    'étude' finds 'Étude'."""
    if word.isascii():
        return [word]
    return list(dict.fromkeys((word, word.lower(), word.capitalize(), word.upper())))


def _text_condition(word: str) -> tuple[str, list[object]]:
    parts, params = [], []
    for variant in _word_variants(word):
        pattern = _like_pattern(variant)
        parts.append(
            "s.title LIKE ? ESCAPE '\\' OR s.notes LIKE ? ESCAPE '\\'"
            " OR EXISTS (SELECT 1 FROM intention i WHERE i.session_id = s.id"
            " AND i.text LIKE ? ESCAPE '\\')"
            " OR EXISTS (SELECT 1 FROM reflection r WHERE r.session_id = s.id"
            " AND r.text LIKE ? ESCAPE '\\')"
        )
        params += [pattern] * 4
    return "(" + " OR ".join(parts) + ")", params


_TRASHED = "SELECT id FROM session WHERE deleted_at IS NOT NULL"


def _where(flt: ListFilter, trashed: bool = True) -> tuple[str, list[object]]:
    """The filter as SQL; `trashed=False` when no session is trashed (then there is nothing to
    leave out, and counting need not look each row up among them)."""
    if flt.start is not None and flt.end is not None and flt.end < flt.start:
        raise ValueError(
            f"the date range ends ({flt.end.isoformat()}) before it starts "
            f"({flt.start.isoformat()}); swap the two dates"
        )
    # "not among the trashed" rather than "deleted_at IS NULL": both indexes then cover the
    # query, so counting and walking to a deep OFFSET never read the (wide) session rows.
    clauses = ["s.discipline = ?"] + ([f"s.id NOT IN ({_TRASHED})"] if trashed else [])
    params: list[object] = [Discipline(flt.discipline).value]
    if flt.start is not None:
        clauses.append("s.local_date >= ?")
        params.append(flt.start.isoformat())
    if flt.end is not None:
        clauses.append("s.local_date <= ?")
        params.append(flt.end.isoformat())
    if flt.kind:
        clauses.append("s.kind = ?")
        params.append(str(flt.kind))
    if flt.piece_id is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM block b JOIN passage p ON p.id = b.passage_id"
            " WHERE b.session_id = s.id AND p.piece_id = ?)"
        )
        params.append(flt.piece_id)
    for word in flt.text.split():
        sql, word_params = _text_condition(word)
        clauses.append(sql)
        params += word_params
    return " AND ".join(clauses), params


def _order_by(sort: Sort) -> str:
    try:
        expression, empty = SORT_EXPRESSIONS[sort.key]
    except KeyError:
        known = ", ".join(sorted(SORT_EXPRESSIONS))
        raise ValueError(f"cannot sort by {sort.key!r}; choose one of: {known}") from None
    direction = "DESC" if sort.descending else "ASC"
    if empty:
        expression = f"coalesce({expression}, {_LAST[empty, sort.descending]})"
    if empty == "text":
        expression += " COLLATE NOCASE"
    # Ties fall back to the date and the id (the rowid, so the (discipline, local_date) index
    # serves the date order without a sort step); pages never overlap.
    terms = [f"{expression} {direction}"]
    if sort.key != "date":
        terms.append(f"s.local_date {direction}")
    terms.append(f"s.id {direction}")
    return ", ".join(terms)


# --- pages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of a session table. Sums over blocks are None when no block recorded them."""

    id: int
    discipline: str
    kind: str
    status: str
    local_date: date
    title: str
    duration_s: float
    rpe: int | None
    focus: int | None
    distance_m: float | None
    avg_hr: int | None
    pieces: tuple[str, ...]
    intention: str  # the first intention
    intentions: int
    achieved: int
    partly: int
    missed: int
    clean_reps: int | None  # over blocks with done reps and a clean count
    attempted_reps: int | None
    planned_reps: int | None  # over blocks with planned reps
    done_reps: int | None
    stops: int
    moving_s: float | None = None

    @property
    def accuracy(self) -> float | None:
        """Clean reps ÷ done reps (DESIGN.md, Accuracy)."""
        return accuracy(self.clean_reps, self.attempted_reps)

    @property
    def rated(self) -> int:
        return self.achieved + self.partly + self.missed

    @property
    def intention_rate(self) -> float | None:
        """measures.intention_rate of the session's intentions; None when none is rated."""
        return intention_rate(self.achieved, self.partly, self.rated)

    @property
    def pace_s_per_km(self) -> float | None:
        """The run's one pace (moving when known, else elapsed), as `run_pace` defines it."""
        return run_pace(self.duration_s, self.moving_s, self.distance_m)[0]


_ROW_SQL = f"""
SELECT s.id, s.discipline, s.kind, s.status, s.local_date, s.title, s.duration_s, s.rpe, s.focus,
    s.distance_m, s.avg_hr,
    (SELECT group_concat(pc.title, char(31)) FROM block b JOIN passage p ON p.id = b.passage_id
        JOIN piece pc ON pc.id = p.piece_id WHERE b.session_id = s.id),
    (SELECT i.text FROM intention i WHERE i.session_id = s.id ORDER BY i.position LIMIT 1),
    (SELECT count(*) FROM intention i WHERE i.session_id = s.id),
    (SELECT total(i.outcome = 'achieved') FROM intention i WHERE i.session_id = s.id),
    (SELECT total(i.outcome = 'partly') FROM intention i WHERE i.session_id = s.id),
    (SELECT total(i.outcome = 'missed') FROM intention i WHERE i.session_id = s.id),
    (SELECT sum(b.clean_reps) FROM block b WHERE b.session_id = s.id AND {accuracy_blocks_sql()}),
    (SELECT sum(b.done_reps) FROM block b WHERE b.session_id = s.id AND {accuracy_blocks_sql()}),
    (SELECT sum(b.planned_reps) FROM block b WHERE b.session_id = s.id AND {completion_blocks_sql()}),
    (SELECT total(b.done_reps) FROM block b WHERE b.session_id = s.id AND {completion_blocks_sql()}),
    (SELECT count(*) FROM stop_point sp WHERE sp.session_id = s.id),
    s.moving_s
FROM session s WHERE s.id IN ({{marks}})
"""


def count(flt: ListFilter) -> int:
    """How many sessions match the filter. Unfiltered, the craft's count kept by `tally` (moved
    by every write); else a walk of the matching index entries (the look-up of each among the
    trashed is left out when none is)."""
    if flt == ListFilter(flt.discipline, text=flt.text) and not flt.text.split():
        return tally.live_sessions(flt.discipline, lambda: _count(flt))
    return _count(flt)


def _count(flt: ListFilter) -> int:
    any_trashed = database.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM session WHERE deleted_at IS NOT NULL)"
    ).fetchone()[0]
    where, params = _where(flt, trashed=bool(any_trashed))
    return database.execute_sql(f"SELECT count(*) FROM session s WHERE {where}", params).fetchone()[
        0
    ]


def ids(flt: ListFilter, sort: Sort, offset: int, limit: int) -> list[int]:
    """The ids of rows offset .. offset+limit-1 in the sorted table (cheap: no aggregates)."""
    if offset < 0 or limit < 0:
        raise ValueError(f"offset and limit cannot be negative (got {offset}, {limit})")
    where, params = _where(flt)
    sql = f"SELECT s.id FROM session s WHERE {where} ORDER BY {_order_by(sort)} LIMIT ? OFFSET ?"
    return [r[0] for r in database.execute_sql(sql, [*params, limit, offset]).fetchall()]


def page(flt: ListFilter, sort: Sort, offset: int, limit: int) -> list[Row]:
    """Rows offset .. offset+limit-1 of the sorted, filtered table."""
    return rows_for(ids(flt, sort, offset, limit))


def position(flt: ListFilter, sort: Sort, session_id: int) -> int | None:
    """Where this session stands in the sorted table (0 = first row); None if filtered out."""
    where, params = _where(flt)
    sql = f"""
        SELECT n FROM (SELECT s.id, row_number() OVER (ORDER BY {_order_by(sort)}) - 1 AS n
                       FROM session s WHERE {where}) AS ranked
        WHERE id = ?
    """
    found = database.execute_sql(sql, [*params, session_id]).fetchone()
    return None if found is None else found[0]


def rows_for(session_ids: list[int]) -> list[Row]:
    """The rows of these sessions, in the order given (missing ids are left out)."""
    if not session_ids:
        return []
    by_id: dict[int, Row] = {}
    # SQLite allows at most 32766 parameters; pages are far smaller, but stay safe.
    for start in range(0, len(session_ids), 900):
        chunk = session_ids[start : start + 900]
        sql = _ROW_SQL.format(marks=", ".join("?" for _ in chunk))
        for values in database.execute_sql(sql, chunk).fetchall():
            row = _row(values)
            by_id[row.id] = row
    return [by_id[i] for i in session_ids if i in by_id]


def _int_or_none(value: float | None) -> int | None:
    return None if value is None else int(value)


def _row(v: tuple) -> Row:
    pieces = tuple(dict.fromkeys(v[11].split("\x1f"))) if v[11] else ()
    day = v[4] if isinstance(v[4], date) else date.fromisoformat(v[4])
    return Row(
        id=v[0],
        discipline=v[1],
        kind=v[2],
        status=v[3],
        local_date=day,
        title=v[5] or "",
        duration_s=v[6] or 0.0,
        rpe=v[7],
        focus=v[8],
        distance_m=v[9],
        avg_hr=v[10],
        pieces=pieces,
        intention=v[12] or "",
        intentions=v[13],
        achieved=int(v[14]),
        partly=int(v[15]),
        missed=int(v[16]),
        clean_reps=_int_or_none(v[17]),
        attempted_reps=_int_or_none(v[18]),
        planned_reps=_int_or_none(v[19]),
        done_reps=None if v[19] is None else int(v[20]),
        stops=v[21],
        moving_s=v[22],
    )


# --- repertoire ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageSummary:
    id: int
    label: str
    bars: str
    start_bpm: float | None
    target_bpm: float | None
    best_bpm: float | None  # best achieved BPM in a block with a clean rep, trashed excluded


@dataclass(frozen=True)
class PieceSummary:
    id: int
    title: str
    composer: str
    status: str
    passages: tuple[PassageSummary, ...]


@dataclass(frozen=True)
class TempoEntry:
    day: date
    session_id: int
    best_bpm: float


_CLEAN_TEMPO = f"b.clean_reps > 0 AND b.achieved_bpm IS NOT NULL AND {counted_sql('s')}"
# A block that reached a clean tempo in a session that counts, said so that both partial
# indexes serve it: the clean blocks' own (schema v9: by passage, then tempo) and, for the few
# sessions left out, the trashed and the not-done ones'.
_CLEAN_BLOCK_COUNTED = f"""b.{CLEAN_BLOCK_SQL} AND b.achieved_bpm IS NOT NULL
    AND b.session_id NOT IN ({_TRASHED} UNION ALL SELECT id FROM session WHERE {NOT_DONE_SQL})"""


def _sort_key(text: str) -> str:
    """'Étude' sorts with 'Etude', not after 'Z' (SQLite compares bytes beyond ASCII)."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def repertoire() -> list[PieceSummary]:
    """Every piece with its passages and their best clean tempo, in two queries."""
    pieces = sorted(
        database.execute_sql("SELECT id, title, composer, status FROM piece").fetchall(),
        key=lambda p: (_sort_key(p[1]), p[0]),
    )
    # a passage's best: the top of its range in the clean blocks' index, walked down past the
    # few blocks of sessions that do not count (not a pass over every block of the journal)
    passages = database.execute_sql(
        f"""SELECT p.id, p.piece_id, p.label, p.bars, p.start_bpm, p.target_bpm,
            (SELECT b.achieved_bpm FROM block b WHERE b.passage_id = p.id AND {_CLEAN_BLOCK_COUNTED}
             ORDER BY b.achieved_bpm DESC LIMIT 1)
        FROM passage p ORDER BY p.piece_id, p.position, p.id"""
    ).fetchall()
    by_piece: dict[int, list[PassageSummary]] = {}
    for pid, piece_id, label, bars, start, target, best in passages:
        by_piece.setdefault(piece_id, []).append(
            PassageSummary(pid, label, bars or "", start, target, best)
        )
    return [
        PieceSummary(pid, title, composer or "", status, tuple(by_piece.get(pid, ())))
        for pid, title, composer, status in pieces
    ]


def clean_blocks(passage_id: int) -> int:
    """How many blocks on this passage reached a clean tempo (about one a session), trashed and
    planned sessions left out: one passage's range of the clean blocks' index, asked for when
    shown (a count for every passage at once would read the whole index)."""
    return database.execute_sql(
        f"SELECT count(*) FROM block b WHERE b.passage_id = ? AND {_CLEAN_BLOCK_COUNTED}",
        [passage_id],
    ).fetchone()[0]


def tempo_history(passage_id: int) -> list[TempoEntry]:
    """The best clean BPM on this passage in each session, oldest first."""
    rows = database.execute_sql(
        f"""
        SELECT s.local_date, s.id, max(b.achieved_bpm)
        FROM block b JOIN session s ON s.id = b.session_id
        WHERE b.passage_id = ? AND {_CLEAN_TEMPO}
        GROUP BY s.id ORDER BY s.local_date, s.started_at, s.id
        """,
        [passage_id],
    ).fetchall()
    return [
        TempoEntry(d if isinstance(d, date) else date.fromisoformat(d), sid, best)
        for d, sid, best in rows
    ]
