"""One rule for a duration typed by a person, and one way of writing it back (docs/durations.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadence.domain.enums import Discipline
from cadence.domain.units import (
    AmbiguousDuration,
    duration_reading,
    duration_words,
    parse_duration,
)

MUSIC, RUNNING = Discipline.MUSIC, Discipline.RUNNING


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45", 45 * 60),
        ("45.5", 45 * 60 + 30),
        ("1:05:00", 3900),
        ("0:25:30", 1530),
        ("1h20", 4800),
        ("1h 20", 4800),
        ("1 h 20 min", 4800),
        ("80 min", 4800),
        ("25m30s", 1530),
        ("25 min 30", 1530),
        ("90 s", 90),
        ("2 hours", 7200),
    ],
)
def test_plain_minutes_three_parts_and_units_read_the_same_for_both_crafts(
    text: str, seconds: int
) -> None:
    for craft in (MUSIC, RUNNING, None):
        assert parse_duration(text, craft) == seconds


def test_two_parts_are_hours_and_minutes_in_music() -> None:
    assert parse_duration("1:20", MUSIC) == 4800
    assert parse_duration("0:45", MUSIC) == 45 * 60
    assert duration_reading("1:20", MUSIC) == ("1 h 20 min", True)


@pytest.mark.parametrize(("text", "craft"), [("1:20", RUNNING), ("25:30", RUNNING), ("1:20", None)])
def test_two_parts_on_a_run_are_not_guessed(text: str, craft) -> None:
    with pytest.raises(AmbiguousDuration) as caught:
        parse_duration(text, craft)
    first, second = (int(p) for p in text.split(":"))
    message = str(caught.value)
    assert duration_words(first * 3600 + second * 60) in message
    assert duration_words(first * 60 + second) in message
    assert f"{first}:{second:02d}:00" in message and f"{first}m{second:02d}s" in message


def test_a_music_two_part_beyond_a_believable_sitting_is_asked_for() -> None:
    with pytest.raises(AmbiguousDuration, match="25 h 30 min or 25 min 30 s"):
        parse_duration("25:30", MUSIC)
    with pytest.raises(AmbiguousDuration):
        parse_duration("10:00", MUSIC)  # ten hours, or ten minutes?


@pytest.mark.parametrize(
    "text", ["", "ten minutes", "1:75", "2:3:4:5", "20 min 1 h", "1 h h", "5x"]
)
def test_what_is_not_a_duration_says_what_to_write(text: str) -> None:
    with pytest.raises(ValueError, match="h:mm:ss"):
        parse_duration(text, MUSIC)


def test_words() -> None:
    assert duration_words(4800) == "1 h 20 min"
    assert duration_words(2709) == "45 min 9 s"
    assert duration_words(3600) == "1 h"
    assert duration_words(0) == "0 s"
    assert duration_words(None) == ""
    assert duration_reading("", RUNNING) == ("", True)
    assert duration_reading("1:20", RUNNING)[1] is False


@given(st.integers(min_value=0, max_value=36 * 3600), st.sampled_from([MUSIC, RUNNING, None]))
def test_what_a_form_writes_reads_back_the_same_in_every_craft(seconds: int, craft) -> None:
    assert parse_duration(duration_words(seconds), craft) == seconds
