"""How a TCX track point's children are read (kept exactly as they were when the reader was made
faster): of a name the last child counts, inside Position and HeartRateBpm the first; any
namespace; blanks are missing values; a bad number is named before a bad time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cadence.services.imports.common import Refused
from cadence.services.imports.tcx import parse_tcx
from cadence.services.imports.track import Points, TrackPoint, heart_rate, recorded

NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def _tcx(*points: str) -> bytes:
    track = "".join(f"<Trackpoint>{p}</Trackpoint>" for p in points)
    return (
        f'<TrainingCenterDatabase xmlns="{NS}" xmlns:o="urn:other"><Activities>'
        '<Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id>'
        f'<Lap StartTime="2024-05-01T06:00:00Z"><Track>{track}<Other/></Track></Lap>'
        "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def _columns(data: bytes) -> Points:
    from cadence.services.imports import tcx
    from cadence.services.imports.safe_xml import parse_tree

    root = parse_tree(data)
    laps = root.iter(f"{{{NS}}}Lap")
    return tcx._track([t for lap in laps for t in lap if t.tag.endswith("Track")])


def test_children_are_read_by_local_name_last_wins_first_inside() -> None:
    data = _tcx(
        "<Time>2024-05-01T05:00:00Z</Time><o:Time> 2024-05-01T06:00:00Z </o:Time>"
        "<Position><LatitudeDegrees>48.1</LatitudeDegrees><LatitudeDegrees>9</LatitudeDegrees>"
        "<o:LongitudeDegrees>11.5</o:LongitudeDegrees></Position>"
        "<DistanceMeters> 0 </DistanceMeters><AltitudeMeters>500</AltitudeMeters>"
        "<HeartRateBpm><Value>120</Value><Value>199</Value></HeartRateBpm>",
        "<Time>2024-05-01T06:01:00+02:00</Time>"
        "<Position><LatitudeDegrees>48.2</LatitudeDegrees></Position>"
        "<Position><LongitudeDegrees>11.6</LongitudeDegrees></Position>"
        "<DistanceMeters>100</DistanceMeters><DistanceMeters>250</DistanceMeters>"
        "<AltitudeMeters></AltitudeMeters><HeartRateBpm><Value>130</Value></HeartRateBpm>"
        "<HeartRateBpm/>",
    )
    points = _columns(data)
    assert points.time == [
        datetime(2024, 5, 1, 6, 0, tzinfo=UTC),
        datetime(2024, 5, 1, 4, 1, tzinfo=UTC),
    ]
    assert all(t is not None and t.tzinfo is UTC for t in points.time)
    assert points.lat == [48.1, None]  # a later Position replaces the earlier one whole
    assert points.lon == [11.5, 11.6]
    assert points.distance_m == [0.0, 250.0]
    assert points.altitude_m == [500.0, None]
    assert points.hr == [120.0, None]
    assert points.cadence == [None, None] and points.segment == [0, 0]


def test_a_bad_number_is_named_before_a_bad_time() -> None:
    both = _tcx("<Time>soon</Time><AltitudeMeters>high</AltitudeMeters>")
    with pytest.raises(Refused, match="AltitudeMeters = 'high', which is not a number"):
        parse_tcx(both)
    with pytest.raises(Refused, match="the time 'soon', which is not a date and time"):
        parse_tcx(_tcx("<Time>soon</Time><AltitudeMeters>12</AltitudeMeters>"))
    with pytest.raises(Refused, match="the time '', which is not a date and time"):
        parse_tcx(_tcx("<Time>  </Time>"))


def test_device_distances_going_back_add_nothing() -> None:
    found = recorded(
        Points.of(
            TrackPoint(datetime(2024, 5, 1, 6, 0, 10 * i, tzinfo=UTC), distance_m=d)
            for i, d in enumerate([0.0, 100.0, 90.0, 250.0, float("nan"), 300.0])
        )
    )
    assert found is not None  # a step back or to a reading that is not a number adds nothing
    assert found.along_m == [0.0, 100.0, 100.0, 260.0, 260.0, 260.0]


def test_heart_rate_counts_readings_that_are_not_numbers_as_left_out() -> None:
    notes: list[str] = []
    assert heart_rate([None, 120.0, float("nan"), 140.0, None], notes) == (130.0, 140.0)
    assert notes == ["1 heart-rate reading outside 25-250 bpm left out"]


def _climb_as_written(us: list[int | None], heights: list[float | None]) -> float | None:
    """The climb rule written out plainly, one point at a time (track.py's docstring)."""
    import math

    gain, samples, height, low, before = 0.0, 0, 0.0, 0.0, 0
    for u, recorded_height in zip(us, heights, strict=True):
        if u is None or recorded_height is None or not math.isfinite(recorded_height):
            continue
        samples += 1
        if samples == 1:
            height = low = recorded_height
        else:
            limit = 0.3 * max(0.0, (u - before) / 1_000_000)
            change = max(-limit, min(limit, recorded_height - height))
            height += change
            if height < low:
                low = height
            elif height - low > 3.0:
                gain += height - low
                low = height
        before = u
    return gain if samples >= 2 else None


@pytest.mark.parametrize("seed", range(5))
def test_the_climb_is_the_rule_to_the_bit(seed: int) -> None:
    # Untimed points, missing and non-finite heights, repeated times and jumps included.
    import random

    from cadence.services.imports import track as tr

    rng = random.Random(seed)
    rows, height, second = [], 100.0, 0.0
    for _ in range(3000):
        second += rng.choice([0.0, 1.0, 1.0, 4.0, 0.25])
        height += rng.gauss(0, 2) + (rng.random() < 0.01) * rng.uniform(-40, 40)
        heights = [height, height, height, None, float("nan"), float("inf")]
        rows.append(
            TrackPoint(
                time=None
                if rng.random() < 0.02
                else datetime(2024, 5, 1, 6, tzinfo=UTC) + timedelta(seconds=second),
                distance_m=second * 3,
                altitude_m=rng.choice(heights),
            )
        )
    found = recorded(Points.of(rows))
    assert found is not None
    expected = _climb_as_written(found.us, found.points.altitude_m)
    assert expected is not None and expected > 0
    assert tr.climb_m(found) == expected
