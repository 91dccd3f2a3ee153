"""The heat map's readout places each day in its week's column: its week starts, found in one
numpy step, are those of `week_start_of` day by day."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from cadence.domain.measures import week_start_of
from cadence.ui.charts.axes import stamp
from cadence.ui.charts.heatmap import week_stamps


@pytest.mark.parametrize("week_start", range(7))
def test_each_days_week_start_as_week_start_of_gives(week_start: int) -> None:
    days = [date(1995, 2, 27) + timedelta(days=i) for i in range(800)]
    days += [date(1, 1, 8), date(2000, 2, 29), date(9999, 12, 31)]  # not in order: any list
    found = week_stamps(days, week_start)
    expected = np.array([stamp(week_start_of(day, week_start)) for day in days[:-1]])
    assert found.dtype == expected.dtype
    assert found[:-1].tolist() == expected.tolist()
    assert week_stamps([], week_start).tolist() == []


def test_a_week_start_outside_the_week_is_refused() -> None:
    with pytest.raises(ValueError, match="from 0"):
        week_stamps([date(2026, 3, 2)], 7)
