"""The long-lived things sessions point to: repertoire, gear and focus targets (cycles and
events are the season's: services/season/seasons.py), and the prompt templates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from cadence.domain.enums import Discipline, GearKind, PieceStatus, ReflectionPrompt
from cadence.domain.limits import MAX_BPM, MIN_BPM
from cadence.domain.prompts import DEFAULT_PROMPTS
from cadence.domain.seasons import FocusData
from cadence.services.changes import Changes
from cadence.services.season.seasons import focus_data
from cadence.services.validation import Checker
from cadence.store.models import (
    Cycle,
    Focus,
    Gear,
    Passage,
    Piece,
    Session,
    Template,
    database,
)
from cadence.store.queries import counted_session

# --- repertoire ----------------------------------------------------------------------------------


def add_piece(title: str, composer: str = "", status: str = "learning") -> tuple[int, Changes]:
    c = Checker()
    c.require(bool(title.strip()), "title", "Give the piece a title")
    c.done()
    piece = Piece.create(title=title.strip(), composer=composer.strip(), status=status)
    return piece.id, Changes(repertoire=True)


def add_passage(
    piece_id: int,
    label: str,
    bars: str = "",
    start_bpm: float | None = None,
    target_bpm: float | None = None,
) -> tuple[int, Changes]:
    c = Checker()
    c.require(Piece.get_or_none(id=piece_id) is not None, "piece_id", "That piece does not exist")
    c.require(bool(label.strip()), "label", "Name the passage (e.g. 'bars 33-48')")
    c.in_range(start_bpm, MIN_BPM, MAX_BPM, "start_bpm", "The start tempo (BPM)")
    c.in_range(target_bpm, MIN_BPM, MAX_BPM, "target_bpm", "The target tempo (BPM)")
    c.done()
    position = Passage.select().where(Passage.piece == piece_id).count()
    passage = Passage.create(
        piece=piece_id,
        label=label.strip(),
        bars=bars,
        start_bpm=start_bpm,
        target_bpm=target_bpm,
        position=position,
    )
    return passage.id, Changes(repertoire=True)


@dataclass(frozen=True)
class PieceLine:
    """A piece of the repertoire, for a picker: read once, no row behind it."""

    id: int
    title: str
    composer: str


def pieces() -> list[PieceLine]:
    query = Piece.select(Piece.id, Piece.title, Piece.composer).order_by(Piece.title)
    return [PieceLine(p.id, p.title, p.composer) for p in query]


def passages_of(piece_id: int) -> list[Passage]:
    return list(Passage.select().where(Passage.piece == piece_id).order_by(Passage.position))


@dataclass(frozen=True)
class PassageLine:
    """A passage with its piece's title, for a picker."""

    passage_id: int
    piece: str
    label: str
    bars: str
    target_bpm: float | None


def repertoire_passages(keep: Collection[int] = ()) -> list[PassageLine]:
    """The passages a picker offers, pieces by title and each piece's passages in order, in one
    query: those of shelved pieces are left out, but for the ones in `keep` (already chosen)."""
    offered = Piece.status != PieceStatus.SHELVED.value
    if keep:
        offered = offered | Passage.id.in_(list(keep))
    query = (
        Passage.select(Passage.id, Piece.title, Passage.label, Passage.bars, Passage.target_bpm)
        .join(Piece)
        .where(offered)
        .order_by(Piece.title, Piece.id, Passage.position)
        .tuples()
    )
    return [PassageLine(i, title, label, bars or "", bpm) for i, title, label, bars, bpm in query]


# --- gear ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GearUse:
    gear_id: int
    name: str
    kind: str
    distance_m: float
    limit_m: float | None
    retired: bool

    @property
    def over_limit(self) -> bool:
        return self.limit_m is not None and self.distance_m >= self.limit_m


def add_gear(
    kind: GearKind,
    name: str,
    limit_m: float | None = None,
    started_on: date | None = None,
    discipline: Discipline | None = None,
) -> tuple[int, Changes]:
    c = Checker()
    c.require(bool(name.strip()), "name", "Name the gear (e.g. 'Pegasus 40, blue')")
    c.in_range(limit_m, 1, 10_000_000, "limit_m", "The distance limit (metres)")
    c.done()
    gear = Gear.create(
        kind=str(kind),
        name=name.strip(),
        limit_m=limit_m,
        started_on=started_on,
        discipline=str(discipline) if discipline else None,
    )
    return gear.id, Changes(gear=True)


def retire_gear(gear_id: int, on: date | None) -> Changes:
    """Retire gear from `on`; None puts it back in use (undo of a retirement)."""
    Gear.update(retired_on=on).where(Gear.id == gear_id).execute()
    return Changes(gear=True)


def gear_usage() -> list[GearUse]:
    """Every piece of gear with the distance run in it (trashed and planned sessions excluded)."""
    distance = fn.COALESCE(fn.SUM(Session.distance_m), 0)
    query = (
        Gear.select(Gear, distance.alias("used"))
        .join(
            Session,
            on=((Session.gear == Gear.id) & counted_session()),
            join_type=JOIN.LEFT_OUTER,
        )
        .group_by(Gear.id)
        .order_by(Gear.retired_on.is_null(False), Gear.name)
    )
    return [
        GearUse(g.id, g.name, g.kind, float(g.used), g.limit_m, g.retired_on is not None)
        for g in query
    ]


# --- focus targets -------------------------------------------------------------------------------


def add_focus(
    title: str, discipline: Discipline | None = None, measure: str = ""
) -> tuple[int, Changes]:
    c = Checker()
    c.require(bool(title.strip()), "title", "Name the focus target")
    c.done()
    focus = Focus.create(
        title=title.strip(),
        discipline=str(discipline) if discipline else None,
        measure=measure,
        started_on=date.today(),
    )
    return focus.id, Changes(plans=True)


def active_focuses(discipline: Discipline | None = None, on: date | None = None) -> list[FocusData]:
    """Active focus targets of the craft (or both), leaving out those of a cycle that has not
    begun by `on` (today): the intention form offers what is held now."""
    on = on or date.today()
    query = (
        Focus.select(Focus)
        .join(Cycle, JOIN.LEFT_OUTER)
        .where((Focus.status == "active") & (Focus.cycle.is_null() | (Cycle.start_date <= on)))
    )
    if discipline is not None:
        query = query.where(Focus.discipline.is_null() | (Focus.discipline == str(discipline)))
    return [focus_data(row) for row in query.order_by(Focus.title)]


# --- templates -----------------------------------------------------------------------------------


def reflection_prompts(discipline: Discipline) -> list[tuple[ReflectionPrompt, str]]:
    """The default template of a discipline if the user made one, else the built-in prompts."""
    row = (
        Template.select()
        .where((Template.discipline == str(discipline)) & Template.is_default)
        .first()
    )
    if row is None:
        return list(DEFAULT_PROMPTS[discipline])
    return [(ReflectionPrompt(p["prompt"]), p["text"]) for p in row.prompts]


def set_reflection_prompts(
    discipline: Discipline, prompts: list[tuple[ReflectionPrompt, str]]
) -> Changes:
    payload = [{"prompt": str(p), "text": t} for p, t in prompts]
    with database.atomic():
        Template.update(is_default=False).where(Template.discipline == str(discipline)).execute()
        Template.create(
            discipline=str(discipline), name="My prompts", prompts=payload, is_default=True
        )
    return Changes(plans=True)
