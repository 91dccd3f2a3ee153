"""One colour per discipline everywhere (table chips, chart series, report headings), and a neutral
third for "both". Hex strings, so reports (HTML) and the UI (QColor) share them."""

from __future__ import annotations

from cadence.domain.enums import Discipline, StopReason

MUSIC = "#7C4DFF"
RUNNING = "#00A389"
BOTH = "#64748B"

DISCIPLINE_COLOURS: dict[Discipline | None, str] = {
    Discipline.MUSIC: MUSIC,
    Discipline.RUNNING: RUNNING,
    None: BOTH,
}

# stop-point reasons: distinct, colour-blind-friendlier hues (Okabe-Ito)
REASON_COLOURS: dict[StopReason, str] = {
    StopReason.FORM: "#E69F00",
    StopReason.PAIN: "#D55E00",
    StopReason.FATIGUE: "#882255",
    StopReason.MIND: "#56B4E9",
    StopReason.FRUSTRATION: "#CC79A7",
    StopReason.TIME: "#0072B2",
    StopReason.PLANNED: "#009E73",
    StopReason.OTHER: "#999999",
}


def discipline_colour(discipline: Discipline | str | None) -> str:
    return DISCIPLINE_COLOURS.get(Discipline(discipline) if discipline else None, BOTH)
