"""Imported runs' track points: stored with the run, read for its Route tab and its splits."""

from __future__ import annotations

from cadence.domain.splits import Split, splits
from cadence.domain.track import Track, decode, encode
from cadence.domain.units import METRES_PER_MILE
from cadence.store.models import Track as TrackRow


def save_track(session_id: int, track: Track) -> None:
    """Store (or replace) a session's track; call inside the transaction that saves the session."""
    TrackRow.insert(session=session_id, points=len(track), data=encode(track)).on_conflict(
        conflict_target=[TrackRow.session], update={"points": len(track), "data": encode(track)}
    ).execute()


def load_track(session_id: int) -> Track | None:
    row = TrackRow.select(TrackRow.data).where(TrackRow.session == session_id).first()
    return decode(bytes(row.data)) if row is not None else None


def has_track(session_id: int | None) -> bool:
    if session_id is None:
        return False
    return TrackRow.select().where(TrackRow.session == session_id).exists()


def track_splits(track: Track, units: str = "km") -> list[Split]:
    """Splits per km or per mile (by the journal's units) of a stored track."""
    return splits(
        track.values("t_ms"),
        track.values("distance_cm"),
        METRES_PER_MILE if units == "mi" else 1000.0,
        hr=track.values("hr_bpm"),
        elevation_m=track.values("elevation_cm"),
    )
