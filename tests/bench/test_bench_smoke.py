"""The benchmark harness works: run_all measures its cheapest parts on a tiny demo journal, prints
the table and writes results.json; a child process paints a window and reports its peak memory.
No time is asserted (benchmarks print ratios; they are not tests of speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """bench/ importable, its journal cache in tmp_path."""
    monkeypatch.syspath_prepend(str(BENCH))
    import common

    monkeypatch.setattr(common, "CACHE_DIR", tmp_path / "cache")
    return common


def test_run_all_writes_ratios_for_a_tiny_journal(bench, tmp_path: Path, capsys) -> None:
    import run_all

    out = tmp_path / "results.json"
    code = run_all.main(
        ["--parts", "open", "import", "--years", "0.1", "--repeat", "1", "--out", str(out)]
    )

    assert code == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    (row,) = [name for name in results["rows"] if name.startswith("import ")]
    cell = results["rows"][row]["0.1y"]
    assert cell["value"] > 0 and cell["floor"] > 0
    assert cell["ratio"] == pytest.approx(cell["value"] / cell["floor"], rel=0.01)
    steps = results["details"]["work at open that grows with the journal (median ms)"]
    assert steps["PRAGMA quick_check"]["0.1y"] > 0
    printed = capsys.readouterr().out
    assert row in printed and "0.1y" in printed and "PRAGMA quick_check" in printed


def test_demo_journal_is_cached_by_its_key(bench) -> None:
    first = bench.demo_journal(0.1)
    written = first.stat().st_mtime_ns

    again = bench.demo_journal(0.1)

    assert again == first and again.stat().st_mtime_ns == written
    assert bench.session_count(first) > 0
    assert not list(first.parent.glob("*.partial*"))


def test_a_child_window_paints_and_reports_its_memory(bench, tmp_path: Path) -> None:
    import bench_startup

    run = bench_startup.StartupBench(tmp_path).bare()

    assert run.marks["painted"] >= run.marks["paint"] > run.marks["imported"]
    assert run.wall_ms > run.marks["painted"]
    assert run.maxrss_mb > 10


def test_the_goals_are_printed_beside_what_was_measured(bench, tmp_path: Path) -> None:
    import bench_first_view

    found = bench_first_view.measure([0.1], 1, tmp_path)
    assert found["0.1y"] > 0
    cell = {"value": 120.0, "floor": 100.0, "ratio": 1.2, "unit": "ms", "note": ""}
    results = {
        "rows": {"start-up (second start of the day)": {"1y": cell, "30y": cell}},
        "details": {"first switch to Trends, fresh app (median ms)": {"10y": 90.0}},
    }
    text = bench.goals_text(results)
    assert "1.20x   <= 1.1x     NOT met" in text
    assert "30 years against 1" in text and "+0.0%" in text
    assert "first switch to Trends, 10y" in text and "90 ms   <= 150 ms   met" in text
