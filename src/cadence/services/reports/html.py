"""A report's content as HTML for Qt's rich-text engine (QTextDocument).

Everything the user wrote (names, intentions, reflections, notes, titles, pieces) goes through
`esc`, so `<b>`, `<script>` or `<img src=...>` in a reflection print as those characters. The
only images are the charts, referenced as `<img src="chart:NAME">`; the UI adds them as
resources and its document refuses every other resource.

Headings (h1-h4) are kept with what follows and table rows are never split across pages: the
UI paginates by measuring blocks and rows (cadence.ui.printing), so the HTML needs no page CSS.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from cadence.domain.enums import (
    BodyArea,
    FocusStatus,
    Outcome,
    ReflectionPrompt,
    SessionKind,
    StopReason,
    area_key_label,
    label,
    where_felt,
)
from cadence.domain.palette import BOTH
from cadence.domain.units import Units, distance_in, format_run_pace, metres_per
from cadence.services.experiment.experiment_results import table_header, table_rows
from cadence.services.experiment.experiments import scope_words
from cadence.services.reports.cycle_html import cycle_html
from cadence.services.reports.types import (
    ChartRef,
    CountRow,
    FigureRow,
    MonthSessions,
    PassageRow,
    ReflectionItem,
    ReportContent,
    Section,
    SessionRow,
    StopItem,
    WeekRow,
)

INK = "#1F2937"
MUTED = "#6B7280"
RULE = "#D1D5DB"
OUTCOME_COLOURS = {
    Outcome.ACHIEVED.value: "#047857",
    Outcome.PARTLY.value: "#B45309",
    Outcome.MISSED.value: "#B91C1C",
}
PROMPT_NAMES = {
    ReflectionPrompt.WENT_WELL.value: "Went well",
    ReflectionPrompt.LET_GO.value: "Let go",
    ReflectionPrompt.TO_IMPROVE.value: "To improve",
    ReflectionPrompt.NEXT_TIME.value: "Next time",
    ReflectionPrompt.FREE.value: "Note",
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

CSS = f"""
body {{ color: {INK}; font-size: 9pt; }}
h1 {{ font-size: 19pt; font-weight: 600; margin-top: 0px; margin-bottom: 2px; }}
h2 {{ font-size: 14pt; font-weight: 600; margin-top: 22px; margin-bottom: 6px; }}
h3 {{ font-size: 11pt; font-weight: 600; margin-top: 16px; margin-bottom: 6px; color: {INK}; }}
h4 {{ font-size: 9.5pt; font-weight: 600; margin-top: 12px; margin-bottom: 4px;
      color: {MUTED}; }}
p {{ margin-top: 0px; margin-bottom: 6px; }}
p.sub {{ color: {MUTED}; font-size: 10pt; margin-bottom: 2px; }}
p.muted {{ color: {MUTED}; }}
p.chart {{ margin-top: 4px; margin-bottom: 10px; }}
p.note {{ margin-bottom: 5px; }}
p.cell {{ margin-bottom: 2px; }}
span.muted {{ color: {MUTED}; }}
span.small {{ font-size: 8pt; }}
table.grid {{ border-collapse: collapse; margin-top: 2px; margin-bottom: 10px; }}
table.grid th {{ font-size: 8pt; font-weight: 600; color: {MUTED}; text-align: left;
      padding: 3px 5px 4px 5px; border-bottom-width: 1.5px; border-bottom-style: solid;
      border-bottom-color: {INK}; }}
table.grid td {{ padding: 4px 5px 4px 5px; vertical-align: top; border-top-width: 0.6px;
      font-size: 8.5pt;
      border-top-style: solid; border-top-color: {RULE}; }}
table.grid th.num, table.grid td.num {{ text-align: right; }}
table.figures {{ margin-top: 10px; margin-bottom: 6px; }}
table.figures td {{ padding: 6px 8px 6px 8px; vertical-align: top; }}
span.big {{ font-size: 13pt; font-weight: 600; }}
span.label {{ font-size: 7.5pt; color: {MUTED}; }}
span.unit {{ font-size: 9pt; color: {MUTED}; }}
"""


@dataclass(frozen=True)
class Formats:
    """How dates read; the UI passes the user's locale, the default is plain English."""

    day: Callable[[date], str] = lambda d: f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
    date: Callable[[date], str] = lambda d: f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    month: Callable[[date], str] = lambda d: f"{_MONTH_NAMES[d.month - 1]} {d.year}"


PLAIN = Formats()


def esc(text: object) -> str:
    """User text as literal characters: no tags, no entities, line breaks kept."""
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def _name(value: str, enum: type) -> str:
    try:
        return label(enum(value))
    except ValueError:
        return value


def range_text(content: ReportContent, fmt: Formats = PLAIN) -> str:
    spec = content.spec
    text = fmt.date(spec.start)
    if spec.end != spec.start:
        text += f" – {fmt.date(spec.end)}"
    return f"{spec.label} · {text}" if spec.label else text


def header_texts(content: ReportContent, fmt: Formats = PLAIN) -> tuple[str, str]:
    """Plain text for each page's header: (who and what, the range). Painted, never parsed."""
    left = f"{content.person} · {content.title}" if content.person else content.title
    return left, range_text(content, fmt)


def recipient_text(content: ReportContent) -> str:
    audience = content.spec.audience.value
    if audience == "self":
        return "For my own review"
    who = content.recipient or f"my {audience}"
    return f"For {who}"


# --- cells -------------------------------------------------------------------------------------


def minutes_text(seconds: float) -> str:
    whole = round(seconds / 60)
    return f"{whole} min" if whole < 60 else f"{whole // 60} h {whole % 60:02d} min"


def number(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _where(stop: StopItem) -> str:
    if stop.rep_index is not None:
        of = f" of {stop.planned_reps}" if stop.planned_reps else ""
        return f"rep {stop.rep_index}{of}"
    if stop.elapsed_s is not None:
        of = f" of {round(stop.planned_s / 60)}" if stop.planned_s else ""
        return f"{round(stop.elapsed_s / 60)}{of} min"
    return ""


def _stop_html(stop: StopItem) -> str:
    parts = [f"<b>{esc(_name(stop.reason, StopReason))}</b>"]
    if stop.body_area and stop.body_area != BodyArea.NONE.value:
        parts.append(esc(where_felt(stop.body_area, stop.side).lower()))
    where = _where(stop)
    if where:
        parts.append(esc(where))
    parts.append("pushed on" if stop.action == "pushed_on" else "stopped")
    text = ", ".join(parts)
    if stop.note.strip():
        text += f'<br><span class="muted">{esc(stop.note.strip())}</span>'
    return text


def session_cells(row: SessionRow, units: Units = Units.KM, fmt: Formats = PLAIN) -> list[str]:
    """The HTML of each cell of a session's row: date, session, intentions and outcomes, RPE,
    focus, stop-points."""
    kind = esc(_name(row.kind, SessionKind))
    what = [f"<b>{kind}</b> · {minutes_text(row.duration_s)}"]
    if row.title.strip() and row.title.strip().lower() != _name(row.kind, SessionKind).lower():
        what.append(f'<span class="muted">{esc(row.title.strip())}</span>')
    if row.distance_m:
        km = distance_in(row.distance_m, units) or 0.0
        pace = format_run_pace(row.duration_s, row.moving_s, row.distance_m, units)
        what.append(esc(f"{km:.1f} {units}" + (f" · {pace}" if pace else "")))
    intentions = []
    for item in row.intentions:
        colour = OUTCOME_COLOURS.get(item.outcome)
        outcome = (  # (an outcome this version does not know has no colour, and goes unsaid)
            f' <span style="color:{colour}">{esc(label(Outcome(item.outcome)).lower())}</span>'
            if colour
            else ""
        )
        intentions.append(f'<p class="cell">{esc(item.text)}{outcome}</p>')
    return [
        esc(fmt.day(row.day)),
        "<br>".join(what),
        "".join(intentions) or '<span class="muted">–</span>',
        number(row.rpe),
        number(row.focus),
        "".join(f'<p class="cell">{_stop_html(s)}</p>' for s in row.stops) + _slips_html(row),
    ]


def _slips_html(row: SessionRow) -> str:
    """'2 slips, 1 let go' under the session's stop-points."""
    m = row.slips
    if m is None or not m.slips:
        return ""
    text = f"{m.slips} slip{'s' * (m.slips != 1)}"
    if m.answered:
        text += f", {m.let_go} let go"
    return f'<p class="cell muted">{esc(text)}</p>'


# --- blocks ------------------------------------------------------------------------------------


def _table(
    headers: Iterable[tuple[str, str, bool]], rows: Iterable[list[str]], numeric: set[int]
) -> str:
    """A ruled table; headers are (text, width, numeric) and repeat on every page it spans."""
    head = "".join(
        f'<th width="{w}"{" class=num" if num else ""}>{esc(t)}</th>' for t, w, num in headers
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=num' if i in numeric else ''}>{cell}</td>" for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return (
        '<table class="grid" width="100%" cellspacing="0" cellpadding="0">'
        f"<thead><tr>{head}</tr></thead>{body}</table>"
    )


def _chart(chart: ChartRef) -> str:
    return (
        f'<p class="chart"><img src="chart:{esc(chart.name)}" width="{chart.width}" '
        f'height="{chart.height}" alt="{esc(chart.caption or chart.kind)}"></p>'
    )


def _figures(rows: list[FigureRow], labelled: bool) -> str:
    out = ['<table class="figures" width="100%" cellspacing="0" cellpadding="0">']
    for row in rows:
        out.append("<tr>")
        if labelled:
            out.append(
                f'<td width="13%"><span style="color:{row.colour}; font-weight:600; '
                f'font-size:10pt">{esc(row.title)}</span></td>'
            )
        width = f"{(87 if labelled else 100) / len(row.figures):.1f}%"
        for fig in row.figures:
            unit = f' <span class="unit">{esc(fig.unit)}</span>' if fig.unit else ""
            note = f'<br><span class="label">{esc(fig.note)}</span>' if fig.note else ""
            out.append(
                f'<td width="{width}"><span class="label">{esc(fig.label.upper())}</span><br>'
                f'<span class="big" style="color:{row.colour}">{esc(fig.value)}</span>{unit}'
                f"{note}</td>"
            )
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _passages(rows: list[PassageRow]) -> str:
    headers = [
        ("Piece — passage", "33%", False),
        ("Bars", "10%", False),
        ("Sessions", "10%", True),
        ("Clean BPM", "13%", True),
        ("Target", "8%", True),
        ("Reached", "11%", True),
        ("Accuracy", "15%", True),
    ]

    def bpm(r: PassageRow) -> str:
        if r.first_bpm is None:
            return "–"
        if r.first_bpm == r.last_bpm:
            return number(r.last_bpm)
        return f"{number(r.first_bpm)} → {number(r.last_bpm)}"

    cells = [
        [
            f"{esc(r.piece)} — <b>{esc(r.label)}</b>",
            esc(r.bars) or "–",
            str(r.sessions),
            bpm(r),
            number(r.target_bpm),
            percent(r.of_target),
            f"{percent(r.accuracy)}"
            + (
                f'<br><span class="muted small">{r.clean_reps} of {r.done_reps}</span>'
                if r.done_reps
                else ""
            ),
        ]
        for r in rows
    ]
    return _table(headers, cells, {2, 3, 4, 5, 6})


def _weeks(rows: list[WeekRow], units: Units, fmt: Formats) -> str:
    headers = [
        ("Week of", "20%", False),
        ("Runs", "10%", True),
        ("Time", "14%", True),
        ("Distance", "16%", True),
        ("Load", "14%", True),
        ("Monotony", "12%", True),
        ("Strain", "14%", True),
    ]
    per = 1000 / metres_per(units)
    cells = [
        [
            esc(fmt.date(w.week)),
            str(w.sessions),
            minutes_text(w.minutes * 60),
            f"{w.distance_km * per:.1f} {units}",
            number(w.load),
            number(w.monotony, 2),
            number(w.strain),
        ]
        for w in rows
    ]
    return _table(headers, cells, {1, 2, 3, 4, 5, 6})


def _counts(title: str, rows: list[CountRow], name: Callable[[str], str]) -> str:
    headers = [(title, "40%", False), ("Total", "20%", True), ("Stopped", "20%", True)]
    headers.append(("Pushed on", "20%", True))
    cells = [[esc(name(r.name)), str(r.total), str(r.stopped), str(r.pushed_on)] for r in rows]
    return _table(headers, cells, {1, 2, 3})


def _reflections(items: list[ReflectionItem], fmt: Formats) -> str:
    out = []
    for item in items:
        where = _name(item.kind, SessionKind) if item.kind else "Day"
        prompt = PROMPT_NAMES.get(item.prompt, item.prompt)
        out.append(
            f'<p class="note"><span class="muted">{esc(fmt.day(item.day))} · {esc(where)} · '
            f"{esc(prompt)}:</span> {esc(item.text.strip())}</p>"
        )
    return "".join(out)


def _month(month: MonthSessions, units: Units, fmt: Formats) -> str:
    count = len(month.rows)
    heading = f"<h4>{esc(fmt.month(month.month))} · {count} session{'s' if count != 1 else ''}</h4>"
    headers = [
        ("Date", "9%", False),
        ("Session", "20%", False),
        ("Intention and outcome", "36%", False),
        ("RPE", "6%", True),
        ("Focus", "7%", True),
        ("Stop-points", "22%", False),
    ]
    rows = [session_cells(r, units, fmt) for r in month.rows]
    return heading + _table(headers, rows, {3, 4})


def _section(section: Section, content: ReportContent, fmt: Formats) -> str:
    out = [f'<h2 style="color:{section.colour}">■ {esc(section.title)}</h2>']
    if not section.session_count:
        word = section.discipline.value
        out.append(f'<p class="muted">No {word} sessions in this range.</p>')
        return "".join(out)
    main = [c for c in section.charts if c.kind not in ("tempo_progress", "stop_points_by_reason")]
    out += [_chart(c) for c in main]
    if section.passages:
        out.append("<h3>Passages: tempo and accuracy</h3>")
        out.append(_passages(section.passages))
        out += [_chart(c) for c in section.charts if c.kind == "tempo_progress"]
    if section.weeks:
        out.append("<h3>Weekly distance and load</h3>")
        out.append(_weeks(section.weeks, content.units, fmt))
    out.append("<h3>Stop-points</h3>")
    stops = section.stops
    if not stops.total:
        out.append('<p class="muted">No stop-points in this range.</p>')
    else:
        stopped = sum(r.stopped for r in stops.by_reason)
        pushed = stops.total - stopped
        counts = f"{stops.total} stop-point{'s' * (stops.total != 1)}: {stopped} stopped"
        if pushed:
            counts += f", {pushed} pushed on through a warning sign"
        insight = f" {esc(stops.insight)}" if stops.insight else ""
        out.append(f"<p>{counts}.{insight}</p>")
        out += [_chart(c) for c in section.charts if c.kind == "stop_points_by_reason"]
        out.append(_counts("Reason", stops.by_reason, lambda v: _name(v, StopReason)))
        if stops.by_body_area:
            out.append(_counts("Body area", stops.by_body_area, area_key_label))
    if stops.slips:
        out.append(f"<p><b>Slips</b> (let go?): {esc(stops.slips)}</p>")
    if section.reflections:
        out.append("<h3>Shared reflections</h3>")
        out.append(_reflections(section.reflections, fmt))
    if section.next_intentions:
        # how many are left out goes in the heading, which a page never parts from what follows
        # (a lone line after the list could open a page of its own)
        shown, earlier = len(section.next_intentions), section.earlier_next_intentions
        more = (
            f' <span class="muted">(the {shown} latest; {earlier} earlier not shown)</span>'
            if earlier
            else ""
        )
        out.append(f"<h3>Next intentions{more}</h3>")
        out.append(_reflections(section.next_intentions, fmt))
    out.append("<h3>Sessions</h3>")
    out += [_month(m, content.units, fmt) for m in section.months]
    return "".join(out)


def _season(content: ReportContent, fmt: Formats) -> list[str]:
    """The focus targets of the cycles in the range and, for oneself, the weekly reviews."""
    out = []
    if content.focus_targets and content.cycle is None:  # a cycle's report has them with progress
        out.append("<h3>Focus targets</h3>")
        rows = [
            [
                f"<b>{esc(f.title)}</b>",
                esc(f.seen) or "–",
                esc(_name(f.status, FocusStatus)),
                esc(f.cycle),
            ]
            for f in content.focus_targets
        ]
        headers = [("Focus target", "32%", False), ("How it is seen", "30%", False)]
        out.append(
            _table([*headers, ("Status", "12%", False), ("Cycle", "26%", False)], rows, set())
        )
    if content.reviews:
        out.append("<h3>Weekly reviews</h3>")
        rows = [
            [
                esc(fmt.date(r.week_start)),
                esc(r.went_well) or "–",
                esc(r.learned) or "–",
                esc(r.next_week) or "–",
                esc(r.ratings) or "–",
            ]
            for r in content.reviews
        ]
        headers = [("Week of", "13%", False), ("Went well", "23%", False)]
        headers += [("Learned", "23%", False), ("Next week", "21%", False)]
        out.append(_table([*headers, ("Focus ratings", "20%", False)], rows, set()))
    return out


def _experiments(content: ReportContent, fmt: Formats) -> list[str]:
    """Each experiment of the range: the change, its status and result in words, the table."""
    if not content.experiments:
        return []
    out = ["<h3>Experiments</h3>"]
    for result in content.experiments:
        e = result.experiment
        days = f"{fmt.date(e.start_date)} – {fmt.date(e.last_day)}"
        out.append(
            f"<p><b>{esc(e.change)}</b> · {esc(scope_words(e))} · {esc(days)} · "
            f"{esc(result.status)}<br>{esc(result.summary)}.</p>"
        )
        header = table_header(result)
        widths = ("15%", "9%", "9%", "13%", "17%", "10%", "27%")
        out.append(
            _table(
                [(h, w, 0 < i < 6) for i, (h, w) in enumerate(zip(header, widths, strict=True))],
                [[esc(cell) for cell in row] for row in table_rows(result)],
                {1, 2, 3, 4, 5},
            )
        )
        if result.meanwhile:
            out.append(
                "<p>Also different meanwhile (a comparison, not a cause): "
                f"{esc('; '.join(result.meanwhile))}.</p>"
            )
    return out


def report_html(content: ReportContent, fmt: Formats = PLAIN) -> str:
    """The whole report as one HTML document (the page header and footer are painted apart)."""
    spec = content.spec
    colour = content.sections[0].colour if len(content.sections) == 1 else BOTH
    who = f"{esc(content.person)} · " if content.person else ""
    out = [
        f"<html><head><style>{CSS}</style></head><body>",
        f'<h1 style="color:{colour}">{esc(content.title)}</h1>',
        f'<p class="sub">{who}{esc(range_text(content, fmt))}</p>',
        f'<p class="sub">{esc(recipient_text(content))} · made on {esc(fmt.date(content.created_on))}'
        "</p>",
        _figures(content.figures, labelled=spec.discipline is None),
    ]
    if content.events:
        out.append("<h3>Goal events</h3>")
        rows = [
            [
                esc(fmt.date(e.day)),
                f"<b>{esc(e.name)}</b>",
                esc(e.target) or "–",
                esc(e.result) or "–",
            ]
            for e in content.events
        ]
        headers = [("Date", "16%", False), ("Event", "34%", False), ("Target", "25%", False)]
        out.append(_table([*headers, ("Result", "25%", False)], rows, set()))
    if content.cycle is not None:
        out += cycle_html(content.cycle, fmt, esc, _table, _chart)
    out += [_chart(c) for c in content.overview_charts]
    out += _season(content, fmt)
    out += _experiments(content, fmt)
    out += [_section(s, content, fmt) for s in content.sections]
    if content.day_reflections:
        out.append(f'<h2 style="color:{BOTH}">■ From the day journal</h2>')
        out.append(_reflections(content.day_reflections, fmt))
    out.append("</body></html>")
    return "".join(out)
