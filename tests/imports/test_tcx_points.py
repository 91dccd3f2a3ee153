"""How a TCX track point's children are read (kept exactly as they were when the reader was made
faster): of a name the last child counts, inside Position and HeartRateBpm the first; any
namespace; blanks are missing values; a bad number is named before a bad time."""

from __future__ import annotations

from datetime import UTC, datetime

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
