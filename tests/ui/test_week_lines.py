"""The weeks' centres made once for a tab's charts, and the completion chart's top taken from the
values as floats: the same numbers as made chart by chart, value by value."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from cadence.ui.charts.axes import stamps, values
from cadence.ui.charts.quality import completion_top
from cadence.ui.charts.volume import week_centres


def _weeks(first: date, n: int) -> list[date]:
    return [first + timedelta(days=7 * i) for i in range(n)]


def test_the_same_weeks_give_the_same_centres_once_made() -> None:
    weeks = _weeks(date(1996, 12, 2), 1565)
    first = week_centres(weeks)
    assert np.array_equal(first, stamps(weeks, offset_days=3.5))
    assert first.tobytes() == stamps(weeks, offset_days=3.5).tobytes()  # to the bit
    assert week_centres(weeks) is first  # the tab's next chart: not made again
    with pytest.raises(ValueError):
        first[0] = 0.0  # shared by the charts: nobody may change it
    # another list (another range, another journal) is worked out for itself
    other = _weeks(date(2026, 9, 7), 13)
    assert np.array_equal(week_centres(other), stamps(other, offset_days=3.5))
    same_dates = list(weeks)
    again = week_centres(same_dates)
    assert again is not first and np.array_equal(again, first)
    grown = _weeks(date(2026, 9, 7), 13)
    week_centres(grown)
    grown.append(grown[-1] + timedelta(days=7))
    assert np.array_equal(week_centres(grown), stamps(grown, offset_days=3.5))


def test_the_completion_top_is_the_highest_week_or_one() -> None:
    rng = np.random.default_rng(7)

    def plain(per_key: dict[str, list[float | None]]) -> float:
        return max([1.0, *(v for k in per_key for v in per_key[k] if v is not None)])

    cases: list[dict[str, list[float | None]]] = [
        {"music": [], "running": []},
        {"music": [None, None], "running": [None]},
        {"music": [0.5, None, 0.99], "running": [1.0]},
        {"music": [1.0000000000000002, None], "running": [0.3]},
    ]
    for _ in range(200):
        n = int(rng.integers(0, 400))
        cases.append(
            {
                k: [
                    None if rng.random() < 0.2 else float(rng.choice([1.0, rng.random() * 1.6]))
                    for _ in range(n)
                ]
                for k in ("music", "running")
            }
        )
    for per_key in cases:
        ours = completion_top(values(per_key[k]) for k in per_key)
        assert type(ours) is float
        assert ours == plain(per_key) and repr(ours) == repr(plain(per_key))
