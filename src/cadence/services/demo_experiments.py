"""The demo's experiments: one with a real effect built into the sessions, one with none.

"Scales after the hard passage, not before" (music, before/after, four weeks): in its weeks a
share of the slips in every block really does become clean, so the comparison should find better
accuracy. "Runs without headphones" (running, alternating by day) changes nothing in the
sessions, so the comparison should say it can't tell. Made without the random generator, so the
rest of the journal is what the seed made before experiments existed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cadence.domain.enums import Discipline
from cadence.domain.experiments import ExperimentDesign, ExperimentMeasure
from cadence.services.experiments import ExperimentData, save_experiment
from cadence.store.models import Block, Experiment, Session

if TYPE_CHECKING:
    from cadence.services.demo import Rows

EFFECT_SHARE = 0.5  # of a block's slips that become clean while the change is tried
SCALES_DAYS = 28


def _scales(end: date) -> ExperimentData:
    start = end - timedelta(days=SCALES_DAYS + 13)
    return ExperimentData(
        change="Scales after the hard passage, not before",
        discipline=Discipline.MUSIC,
        design=ExperimentDesign.BEFORE_AFTER,
        start_date=start,
        end_date=start + timedelta(days=SCALES_DAYS - 1),
        measures=[ExperimentMeasure.ACCURACY, ExperimentMeasure.FOCUS],
    )


def _headphones(end: date) -> ExperimentData:
    start = end - timedelta(days=27)
    return ExperimentData(
        change="Runs without headphones",
        discipline=Discipline.RUNNING,
        design=ExperimentDesign.ALTERNATE_DAYS,
        start_date=start,
        end_date=end + timedelta(days=14),
        measures=[ExperimentMeasure.RPE, ExperimentMeasure.PACE],
    )


def build_effect(rows: Rows, start: date, end: date) -> None:
    """The scales experiment's effect, in the rows before they are written: half of the slips
    of each music block in its weeks become clean reps."""
    scales = _scales(end)
    if scales.start_date - timedelta(days=SCALES_DAYS) < start:
        return  # a demo too short to hold the experiment and its baseline
    for block in rows.tables[Block]:
        session = rows.get(Session, block["session"])
        if session["discipline"] != Discipline.MUSIC.value:
            continue
        if not scales.start_date <= session["local_date"] <= scales.end_date:
            continue
        done, clean = block["done_reps"], block["clean_reps"]
        if done and clean is not None:
            block["clean_reps"] = clean + round(EFFECT_SHARE * (done - clean))


def save_experiments(start: date, end: date) -> None:
    """Save both through the service (which gives the sessions their arms), with set times."""
    scales = _scales(end)
    if scales.start_date - timedelta(days=SCALES_DAYS) < start:
        return
    for data in (scales, _headphones(end)):
        experiment_id, _ = save_experiment(data)
        made = datetime.combine(data.start_date - timedelta(days=1), datetime.min.time())
        Experiment.update(created_at=made.replace(hour=20)).where(
            Experiment.id == experiment_id
        ).execute()
