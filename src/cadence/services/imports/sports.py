"""Which activities are runs: the file's own word for its sport, else its speed.

A file that names its sport is believed: runs are imported; walks, hikes, rides and every other
sport are skipped (reported, not errors). Walks and hikes are not runs: pace, weekly distance and
shoe mileage in the journal are running measures, and a walk would bend them. A file that names no
sport (a GPX without `<type>`, a FIT without `sport`) is taken as a run unless its speeds are ones
nobody runs for long: an average faster than UNSTATED_MAX_SPEED_M_S, or half its time in motion
(a minute or more) faster than SUSTAINED_MAX_SPEED_M_S, between neighbouring points, is a bike's
or a car's, and the file is refused, saying why. A few GPS jumps in a run make a few fast steps,
far from half of them.
"""

from __future__ import annotations

import re

import numpy as np

from cadence.domain.track import Track
from cadence.services.imports.common import Skipped
from cadence.services.imports.track import MOVING_SPEED_M_S

# 24 km/h: faster than the 5,000 m world record's average (6.6 m/s); a bike's, a car's.
UNSTATED_MAX_SPEED_M_S = 24 / 3.6
# 8 m/s (29 km/h): faster than the 800 m world record's average (7.9 m/s); runners hold it for
# seconds, bikes and cars for minutes.
SUSTAINED_MAX_SPEED_M_S = 8.0
SUSTAINED_SHARE = 0.5
SUSTAINED_MIN_S = 60.0

RUN_WORDS = {
    "run", "running", "trail run", "trail running", "treadmill run", "treadmill running",
    "street running", "track running", "virtual run", "virtual running", "indoor running",
    "ultra run", "jogging",
}  # fmt: skip


def _word(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def is_run_word(text: str | None) -> bool | None:
    """True for a run, False for another sport, None when nothing (or a number) is stated."""
    if text is None or not text.strip() or text.strip().isdigit():
        return None
    return _word(text) in RUN_WORDS


def check_sport(text: str | None) -> bool:
    """Skip a file whose stated sport is not running; True if the sport was stated at all."""
    run = is_run_word(text)
    if run is False:
        assert text is not None
        raise Skipped(f"is a {_word(text)} activity, not a run")
    return run is True


def fast_time_s(track: Track | None) -> tuple[float, float] | None:
    """(seconds faster than SUSTAINED_MAX_SPEED_M_S, seconds in motion) between neighbouring
    points of a kept track; None without times and distances."""
    if track is None:
        return None
    seconds, metres = track.values("t_ms"), track.values("distance_cm")
    if seconds is None or metres is None:
        return None
    dt, dd = np.diff(seconds), np.diff(metres)
    ok = (dt > 0) & np.isfinite(dd)
    dt, speed = dt[ok], dd[ok] / dt[ok]
    return float(dt[speed > SUSTAINED_MAX_SPEED_M_S].sum()), float(
        dt[speed >= MOVING_SPEED_M_S].sum()
    )


def sustained_vehicle_speed(track: Track | None) -> str | None:
    """Why a track that states no sport is no run (half its time in motion at a speed no runner
    holds), or None."""
    found = fast_time_s(track)
    if found is None:
        return None
    fast, moving = found
    if fast < SUSTAINED_MIN_S or fast < SUSTAINED_SHARE * moving:
        return None
    return (
        f"states no sport and spent {fast / 60:.0f} of its {moving / 60:.0f} minutes in motion "
        f"faster than {SUSTAINED_MAX_SPEED_M_S * 3.6:.0f} km/h, speeds no runner holds for long "
        "(a bike's or a car's); if it was a run, set its sport to running where it was recorded"
    )
