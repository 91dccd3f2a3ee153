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


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen, shown
def test_a_tab_over_its_goal_is_explained_stage_by_stage(bench, tmp_path: Path, qapp) -> None:
    """The profile printed for a Trends tab over 50 ms: each stage measured (the timers reach
    what Qt paints), the stages add up to the switch, and every timer comes off afterwards."""
    import bench_trends as bt
    from switch_profile import SwitchProfiler

    from cadence.services.stats.lazy import LazyStats
    from cadence.store.db import close_journal, open_journal
    from cadence.ui.bus import AppBus
    from cadence.ui.views.trends import TrendsView

    weekly_before = vars(LazyStats)["weekly"]
    open_journal(bench.working_copy(bench.demo_journal(0.1), tmp_path / "j"), quick_check=False)
    profiler = SwitchProfiler()
    try:
        view = TrendsView(AppBus())
        view.resize(1110, 740)
        view.show()
        view.show_tab("load")
        bt.settle(qapp)
        box, craft = view.range_chooser.preset_box, view.discipline_chooser
        stages = profiler.where_a_switch_goes(qapp, box, craft, "all", 1, bt.settle)
        view.close()
        view.deleteLater()
        qapp.processEvents()
    finally:
        profiler.close()
        close_journal()
    assert stages["measures"] > 0
    assert stages["chart items filled"] > 0
    assert stages["axes painted"] > 0 and stages["curves painted"] > 0
    parts = sum(value for name, value in stages.items() if name != "total")
    assert parts == pytest.approx(stages["total"])
    assert vars(LazyStats)["weekly"] is weekly_before  # the timers are off the classes again

    tabs = {"load": {"view ms": 61.5, "view CPU ms": 60.0, "SQL ms": 9.0, "ratio": 6.8}}
    results = {
        "rows": {},
        "details": {
            "Trends per tab, range -> all years, 30y": tabs,
            "Trends, where a switch to all years goes, 30y": {"load": stages},
        },
    }
    text = bench.goals_text(results)
    assert "61.5 ms   <= 50 ms    NOT met" in text
    assert "load: 61.5 ms, 11.5 over" in text and "axes painted" in text
