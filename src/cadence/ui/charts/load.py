"""Training load: daily session load (RPE × minutes) with fitness, fatigue and form; the
acute:chronic ratio; Foster's weekly monotony and strain. Trends to read, not risk verdicts."""

from __future__ import annotations

from datetime import date

import numpy as np
from PySide6.QtCore import Qt

from cadence.domain.palette import discipline_colour
from cadence.services.stats.types import TOTAL_LOAD_LABEL, LoadSeries, WeeklyLoad
from cadence.ui.charts.axes import DAY_S, WEEK_S, colour, day_stamps, tr, values
from cadence.ui.charts.bars import stacked_bars
from cadence.ui.charts.chart import Chart
from cadence.ui.charts.labels import day_label, key_name, number_text, range_label, week_label
from cadence.ui.charts.lines import line, reference
from cadence.ui.charts.volume import week_centres

# The three curves, told apart by line style as well as weight (hue tells the crafts apart), so
# they read in grey, in print and for colour-blind eyes. (name, legend glyph, width, pen style)
CURVES = (
    ("fitness", "━", 2.6, Qt.PenStyle.SolidLine),
    ("fatigue", "╍", 1.7, Qt.PenStyle.DashLine),
    ("form", "┈", 1.5, Qt.PenStyle.DotLine),
)
# Foster's reading of weekly monotony above 2 as a risk comes from sport; daily, even practice is
# the norm for musicians, so the line is drawn for running only (docs/measures.md).
MONOTONY_HIGH_RUNNING = 2.0
# A series' drawn curves as float64 arrays (`LazyStats.load_arrays`), when the journal keeps them.
Arrays = dict[str, np.ndarray] | None


def curve_names() -> dict[str, str]:
    return {
        "fitness": tr("Fitness (42 d)"),
        "fatigue": tr("Fatigue (7 d)"),
        "form": tr("Form"),
    }


def _nothing(chart: Chart, start: date, end: date) -> None:
    chart.show_message(
        tr("No sessions with an effort rating (RPE) between {range}").format(
            range=range_label(start, end)
        )
    )


def _curve_legend(chart: Chart) -> list[tuple[str, str]]:
    ink = chart.theme.foreground.name()
    names = curve_names()
    return [(f"{ink} {glyph}", names[name]) for name, glyph, _w, _s in CURVES]


def _load_title(who: str) -> str:
    return tr("Session load (RPE × min)") + (f": {who}" if who else "")


def draw_load(
    chart: Chart,
    load: LoadSeries,
    hue: str,
    start: date,
    end: date,
    week_start: int = 0,
    who: str = "",
    *,
    arrays: Arrays = None,
) -> None:
    """One load series (one craft, or the labelled total of both): daily load as faint bars;
    fitness (42-day), fatigue (7-day) and form as solid, dashed and dotted lines. `arrays`:
    its curves as arrays, if kept (else made from its lists)."""
    if load.label == TOTAL_LOAD_LABEL:
        who = tr("total practice load, both crafts")
    chart.reset("load", _load_title(who), _curve_legend(chart))
    _draw_loads(chart, {"": (load, hue)}, {"": arrays}, start, end, week_start)


def draw_craft_loads(
    chart: Chart,
    loads: dict[str, LoadSeries],
    start: date,
    end: date,
    week_start: int = 0,
    *,
    arrays: dict[str, Arrays] | None = None,
) -> None:
    """Each craft's own load, fitness, fatigue and form, in its colour (the bars stacked); the
    series are named "music:fitness", "running:daily" … `arrays`: each craft's, as draw_load."""
    legend = [(discipline_colour(k), key_name(k)) for k in loads] + _curve_legend(chart)
    chart.reset("load", _load_title(tr("each craft its own")), legend)
    _draw_loads(chart, *_craft_layers(loads, arrays), start, end, week_start)


def _craft_layers(
    loads: dict[str, LoadSeries], arrays: dict[str, Arrays] | None
) -> tuple[dict[str, tuple[LoadSeries, str]], dict[str, Arrays]]:
    """Each craft's series in its colour and its kept arrays, under the prefix its chart items
    are named by ("music:" …)."""
    layers = {f"{k}:": (load, discipline_colour(k)) for k, load in loads.items()}
    return layers, {f"{k}:": (arrays or {}).get(k) for k in loads}


def _curve(load: LoadSeries, name: str, arrays: Arrays) -> np.ndarray:
    """A series' curve as floats, None as NaN: its kept array's values when it has one (the
    same values as its list), else made from the list."""
    return values(arrays[name] if arrays else getattr(load, name))


def _draw_loads(
    chart: Chart,
    layers: dict[str, tuple[LoadSeries, str]],
    arrays: dict[str, Arrays],
    start: date,
    end: date,
    week_start: int,
) -> None:
    chart.set_span(start, end, week_start)
    series = [load for load, _hue in layers.values()]
    if not any(any(s.load) or any(s.fitness) for s in series):
        _nothing(chart, start, end)
        return
    days = series[0].days
    xs = day_stamps(days, offset_days=0.5)
    # each craft's daily bars side by side in the day, not stacked: a stack's top would be the
    # sum this chart does not draw
    share = DAY_S / len(layers)
    for i, (prefix, (load, hue)) in enumerate(layers.items()):
        at = xs - DAY_S / 2 + share * (i + 0.5)
        stacked_bars(chart, at, [(f"{prefix}daily", load.load, colour(hue, 80))], share)
    for prefix, (load, hue) in layers.items():
        for name, _glyph, width, style in CURVES:
            line(
                chart,
                f"{prefix}{name}",
                xs,
                _curve(load, name, arrays[prefix]),
                hue,
                width=width,
                style=style,
            )
    names = curve_names()

    def describe(i: int) -> str:
        rows = [day_label(days[i])]
        for prefix, (load, _hue) in layers.items():
            head = f"{key_name(prefix[:-1])}: " if prefix else ""
            rows.append(head + tr("Load: {v}").format(v=number_text(load.load[i], 0)))
            rows += [
                ("  " if prefix else "") + f"{names[n]}: {number_text(getattr(load, n)[i])}"
                for n, *_rest in CURVES
            ]
        return "\n".join(rows)

    chart.read_out(xs, describe, tolerance=DAY_S / 2)


def draw_acute_chronic(
    chart: Chart,
    load: LoadSeries,
    hue: str,
    start: date,
    end: date,
    week_start: int = 0,
    who: str = "",
    *,
    arrays: Arrays = None,
) -> None:
    """One series' acute:chronic ratio (a craft, or the labelled total); `arrays` as draw_load."""
    if load.label == TOTAL_LOAD_LABEL:
        who = tr("total practice load, both crafts")
    legend = [(hue, who)] if who else []
    _acute(chart, {"": (load, hue)}, {"": arrays}, legend, start, end, week_start)


def draw_craft_acute_chronic(
    chart: Chart,
    loads: dict[str, LoadSeries],
    start: date,
    end: date,
    week_start: int = 0,
    *,
    arrays: dict[str, Arrays] | None = None,
) -> None:
    """Each craft's own ratio, in its colour ("music:acute_chronic" …)."""
    layers, kept = _craft_layers(loads, arrays)
    legend = [(discipline_colour(k), key_name(k)) for k in loads]
    _acute(chart, layers, kept, legend, start, end, week_start)


def _acute(
    chart: Chart,
    layers: dict[str, tuple[LoadSeries, str]],
    arrays: dict[str, Arrays],
    legend: list[tuple[str, str]],
    start: date,
    end: date,
    week_start: int,
) -> None:
    chart.reset("acute_chronic", tr("Acute:chronic load ratio (7 d ÷ 28 d)"), legend)
    chart.set_span(start, end, week_start)
    ratios = {
        prefix: _curve(load, "acute_chronic", arrays[prefix])
        for prefix, (load, _h) in layers.items()
    }
    if not any(np.isfinite(r).any() for r in ratios.values()):
        chart.show_message(tr("The ratio needs 28 days of rated sessions before a day"))
        return
    days = next(iter(layers.values()))[0].days
    xs = day_stamps(days, offset_days=0.5)
    for prefix, (_load, hue) in layers.items():
        line(chart, f"{prefix}acute_chronic", xs, ratios[prefix], hue)
    # the last item drawn: kept between drawings, above the lines
    reference(chart, "equal", 1.0, chart.theme.faint(0.5).name(), tr("7 d = 28 d"), kept=True)

    def describe(i: int) -> str:
        rows = [day_label(days[i])]
        for prefix, (load, _h) in layers.items():
            head = f"{key_name(prefix[:-1])}: " if prefix else ""
            rows.append(head + tr("Ratio: {v}").format(v=number_text(load.acute_chronic[i], 2)))
        return "\n".join(rows)

    chart.read_out(xs, describe, tolerance=DAY_S / 2)


def _weekly_lines(
    chart: Chart,
    layers: dict[str, tuple[WeeklyLoad, str]],
    legend: list[tuple[str, str]],
    kind: str,
    title: str,
    digits: int,
    start: date,
    end: date,
    week_start: int,
    high_line: bool = False,
) -> None:
    """A weekly measure (monotony or strain) of one series or of each craft; `high_line` draws
    Foster's monotony of 2 (for running only)."""
    chart.reset(kind, title, legend)
    chart.set_span(start, end, week_start)
    ys = {prefix: values(getattr(w, kind)) for prefix, (w, _h) in layers.items()}
    if not any(np.isfinite(y).any() for y in ys.values()):
        chart.show_message(
            tr(
                "Needs whole weeks with rated sessions on different loads; none between {range}"
            ).format(range=range_label(start, end))
        )
        return
    weeks = next(iter(layers.values()))[0].weeks
    xs = week_centres(weeks)
    for prefix, (_w, hue) in layers.items():
        line(chart, f"{prefix}{kind}", xs, ys[prefix], hue, symbols=len(xs) <= 60)
    if high_line:
        reference(
            chart,
            "monotony_high",
            MONOTONY_HIGH_RUNNING,
            discipline_colour("running"),
            tr("2: high for running (Foster)"),
            left=True,
            kept=True,  # the last item drawn: kept between drawings, above the lines
        )

    def describe(i: int) -> str:
        rows = [week_label(weeks[i])]
        for prefix, (w, _h) in layers.items():
            head = f"{key_name(prefix[:-1])}: " if prefix else ""
            rows.append(head + f"{title}: {number_text(getattr(w, kind)[i], digits)}")
            rows.append(
                ("  " if prefix else "")
                + tr("Week's load: {v}").format(v=number_text(w.load[i], 0))
            )
        return "\n".join(rows)

    chart.read_out(xs, describe, tolerance=WEEK_S / 2)


_WEEKLY = {
    "monotony": (lambda: tr("Monotony (weekly)"), 2),
    "strain": (lambda: tr("Strain (weekly load × monotony)"), 0),
}


def _draw_weekly(kind: str):
    def draw(
        chart: Chart,
        weekly: WeeklyLoad,
        hue: str,
        start: date,
        end: date,
        week_start: int = 0,
        who: str = "",
        *,
        running: bool = False,
    ) -> None:
        """One series' weekly measure; `running`: the series is running's alone."""
        title, digits = _WEEKLY[kind]
        _weekly_lines(
            chart,
            {"": (weekly, hue)},
            [(hue, who)] if who else [],
            kind,
            title(),
            digits,
            start,
            end,
            week_start,
            high_line=running and kind == "monotony",
        )

    return draw


def _draw_craft_weekly(kind: str):
    def draw(
        chart: Chart, weekly: dict[str, WeeklyLoad], start: date, end: date, week_start: int = 0
    ) -> None:
        """Each craft's own weekly measure, in its colour ("music:monotony" …)."""
        title, digits = _WEEKLY[kind]
        _weekly_lines(
            chart,
            {f"{k}:": (w, discipline_colour(k)) for k, w in weekly.items()},
            [(discipline_colour(k), key_name(k)) for k in weekly],
            kind,
            title(),
            digits,
            start,
            end,
            week_start,
            high_line=kind == "monotony" and "running" in weekly,
        )

    return draw


draw_monotony = _draw_weekly("monotony")
draw_strain = _draw_weekly("strain")
draw_craft_monotony = _draw_craft_weekly("monotony")
draw_craft_strain = _draw_craft_weekly("strain")
