"""Which activities are runs: the file's own word for its sport, else its speed.

A file that names its sport is believed: runs are imported; walks, hikes, rides and every other
sport are skipped (reported, not errors). Walks and hikes are not runs: pace, weekly distance and
shoe mileage in the journal are running measures, and a walk would bend them. A file that names no
sport (a GPX without `<type>`, a FIT without `sport`) is taken as a run unless its average speed
is one nobody runs for long: faster than UNSTATED_MAX_SPEED_M_S it is refused, saying why.
"""

from __future__ import annotations

import re

from cadence.services.imports.common import Skipped

# 24 km/h: faster than the 5,000 m world record's average (6.6 m/s); a bike's, a car's.
UNSTATED_MAX_SPEED_M_S = 24 / 3.6

RUN_WORDS = {
    "run", "running", "trail run", "trail running", "treadmill run", "treadmill running",
    "street running", "track running", "virtual run", "virtual running", "indoor running",
    "ultra run", "jogging",
}  # fmt: skip
WALK_WORDS = {"walk", "walking", "hike", "hiking", "casual walking", "speed walking"}


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
