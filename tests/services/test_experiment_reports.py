"""An experiment appears in a training cycle's report (for a teacher) as in a range's report."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from cadence.domain.enums import Discipline
from cadence.domain.experiments import ExperimentDesign, ExperimentMeasure
from cadence.domain.seasons import CycleData
from cadence.services.experiment.experiment_results import table_rows
from cadence.services.experiment.experiments import ExperimentData, save_experiment
from cadence.services.reports.build import build_report
from cadence.services.reports.html import esc, report_html
from cadence.services.reports.types import Audience, ReportSpec
from cadence.services.season import seasons

START = date(2027, 1, 4)


def test_a_cycle_report_lists_the_experiments_of_its_days(journal: Path) -> None:
    cycle = CycleData("Spring recital", START, START + timedelta(days=55), Discipline.MUSIC)
    cycle_id, _ = seasons.save_cycle(cycle)
    save_experiment(
        ExperimentData(
            change="Smile after a wrong note",
            discipline=Discipline.MUSIC,
            design=ExperimentDesign.ALTERNATE_SESSIONS,
            start_date=START + timedelta(days=14),
            end_date=START + timedelta(days=41),
            measures=[ExperimentMeasure.SLIPS_LET_GO, ExperimentMeasure.SLIPS_RECOVERED],
        )
    )
    spec = ReportSpec(
        cycle.start,
        cycle.end,
        Discipline.MUSIC,
        Audience.TEACHER,
        label=cycle.name,
        cycle_id=cycle_id,
    )
    content = build_report(spec, today=START + timedelta(days=60))
    assert content.cycle is not None and content.cycle.name == "Spring recital"
    [result] = content.experiments
    assert result.experiment.change == "Smile after a wrong note"
    page = report_html(content)
    assert "The cycle: Spring recital" in page and "<h3>Experiments</h3>" in page
    for row in table_rows(result):
        assert all(esc(cell) in page for cell in row)
    assert "slips let go" in page and "too few sessions to tell (0 vs 0)" in page
