"""An imported run keeps its track points: stored compactly with the run, in the same
transaction, gone when the run is deleted for good, carried by the JSON export and restore."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from imports_helpers import RUNNING, SPORTS

from cadence.services.imports import import_paths
from cadence.services.records.journal import load_session, purge_sessions, trash_sessions
from cadence.services.records.tracks import has_track, load_track, track_splits
from cadence.services.transfer.export import export_json
from cadence.services.transfer.restore import RestoreError, restore_file
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Track as TrackRow


def _one(path: Path) -> int:
    (new_id,) = import_paths([path]).results[0].new_ids
    return new_id


def test_a_gpx_run_keeps_its_track(journal: Path) -> None:
    session_id = _one(RUNNING / "polar-m400-run.gpx")
    session, track = load_session(session_id), load_track(session_id)
    assert track is not None and len(track) == 3032
    assert track.values("t_ms")[-1] == session.duration_s == 3041.019
    assert track.values("distance_cm")[-1] == pytest.approx(session.distance_m, abs=0.01)
    assert track.values("lat_e7")[0] == pytest.approx(53.1113722, abs=1e-7)
    assert "hr_bpm" not in track.codes  # the file has no heart rate
    row = TrackRow.get(TrackRow.session == session_id)
    assert row.points == 3032 and len(row.data) < 16_000  # 15 kB for 51 minutes a second apart


def test_a_fit_run_keeps_positions_heart_rate_and_cadence(journal: Path) -> None:
    session_id = _one(RUNNING / "run-8-laps.fit")
    session, track = load_session(session_id), load_track(session_id)
    assert track is not None and len(track) == 718
    assert track.values("distance_cm")[-1] == pytest.approx(session.distance_m, abs=0.01)
    assert track.values("t_ms")[-1] == pytest.approx(session.duration_s, abs=1)
    lat, lon = track.values("lat_e7"), track.values("lon_e7")
    assert lat[0] == pytest.approx(633183193 * 180 / 2**31, abs=1e-7)  # semicircles to degrees
    assert lon[0] == pytest.approx(105031906 * 180 / 2**31, abs=1e-7)
    assert track.values("hr_bpm")[0] == 122
    assert track.values("cadence_spm")[0] == 117  # 58.5 strides a minute, two steps each
    splits = track_splits(track, "km")
    assert [s.label for s in splits] == ["1", "2", "3", "4", "5", "6", "7", "0.86"]
    assert sum(s.time_s for s in splits) == pytest.approx(track.values("t_ms")[-1])
    assert all(3 * 60 < s.pace_s < 10 * 60 for s in splits)
    miles = track_splits(track, "mi")
    assert [s.label for s in miles] == ["1", "2", "3", "4", "0.89"]


def test_each_leg_of_a_multisport_file_keeps_its_own_points(journal: Path) -> None:
    result = import_paths([SPORTS / "fenix2-multisport.fit"]).results[0]
    for session_id in result.new_ids:
        track, session = load_track(session_id), load_session(session_id)
        assert track is not None
        # records a second apart within the leg; the leg's own time is to the millisecond
        assert track.values("t_ms")[-1] == pytest.approx(session.duration_s, abs=2)
        assert track.values("distance_cm")[-1] == pytest.approx(session.distance_m, rel=0.001)


def test_a_run_without_points_has_no_track(journal: Path, tmp_path: Path) -> None:
    (session_id,) = import_paths([RUNNING / "workout-repeat-steps.fit"]).results[0].new_ids
    assert not has_track(session_id) and load_track(session_id) is None


def test_the_track_is_saved_with_the_run_or_not_at_all(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cadence.services.imports import batch

    def broken(session_id: int, track: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(batch, "save_track", broken)
    with pytest.raises(sqlite3.OperationalError):
        import_paths([RUNNING / "run-8-laps.fit"])
    from cadence.store.models import Session

    assert Session.select().count() == 0 and TrackRow.select().count() == 0


def test_trash_keeps_the_track_and_delete_forever_removes_it(journal: Path) -> None:
    session_id = _one(RUNNING / "run-8-laps.fit")
    trash_sessions([session_id])
    assert has_track(session_id)
    purge_sessions([session_id])
    assert TrackRow.select().count() == 0


def test_json_export_and_restore_carry_the_track_exactly(journal: Path, tmp_path: Path) -> None:
    first = _one(RUNNING / "run-8-laps.fit")
    second = _one(RUNNING / "polar-m400-run.gpx")
    before = {i: load_track(i) for i in (first, second)}
    stored = {row.session_id: bytes(row.data) for row in TrackRow.select()}
    out = tmp_path / "export.json"
    export_json(out)
    close_journal()
    document = json.loads(out.read_text(encoding="utf-8"))
    table = document["tables"]["track"]
    data = dict(zip(table["columns"], table["rows"][0], strict=True))["data"]
    assert data["hr_bpm"][0] == 122 and isinstance(data["lat_e7"][0], int)
    restored = tmp_path / "restored.sqlite"
    restore_file(out, restored)
    open_journal(restored)
    assert {i: load_track(i) for i in (first, second)} == before
    assert {row.session_id: bytes(row.data) for row in TrackRow.select()} == stored


def test_a_damaged_track_in_an_export_is_refused(journal: Path, tmp_path: Path) -> None:
    _one(RUNNING / "run-8-laps.fit")
    out = tmp_path / "export.json"
    export_json(out)
    close_journal()
    document = json.loads(out.read_text(encoding="utf-8"))
    row = document["tables"]["track"]["rows"][0]
    row[document["tables"]["track"]["columns"].index("data")]["hr_bpm"].pop()
    out.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(RestoreError, match="track"):
        restore_file(out, tmp_path / "restored.sqlite")
    open_journal(tmp_path / "other.sqlite")  # for the fixture to close


def test_old_journals_upgrade_to_keep_tracks(tmp_path: Path) -> None:
    data = Path(__file__).parents[1] / "data"
    for name in (
        "journal-v1.sqlite",
        "journal-v2.sqlite",
        "journal-v3.sqlite",
        "journal-v4.sqlite",
    ):
        path = tmp_path / name
        shutil.copy(data / name, path)
        open_journal(path)
        try:
            session_id = _one(RUNNING / "fenix5-short-run.fit")
            track = load_track(session_id)
            assert track is not None and np.isfinite(track.values("lat_e7")).all()
        finally:
            close_journal()


@pytest.mark.parametrize("missing", [True, False], ids=["a position missing", "every position"])
def test_step_distances_are_haversine_to_the_bit(missing: bool) -> None:
    # The step distances work out each latitude's radians and cosine once per point; the
    # metres must be exactly haversine_m's, point pair by point pair (a track with a position
    # at every point and no device distances, most GPX files, takes a path of its own).
    import itertools
    import random

    from cadence.services.imports import track as tr

    rng = random.Random(16)
    points = [
        tr.TrackPoint(lat=rng.uniform(-89.9, 89.9), lon=rng.uniform(-180, 180)) for _ in range(5000)
    ]
    points += [tr.TrackPoint(lat=47.0 + i * 1e-5, lon=8.0 + i * 1e-5) for i in range(500)]
    if missing:
        points[7].lon = None
    expected = [
        tr.haversine_m(a.lat, a.lon, b.lat, b.lon)
        if None not in (a.lat, a.lon, b.lat, b.lon)
        else None
        for a, b in itertools.pairwise(points)
    ]
    assert tr._step_distances(tr.Points.of(points)) == expected
