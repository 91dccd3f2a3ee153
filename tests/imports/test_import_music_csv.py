"""Music practice logs kept in a spreadsheet: mapped columns, whole files or nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from imports_helpers import FIXTURES, dump, session_count

from cadence.domain.enums import Discipline, SessionKind, Source
from cadence.services.imports import CsvMapping, Outcome, guess_mapping, import_paths, read_header
from cadence.services.records.journal import load_session

LOG = FIXTURES / "music" / "practice-log.csv"


def _write(tmp_path: Path, text: str, name: str = "log.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_columns_named_after_the_fields_need_no_mapping(journal: Path) -> None:
    summary = import_paths([LOG], local_tz=UTC)
    assert summary.ok and summary.new == 4, summary.lines()
    sessions = sorted(
        (load_session(i) for i in summary.results[0].new_ids), key=lambda s: s.local_date
    )
    first, second, lesson, scales = sessions
    assert first.discipline == Discipline.MUSIC and first.kind == SessionKind.PRACTICE
    assert first.local_date == date(2024, 3, 1) and first.duration_s == 45 * 60
    assert first.title == "Bach Partita No. 2 – Allemande"
    assert first.notes == "bars 1-16, slow, with metronome"
    assert first.blocks[0].label == first.title and first.blocks[0].duration_s == 2700
    assert second.duration_s == 90 * 60  # 1:30 is an hour and a half
    assert lesson.kind == SessionKind.LESSON and '"ghost"' in lesson.notes
    assert scales.source == Source.CSV and scales.needs_review is True
    assert first.started_at == datetime(2024, 3, 1, 12, 0)  # no time given: noon


def test_mapping_names_the_columns(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Day;Mins;Work;Comment;Tempo;Feel\n2024-05-01;30;Etude 3;ok;92;6\n")
    mapping = CsvMapping(
        {"date": "Day", "minutes": "Mins", "piece": "Work", "notes": "Comment", "bpm": "Tempo",
         "rpe": "Feel"}
    )  # fmt: skip
    summary = import_paths([path], csv_mapping=mapping, local_tz=UTC)
    s = load_session(summary.results[0].new_ids[0])
    assert (s.duration_s, s.title, s.notes, s.rpe) == (1800, "Etude 3", "ok", 6)
    assert s.blocks[0].achieved_bpm == 92


def test_header_and_guess_for_a_mapping_dialog() -> None:
    header = read_header(LOG)
    assert header == ["Date", "Minutes", "Piece", "Notes", "Kind", "Effort"]
    assert guess_mapping(header).columns == {
        "date": "Date", "minutes": "Minutes", "piece": "Piece", "notes": "Notes", "kind": "Kind",
    }  # fmt: skip


def test_a_bad_row_refuses_the_whole_file_naming_the_lines(journal: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Date,Minutes,Piece\n2024-05-01,30,A\nsoon,30,B\n2024-05-03,-5,C\n2024-05-04,20,D\n",
    )
    before = dump()
    summary = import_paths([path])
    result = summary.results[0]
    assert result.outcome == Outcome.REFUSED
    assert "line 3: the date 'soon' is not a date" in result.message
    assert "line 4:" in result.message and "'-5' minutes" in result.message
    assert "none of it was imported" in result.message
    assert dump() == before


def test_ambiguous_dates_ask_for_a_format(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Minutes\n03/04/2024,30\n05/06/2024,20\n")
    summary = import_paths([path])
    assert summary.refused == 1 and "--date-format" in summary.results[0].message
    mapping = CsvMapping({"date": "Date", "minutes": "Minutes"}, date_format="%d/%m/%Y")
    summary = import_paths([path], csv_mapping=mapping, local_tz=UTC)
    days = sorted(load_session(i).local_date for i in summary.results[0].new_ids)
    assert days == [date(2024, 4, 3), date(2024, 6, 5)]


def test_day_first_is_worked_out_from_the_column(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Minutes\n03/04/2024,30\n25/12/2024,20\n")
    summary = import_paths([path], local_tz=UTC)
    days = sorted(load_session(i).local_date for i in summary.results[0].new_ids)
    assert days == [date(2024, 4, 3), date(2024, 12, 25)]


def test_windows_spreadsheet_encoding_and_semicolons(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Date;Minutes;Piece\n1.3.2024;25;Für Elise\n", encoding="cp1252")
    summary = import_paths([path], local_tz=UTC)
    s = load_session(summary.results[0].new_ids[0])
    assert (s.title, s.local_date) == ("Für Elise", date(2024, 3, 1))


def test_start_time_and_time_zone_give_the_utc_start(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Minutes,Start\n2024-05-01,30,07:15\n")
    mapping = CsvMapping({"start": "Start"}, fill_from_header=True)
    summary = import_paths([path], csv_mapping=mapping, local_tz=timezone(timedelta(hours=2)))
    s = load_session(summary.results[0].new_ids[0])
    assert s.started_at == datetime(2024, 5, 1, 5, 15) and s.local_date == date(2024, 5, 1)


def test_a_mapping_to_a_missing_column_lists_the_columns(journal: Path) -> None:
    mapping = CsvMapping({"date": "Day", "minutes": "Minutes"})
    summary = import_paths([LOG], csv_mapping=mapping)
    message = summary.results[0].message
    assert "no column 'Day'" in message and "'Date'" in message


def test_reimport_adds_nothing_and_identical_rows_stay_two(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Minutes,Piece\n2024-05-01,30,A\n2024-05-01,30,A\n")
    assert import_paths([path]).new == 2
    again = import_paths([path])
    assert (again.new, again.already_there) == (0, 2)
    assert session_count() == 2


def test_out_of_range_values_are_refused_by_row(journal: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "Date,Minutes,Effort\n2024-05-01,30,12\n")
    mapping = CsvMapping({"rpe": "Effort"}, fill_from_header=True)
    summary = import_paths([path], csv_mapping=mapping)
    assert summary.refused == 1
    assert "line 2: RPE (effort, 0-10) must be between 0 and 10" in summary.results[0].message


@pytest.mark.parametrize("text", ["", "Date,Minutes\n", "\n\n"])
def test_empty_or_header_only_csv_is_refused(journal: Path, tmp_path: Path, text: str) -> None:
    summary = import_paths([_write(tmp_path, text)])
    assert summary.refused == 1


def test_semicolons_in_notes_do_not_change_the_delimiter(journal: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Date,Minutes,Notes\n2024-05-01,30,slow; then fast; then slow\n2024-05-02,20,a; b\n",
    )
    summary = import_paths([path], local_tz=UTC)
    notes = sorted(load_session(i).notes for i in summary.results[0].new_ids)
    assert notes == ["a; b", "slow; then fast; then slow"]
    again = import_paths([path])
    assert again.results[0].message == "log.csv: already in the journal (2 sessions)."
