"""The demo's experiments: one with a real effect built into the sessions, one with none.

"Scales after the hard passage, not before" (music, before/after, four weeks): in its weeks a
share of the slips in every block really does become clean, so the comparison should find better
accuracy. "Runs without headphones" (running, alternating by day) changes nothing in the
sessions, so the comparison should say it can't tell. "Smile after a wrong note" (music practice,
alternating by session, measured on the slips) has an effect built into its A sessions: each
answered slip is let go, and half of the not-good reps after it become good (`smile_effect`,
after the arms are given). Made without the random generator, so the
rest of the journal is what the seed made before experiments existed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from cadence.domain.enums import Discipline, SessionKind
from cadence.domain.experiments import (
    ExperimentArm,
    ExperimentDesign,
    ExperimentMeasure,
    ExperimentScope,
)
from cadence.services.experiment.experiments import ExperimentData, arms_of, save_experiment
from cadence.store.models import Block, Experiment, Session, Slip

if TYPE_CHECKING:
    from cadence.services.demo.generate import Rows

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


SMILE_DAYS = 84  # twelve weeks so far: slips come in a few sessions a week


def _smile(end: date) -> ExperimentData:
    start = end - timedelta(days=SMILE_DAYS - 1)
    return ExperimentData(
        change="Smile after a wrong note",
        discipline=Discipline.MUSIC,
        scope=ExperimentScope.KIND,
        scope_value=SessionKind.PRACTICE.value,
        design=ExperimentDesign.ALTERNATE_SESSIONS,
        start_date=start,
        end_date=end + timedelta(days=14),
        measures=[
            ExperimentMeasure.SLIPS,
            ExperimentMeasure.SLIPS_LET_GO,
            ExperimentMeasure.SLIPS_RECOVERED,
        ],
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
    for data in (scales, _headphones(end), _smile(end)):
        experiment_id, _ = save_experiment(data)
        made = datetime.combine(data.start_date - timedelta(days=1), datetime.min.time())
        Experiment.update(created_at=made.replace(hour=20)).where(
            Experiment.id == experiment_id
        ).execute()
    smile_effect(experiment_id)


def smile_effect(experiment_id: int) -> None:
    """The smile's effect, in its A sessions (the arms just given): every answered slip was let
    go, and half of the reps after it that were not good became good."""
    change = [s for s, arm in arms_of(experiment_id).items() if arm == ExperimentArm.CHANGE]
    for slip in Slip.select().where(Slip.session.in_(change)):
        if slip.let_go is not None:
            slip.let_go = True
        if slip.reps_after is not None and slip.good_after is not None:
            slip.good_after += round(EFFECT_SHARE * (slip.reps_after - slip.good_after))
        slip.save()
