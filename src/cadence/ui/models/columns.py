"""The columns of the Music and Running tables: header, how a `Row` reads in each cell, and the
sort key the listing service orders by (a key of
`cadence.services.browse.listing.SORT_EXPRESSIONS`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from cadence.domain.enums import SessionKind, SessionStatus, StopReason, label
from cadence.domain.palette import REASON_COLOURS, discipline_colour
from cadence.domain.units import Units, format_distance, format_duration, format_run_pace
from cadence.services.browse.listing import Row
from cadence.ui.plurals import plural

Text = Callable[[Row, Units], str]  # (row, units) -> cell text


@dataclass(frozen=True)
class Column:
    key: str  # the listing service's sort key
    header: str
    text: Text
    numeric: bool = False  # right-aligned
    sample: str = "0000"  # a typical widest value: the first width fits it and the header
    stretch: bool = False  # takes the room left over
    tooltip: Text | None = None
    decoration: Callable[[Row], QIcon | QColor | None] | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionColumns", text)


def _stops_tooltip(n: int) -> str:
    return plural(
        n,
        QCoreApplication.translate("SessionColumns", "%n stop-point", "", n),
        QCoreApplication.translate("SessionColumns", "%n stop-points", "", n),
    )


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return ""
    return QLocale().toString(float(value), "f", digits)


def format_day(day: date) -> str:
    """'Sun 1 Mar 2026' in the reader's language (the weekday first: the week's rhythm matters)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")


def _kind(row: Row, _units: Units) -> str:
    try:
        text = _tr(label(SessionKind(row.kind)))
    except ValueError:
        text = row.kind
    if row.status == SessionStatus.PLANNED:
        text += " " + _tr("(planned)")
    return text


def _day_tooltip(row: Row, units: Units) -> str:
    lines = [f"{format_day(row.local_date)} · {_kind(row, units)}"]
    if row.title:
        lines.append(row.title)
    return "\n".join(lines)


@cache
def chip(colour: str, hollow: bool = False) -> QIcon:
    """A small round chip in a discipline or outcome colour."""
    size = 12
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(colour), 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush if hollow else QColor(colour))
    painter.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
    painter.end()
    return QIcon(pixmap)


def _discipline_chip(row: Row) -> QIcon:
    return chip(discipline_colour(row.discipline), row.status == SessionStatus.PLANNED)


# outcome colours: the stop-reason palette's green / amber / vermillion (colour-blind friendlier)
_MET, _PARTLY, _MISSED = (
    REASON_COLOURS[StopReason.PLANNED],
    REASON_COLOURS[StopReason.FORM],
    REASON_COLOURS[StopReason.PAIN],
)


def outcome_legend_html() -> str:
    """What the intention dots mean, for a line under the table (coloured ● and ○, as drawn)."""
    marks = (
        (_MET, "●", _tr("met")),
        (_PARTLY, "●", _tr("partly")),
        (_MISSED, "●", _tr("missed")),
        ("#999999", "○", _tr("not rated")),
    )
    parts = [f"<span style='color:{c}'>{dot}</span>&nbsp;{text}" for c, dot, text in marks]
    return _tr("Intention:") + " " + " &nbsp; ".join(parts)


def _outcome_chip(row: Row) -> QIcon | None:
    if not row.intentions:
        return None
    rate = row.intention_rate
    if rate is None:
        return chip("#999999", hollow=True)
    return chip(_MET if rate >= 0.75 else _PARTLY if rate >= 0.25 else _MISSED)


def _intention(row: Row, _units: Units) -> str:
    if row.intentions > 1:
        return _tr("{text}  (+{more})").format(text=row.intention, more=row.intentions - 1)
    return row.intention


def _intention_tooltip(row: Row, _units: Units) -> str:
    if not row.intentions:
        return _tr("No intention was set for this session")
    lines = [row.intention]
    if row.rated:
        lines.append(
            _tr("{achieved} achieved, {partly} partly, {missed} missed of {n}").format(
                achieved=row.achieved, partly=row.partly, missed=row.missed, n=row.intentions
            )
        )
    else:
        lines.append(_tr("Outcome not rated yet"))
    return "\n".join(lines)


def _accuracy(row: Row, _units: Units) -> str:
    acc = row.accuracy
    return "" if acc is None else f"{_number(acc * 100)}%"


def _accuracy_tooltip(row: Row, _units: Units) -> str:
    if row.accuracy is None:
        return _tr("No clean reps were counted")
    return _tr("{clean} clean of {done} reps").format(clean=row.clean_reps, done=row.attempted_reps)


def _stops(row: Row, _units: Units) -> str:
    return str(row.stops) if row.stops else ""


def _reps(row: Row, _units: Units) -> str:
    if row.planned_reps is None:
        return ""
    return f"{row.done_reps} / {row.planned_reps}"


def _rating(value: int | None) -> str:
    return "" if value is None else str(value)


def music_columns() -> list[Column]:
    return [
        Column("date", _tr("Date"), lambda r, _u: format_day(r.local_date), sample="Wed 28 Sep 2026",
               tooltip=_day_tooltip, decoration=_discipline_chip),
        Column("minutes", _tr("Min"), lambda r, _u: _number(r.duration_s / 60), numeric=True,
               sample="000"),
        Column("pieces", _tr("Pieces"), lambda r, _u: ", ".join(r.pieces), sample="Sonata in D minor",
               tooltip=lambda r, _u: "\n".join(r.pieces)),
        Column("intention", _tr("Intention"), _intention, sample="Bars 33–48 at ♩=96, relaxed",
               stretch=True, tooltip=_intention_tooltip, decoration=_outcome_chip),
        Column("focus", _tr("Focus"), lambda r, _u: _rating(r.focus), numeric=True,
               sample="0"),
        Column("rpe", _tr("RPE"), lambda r, _u: _rating(r.rpe), numeric=True, sample="0"),
        Column("accuracy", _tr("Accuracy"), _accuracy, numeric=True, sample="100%",
               tooltip=_accuracy_tooltip),
        Column("stops", _tr("Stops"), _stops, numeric=True, sample="0",
               tooltip=lambda r, _u: _stops_tooltip(r.stops)),
    ]  # fmt: skip


def running_columns() -> list[Column]:
    return [
        Column("date", _tr("Date"), lambda r, _u: format_day(r.local_date), sample="Wed 28 Sep 2026",
               tooltip=_day_tooltip, decoration=_discipline_chip),
        Column("kind", _tr("Kind"), _kind, sample="Strength mobility", stretch=True),
        Column("distance", _tr("Distance"), lambda r, u: format_distance(r.distance_m, u),
               numeric=True, sample="42.20 km"),
        Column("time", _tr("Time"), lambda r, _u: format_duration(r.duration_s), numeric=True,
               sample="1:23:45"),
        Column("pace", _tr("Pace"), lambda r, u: format_run_pace(r.duration_s, r.moving_s, r.distance_m, u),
               numeric=True, sample="5:55 /km (elapsed)"),
        Column("hr", _tr("HR"), lambda r, _u: _rating(r.avg_hr), numeric=True, sample="000",
               tooltip=lambda r, _u: _tr("Average heart rate (bpm)")),
        Column("rpe", _tr("RPE"), lambda r, _u: _rating(r.rpe), numeric=True, sample="0"),
        Column("reps", _tr("Reps"), _reps, numeric=True, sample="10 / 10",
               tooltip=lambda r, _u: _tr("Done / planned repetitions")),
        Column("stops", _tr("Stops"), _stops, numeric=True, sample="0",
               tooltip=lambda r, _u: _stops_tooltip(r.stops)),
    ]  # fmt: skip
