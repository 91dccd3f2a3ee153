"""Slips saved with their session, read back, checked, measured, upgraded into and restored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import DATA, make_session

from cadence.domain.records import BlockData, SlipData
from cadence.services.records.journal import load_session, save_session, trash_sessions
from cadence.services.records.slips import slip_measures, slips_sentence
from cadence.services.transfer.export import export_json
from cadence.services.transfer.restore import RestoreError, restore_file
from cadence.services.validation import ValidationError
from cadence.store.db import close_journal, open_journal
from cadence.store.migrations import SCHEMA_VERSION
from cadence.store.models import Slip, database


def _with_slips():
    return make_session(
        blocks=[BlockData("warm-up"), BlockData("bars 9-16", planned_reps=8, done_reps=8)],
        slips=[
            SlipData(
                elapsed_s=120.0,
                rep_index=2,
                note="rushed the run",
                let_go=True,
                reps_after=6,
                good_after=4,
                block_position=1,
            ),
            SlipData(elapsed_s=300.0, rep_index=7, let_go=False, reps_after=1, good_after=0),
        ],
    )


def test_slips_are_saved_and_read_back_with_their_session(journal: Path) -> None:
    data = _with_slips()
    save_session(data)
    again = load_session(data.id)
    assert again.slips == data.slips
    # saving again replaces them, never doubles them
    again.slips = again.slips[:1]
    save_session(again)
    assert load_session(data.id).slips == data.slips[:1]
    assert Slip.select().count() == 1


def test_slips_are_measured_per_session(journal: Path) -> None:
    data = _with_slips()
    save_session(data)
    other = make_session()
    save_session(other)
    m = slip_measures([data.id, other.id])
    assert (m[data.id].slips, m[data.id].let_go, m[data.id].answered) == (2, 1, 2)
    assert (m[data.id].recovered, m[data.id].judged) == (1, 2)  # 4 of 6 good; 0 of 1
    assert m[data.id].session_recovered is False
    assert m[other.id].slips == 0
    assert slips_sentence(2, m[data.id]) == (
        "2 slips in 2 sessions (1.0 per session); let go: 1 of 2 answered; recovered: 1 of 2."
    )
    assert slips_sentence(2, m[other.id]) == ""


def test_reports_show_slips_where_they_show_stop_points(journal: Path) -> None:
    from cadence.services.reports.build import ReportSpec, build_report
    from cadence.services.reports.html import report_html

    data = _with_slips()
    save_session(data)
    save_session(make_session())
    gone = _with_slips()
    save_session(gone)
    trash_sessions([gone.id])  # the trash counts nowhere
    day = data.local_date
    content = build_report(ReportSpec(day, day), today=day)
    (section,) = [s for s in content.sections if s.discipline == "music"]
    assert section.stops.slips == (
        "2 slips in 2 sessions (1.0 per session); let go: 1 of 2 answered; recovered: 1 of 2."
    )
    rows = [r for month in section.months for r in month.rows]
    assert [r.slips.slips for r in rows] == [2, 0]
    page = report_html(content)
    assert "<b>Slips</b> (let go?): 2 slips in 2 sessions" in page
    assert "2 slips, 1 let go" in page


@pytest.mark.parametrize(
    ("slip", "field"),
    [
        (SlipData(elapsed_s=-1), "slips[0].elapsed_s"),
        (SlipData(elapsed_s=4000), "slips[0].elapsed_s"),  # after a 30-minute session's end
        (SlipData(rep_index=-2), "slips[0].rep_index"),
        (SlipData(reps_after=2, good_after=3), "slips[0].good_after"),
        (SlipData(note="x" * 201), "slips[0].note"),
        (SlipData(block_position=4), "slips[0].block_position"),
    ],
)
def test_a_bad_slip_is_refused_naming_it(journal: Path, slip: SlipData, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        save_session(make_session(slips=[slip]))
    assert field in caught.value.errors


def test_a_v5_journal_upgrades_and_takes_slips(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "journal-v5.sqlite", path)
    open_journal(path)
    try:
        assert database.pragma("user_version") == SCHEMA_VERSION
        data = _with_slips()
        save_session(data)
        assert load_session(data.id).slips == data.slips
    finally:
        close_journal()


def test_slips_round_trip_through_the_json_export(tmp_path: Path) -> None:
    source = tmp_path / "a.sqlite"
    open_journal(source)
    try:
        data = _with_slips()
        save_session(data)
        export_json(tmp_path / "export.json")
    finally:
        close_journal()
    restore_file(tmp_path / "export.json", tmp_path / "b.sqlite")
    open_journal(tmp_path / "b.sqlite")
    try:
        assert load_session(data.id).slips == data.slips
    finally:
        close_journal()


def test_a_restored_slip_is_validated_like_a_typed_one(tmp_path: Path) -> None:
    import json

    open_journal(tmp_path / "a.sqlite")
    try:
        save_session(_with_slips())
        export_json(tmp_path / "export.json")
    finally:
        close_journal()
    doc = json.loads((tmp_path / "export.json").read_text())
    table = doc["tables"]["slip"]
    column = table["columns"].index("good_after")
    table["rows"][0][column] = 99  # more good reps after it than reps after it
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    with pytest.raises(RestoreError, match="good reps"):
        restore_file(tmp_path / "bad.json", tmp_path / "c.sqlite")


def test_the_demo_has_slips_and_a_passage_whose_stops_size_the_plan(journal: Path) -> None:
    from datetime import date

    from cadence.domain.enums import Discipline
    from cadence.services.demo.generate import generate_demo
    from cadence.services.stats.plan_size import plan_proposal
    from cadence.store.models import Passage, Session

    generate_demo(1, 1, date(2026, 3, 1))
    ids = [s.id for s in Session.select(Session.id)]
    measures = [m for m in slip_measures(ids).values() if m.slips]
    assert len(measures) > 20
    assert any(m.session_recovered is True for m in measures)
    assert any(m.session_recovered is False for m in measures)
    assert any(m.let_go for m in measures)
    running = Slip.select().join(Session).where(Session.discipline == "running").count()
    assert running > 0
    proposals = [plan_proposal(Discipline.MUSIC, 12, passage_id=p.id) for p in Passage.select()]
    assert any(p is not None and p.stops >= 3 for p in proposals)


def test_plan_history_reads_a_kind_of_run_and_a_passage_own_stops(journal: Path) -> None:
    from datetime import date, timedelta

    from cadence.domain.enums import Discipline, SessionKind, StopReason
    from cadence.domain.plan_size import PlanOutcome
    from cadence.domain.records import StopPointData
    from cadence.services.records import library
    from cadence.services.stats.plan_size import plan_history, plan_proposal

    for n, reached in enumerate((5, 6, 5, 8)):  # oldest first; the newest went to plan
        run = make_session(
            Discipline.RUNNING,
            SessionKind.INTERVALS,
            day=date(2026, 3, 2) + timedelta(days=n),
            blocks=[BlockData("800 m", planned_reps=8, done_reps=reached)],
            stop_points=[StopPointData(StopReason.FORM, rep_index=reached, planned_reps=8)]
            if reached < 8
            else [],
        )
        save_session(run)
    history = plan_history(Discipline.RUNNING, kind=SessionKind.INTERVALS)
    assert history == [PlanOutcome(8, 8), PlanOutcome(8, 5), PlanOutcome(8, 6), PlanOutcome(8, 5)]
    # median share (5/8, 5/8, 6/8, 8/8) = 11/16; of 8: 5.5 -> 5
    assert plan_proposal(Discipline.RUNNING, 8, kind=SessionKind.INTERVALS).size == 5
    assert plan_history(Discipline.RUNNING, kind=SessionKind.TEMPO) == []

    piece, _ = library.add_piece("Etude", "Chopin")
    mine, _ = library.add_passage(piece, "bars 1-8", "1-8", 60, 120)
    other, _ = library.add_passage(piece, "bars 9-16", "9-16", 60, 120)
    save_session(
        make_session(
            blocks=[
                BlockData("a", planned_reps=10, done_reps=10, passage_id=mine),
                BlockData("b", planned_reps=6, done_reps=2, passage_id=other),
            ],
            # the stop was in the other passage's block: this passage went to plan
            stop_points=[StopPointData(StopReason.MIND, rep_index=2, block_position=1)],
        )
    )
    assert plan_history(Discipline.MUSIC, passage_id=mine) == [PlanOutcome(10, 10)]
    assert plan_history(Discipline.MUSIC, passage_id=other) == [PlanOutcome(6, 2)]
    assert plan_history(Discipline.MUSIC) == []  # no passage: no history
