"""Charts and chart views let go are freed at once, by reference counting alone: nothing of ours
holds a reference cycle, which would leave them to Python's cyclic collector (it then destroys
their Qt items at any later moment, even inside a signal's disconnect where Qt's lock is held),
and no slot connected to a child's signal holds its view (then never freed at all).

Each test drops the thing with the collector off and checks that weak references to its parts
are dead without `gc.collect()` (docs/architecture.md, "Charts' lifetime")."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pyqtgraph.exporters
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from cadence.domain.enums import Discipline
from cadence.services.demo.generate import generate_demo
from cadence.services.stats.compute import compute_stats
from cadence.services.stats.lazy import CycleMarks, EventMark, PhaseMark, cycle_marks
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Focus
from cadence.ui.bus import AppBus
from cadence.ui.charts.axes import ChartTheme
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.cycles import CycleBands, CycleLabels
from cadence.ui.charts.images import CHART_KINDS, build_chart, render_chart_image
from cadence.ui.charts.labelled_line import LabelledLine
from cadence.ui.charts.lines import reference
from cadence.ui.charts.plot_view import PlotOptions
from cadence.ui.views.compare import CompareView
from cadence.ui.views.music import MusicView
from cadence.ui.views.reports import ReportsView
from cadence.ui.views.running import RunningView
from cadence.ui.views.trends import TAB_CHARTS, TrendsView


@contextmanager
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_labels_hold_their_bands_weakly_and_both_are_freed_at_once(qtbot) -> None:
    with collector_off():
        bands = CycleBands(ChartTheme(QColor("white"), QColor("black")))
        bands.labels = CycleLabels(bands)
        assert bands.labels.source is bands
        refs = [weakref.ref(bands), weakref.ref(bands.labels)]
        del bands
        assert [ref() for ref in refs] == [None, None]


def test_radios_of_the_plot_options_stay_exclusive_and_are_freed_at_once() -> None:
    with collector_off():
        options = PlotOptions()
        options.meanRadio.setChecked(True)
        assert [options.peakRadio.isChecked(), options.meanRadio.isChecked()] == [False, True]
        options.subsampleRadio.setChecked(True)
        checked = [r.isChecked() for r in (options.peakRadio, options.meanRadio)]
        assert checked == [False, False]
        radios = [weakref.ref(options.peakRadio), weakref.ref(options.subsampleRadio)]
        del options
        assert [ref() for ref in radios] == [None, None]


def test_a_labelled_line_follows_its_value_and_is_freed_at_once(qtbot) -> None:
    with collector_off():
        line = LabelledLine(pos=1.0, angle=0, label="{value:.0f}")
        line.setValue(5.0)
        assert line.label.toPlainText() == "5"
        refs = [weakref.ref(line), weakref.ref(line.label)]
        del line
        assert [ref() for ref in refs] == [None, None]


def _marks() -> CycleMarks:
    phase = PhaseMark("Spring", "base", date(2026, 1, 5), date(2026, 2, 1), None)
    event = EventMark("Spring 10k", "race", date(2026, 2, 8), Discipline.RUNNING)
    return CycleMarks([phase], [event])


def test_a_drawn_chart_let_go_is_freed_without_the_cyclic_collector(qtbot) -> None:
    """Phases and their names, a hover readout that names the phase, and a labelled reference
    line removed by the next drawing: each used to hold a cycle."""
    with collector_off():
        chart = Chart()
        chart.resize(600, 260)
        chart.show()
        qtbot.waitExposed(chart)
        chart.reset("load", "Load")
        chart.bands.set_marks(_marks())
        reference(chart, "ratio", 1.0, "#888888", "1.0")
        chart.repaint()
        removed = weakref.ref(chart.series["ratio"])
        chart.reset("load", "Load")  # the reference line is dropped with this drawing
        assert removed() is None
        chart.bands.set_marks(_marks())
        reference(chart, "ratio", 1.0, "#888888", "1.0")
        xs = np.array([1.76e9, 1.77e9])
        chart.read_out(xs, lambda i: f"point {i}")
        chart.repaint()
        parts = [chart, chart.bands, chart.bands.labels, chart.hover, chart.series["ratio"]]
        refs = [weakref.ref(part) for part in parts]
        del parts
        chart.close()
        del chart
        assert [ref() for ref in refs] == [None] * len(refs)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    open_journal(path)
    try:
        generate_demo(0.5, 3, date(2026, 3, 1))
    finally:
        close_journal()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_file.read_bytes())
    open_journal(path)
    try:
        yield path
    finally:
        close_journal()


def test_every_chart_kind_drawn_and_let_go_is_freed_without_the_cyclic_collector(qtbot, demo):
    report = compute_stats(date(2025, 9, 1), date(2026, 2, 28))
    marks = cycle_marks(date(2025, 9, 1), date(2026, 2, 28))
    focus_id = Focus.select(Focus.id).order_by(Focus.id).scalar()  # the demo's first target
    with collector_off():
        for kind in CHART_KINDS:
            chart = build_chart(kind, report, (600, 260), marks=marks, focus_id=focus_id)
            chart.repaint()
            refs = [weakref.ref(chart), *(weakref.ref(item) for item in chart.series.values())]
            chart.close()
            del chart
            assert [ref() for ref in refs] == [None] * len(refs), kind


def test_a_chart_image_leaves_no_parameters_to_the_cyclic_collector(qtbot, demo, monkeypatch):
    """pyqtgraph's image exporter holds its settings as a tree of parameters, each holding its
    group: the tree is taken apart once the image is made."""
    made: list[weakref.ref] = []

    class Exporter(pyqtgraph.exporters.ImageExporter):
        def __init__(self, item) -> None:
            super().__init__(item)
            made.extend(weakref.ref(p) for p in (self.params, *self.params.children()))

    monkeypatch.setattr(pyqtgraph.exporters, "ImageExporter", Exporter)
    report = compute_stats(date(2025, 9, 1), date(2026, 2, 28))
    with collector_off():
        image = render_chart_image("minutes_per_week", report, size=(600, 240))
        assert (image.width(), image.height()) == (600, 240)
        assert len(made) > 1
        assert [ref() for ref in made] == [None] * len(made)


@pytest.mark.parametrize("make", [CompareView, ReportsView, MusicView, RunningView])
def test_a_chart_view_shown_and_let_go_is_freed_without_the_cyclic_collector(qtbot, demo, make):
    """No slot connected to a child's signal, and no callback handed to a child, holds the view:
    Qt's children would keep it alive for good (the collector cannot see through them)."""
    with collector_off():
        view = make(AppBus())
        view.setMinimumSize(1110, 740)
        view.show()
        qtbot.waitExposed(view)
        if isinstance(view, CompareView):
            view.range_chooser.set_preset("all")  # (the demo ends before today's 3 months)
        view.refresh_now()
        QApplication.processEvents()
        charts = view.findChildren(Chart)
        assert not isinstance(view, CompareView) or sum(bool(c.title_peers) for c in charts) > 1
        refs = [weakref.ref(view), *(weakref.ref(chart) for chart in charts)]
        del charts
        view.close()
        del view
        assert [ref() for ref in refs] == [None] * len(refs)


def test_a_trends_view_with_every_tab_drawn_is_freed_without_the_cyclic_collector(
    qtbot, demo
) -> None:
    with collector_off():
        view = TrendsView(AppBus())
        view.setMinimumSize(1110, 740)  # (as test_trends: the window's size)
        view.show()
        qtbot.waitExposed(view)
        view.range_chooser.set_preset("all")
        for tab in TAB_CHARTS:
            view.show_tab(tab)
            QApplication.processEvents()
        assert all(tab in view._drawn for tab in TAB_CHARTS)
        refs = [weakref.ref(view), *(weakref.ref(chart) for chart in view.charts.values())]
        assert len(refs) > len(TAB_CHARTS)
        view.close()
        del view
        assert [ref() for ref in refs] == [None] * len(refs)
