"""The cycle report's part of the printed report, as HTML (services/reports/cycle.py holds what it
says): the goal event and its demands, the phases with load and minutes, the focus targets with
their progress and charts, the demands rehearsed, the readiness check and the debrief."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from cadence.domain.enums import EventKind, FocusStatus, PhaseName, label
from cadence.domain.palette import BOTH
from cadence.services.reports.cycle import CycleReport

if TYPE_CHECKING:
    from cadence.services.reports.types import ChartRef


def _name(value: str, enum: type) -> str:
    try:
        return label(enum(value))
    except ValueError:
        return value


def cycle_html(
    cycle: CycleReport,
    fmt,
    esc: Callable[[object], str],
    table: Callable[[Iterable[tuple[str, str, bool]], Iterable[list[str]], set[int]], str],
    chart: Callable[[ChartRef], str],
) -> list[str]:
    out = [f'<h2 style="color:{BOTH}">■ The cycle: {esc(cycle.name)}</h2>']
    span = f"{fmt.date(cycle.start)} – {fmt.date(cycle.end)}"
    out.append(f"<p>{esc(span)}" + (f" · {esc(cycle.goal)}" if cycle.goal else "") + "</p>")
    if cycle.event:
        kind = _name(cycle.event_kind, EventKind)
        priority = f", priority {esc(cycle.priority)}" if cycle.priority else ""
        out.append(
            f"<h3>Goal event</h3><p><b>{esc(cycle.event)}</b> — {esc(kind)} on "
            f"{esc(fmt.date(cycle.event_day))}{priority}</p>"
        )
        facts = []
        if cycle.target:
            facts.append(f"Target: {esc(cycle.target)}")
        if cycle.result:
            facts.append(f"Result: {esc(cycle.result)}")
        if facts:
            out.append("<p>" + " · ".join(facts) + "</p>")
        if cycle.demands:
            rows = [[f"<b>{esc(d.aspect) or '–'}</b>", esc(d.text)] for d in cycle.demands]
            out.append("<h3>What it will demand</h3>")
            out.append(
                table([("Aspect", "28%", False), ("What it asks", "72%", False)], rows, set())
            )
        if cycle.motivators:
            out.append("<h3>Why it matters</h3>")
            rows = [[esc(label(m.kind)), esc(m.text)] for m in cycle.motivators]
            out.append(table([("Kind", "18%", False), ("Reason", "82%", False)], rows, set()))
    if cycle.phases:
        out.append("<h3>Phases: load and minutes</h3>")
        rows = []
        for p in cycle.phases:
            load = f"{p.load:,.0f}" + (f" ({p.unrated} without RPE)" if p.unrated else "")
            rows.append(
                [
                    f"<b>{esc(_name(p.name, PhaseName))}</b>",
                    esc(f"{fmt.date(p.start)} – {fmt.date(p.end)}"),
                    str(p.sessions),
                    f"{p.minutes:,.0f}",
                    esc(load),
                ]
            )
        total_minutes = sum(p.minutes for p in cycle.phases)
        total_load = sum(p.load for p in cycle.phases)
        sessions = sum(p.sessions for p in cycle.phases)
        rows.append(
            ["<b>All phases</b>", "", str(sessions), f"{total_minutes:,.0f}", f"{total_load:,.0f}"]
        )
        headers = [("Phase", "18%", False), ("Dates", "34%", False), ("Sessions", "12%", True)]
        headers += [("Minutes", "14%", True), ("Load (RPE × min)", "22%", True)]
        out.append(table(headers, rows, {2, 3, 4}))
    if cycle.focus:
        out.append("<h3>Focus targets and their progress</h3>")
        rows = [
            [
                f"<b>{esc(f.title)}</b>",
                esc(f.seen) or "–",
                esc(_name(f.status, FocusStatus)),
                str(f.sessions),
                esc(f.progress),
            ]
            for f in cycle.focus
        ]
        headers = [("Focus target", "24%", False), ("How it is seen", "24%", False)]
        headers += [("Status", "11%", False), ("Sessions", "11%", True), ("Progress", "30%", False)]
        out.append(table(headers, rows, {3}))
        out += [chart(f.chart) for f in cycle.focus]
    if cycle.rehearsed:
        out.append("<h3>Demands rehearsed</h3>")
        rows = []
        for r in cycle.rehearsed:
            when = ", ".join(fmt.date(d) for d in r.days) if r.days else "not rehearsed"
            name = r.aspect if r.listed else f"{r.aspect} (no longer listed)"
            rows.append([f"<b>{esc(name)}</b>", str(len(r.days)), esc(when)])
        headers = [("Demand", "28%", False), ("Times", "10%", True), ("When", "62%", False)]
        out.append(table(headers, rows, {1}))
    if cycle.readiness is not None:
        check = cycle.readiness
        mean = f" — mean {check.mean:.1f}/5" if check.mean is not None else ""
        out.append(f"<h3>Readiness check ({esc(fmt.date(check.checked_on))}){mean}</h3>")
        rows = [
            [esc(i.aspect) or "–", str(i.rating) if i.rating else "–", esc(i.note) or "–"]
            for i in check.items
        ]
        if rows:
            headers = [("Demand", "30%", False), ("Ready (1–5)", "14%", True)]
            out.append(table([*headers, ("Note", "56%", False)], rows, {1}))
        if check.plan:
            out.append(f"<p><b>Plan for the day:</b> {esc(check.plan)}</p>")
        if check.still_want:
            out.append(f"<p><b>Do I still want this, and why?</b> {esc(check.still_want)}</p>")
    if cycle.debrief is not None:
        d = cycle.debrief
        out.append(f"<h3>Debrief ({esc(fmt.date(d.written_on))})</h3>")
        for title, text in (
            ("Went well", d.went_well),
            ("To change", d.to_change),
            ("Next", d.next_step),
        ):
            if text:
                out.append(f"<p><b>{title}:</b> {esc(text)}</p>")
    return out
