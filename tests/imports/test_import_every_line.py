"""`cadence import` prints a line for every file and every Strava row of a batch holding each
class of refusal, skip, cleaning and duplicate, with its reason, and the counts add up."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from tests.imports.imports_batch import every_class

from cadence.cli import main
from cadence.services.imports import Outcome


def test_every_refusal_and_skip_has_its_line_in_the_command_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths, expected = every_class(tmp_path / "batch")
    code = main(["import", *map(str, paths), "--db", str(tmp_path / "journal.sqlite")])
    out = capsys.readouterr().out
    assert code == 1  # something was refused
    lines = out.splitlines()
    said = {
        Outcome.NEW: "added",
        Outcome.ALREADY_THERE: "already in the journal",
        Outcome.REFUSED: "refused — it",
        Outcome.SKIPPED: "skipped — it",
    }
    for item in expected:
        at = next((i for i, text in enumerate(lines) if text.startswith(f"{item.name}: ")), None)
        assert at is not None, f"no line for {item.name}"
        block = "\n".join(itertools.takewhile(lambda t: t.startswith("    "), lines[at + 1 :]))
        block = lines[at] + "\n" + block  # its line and the notes under it
        assert said[item.outcome] in lines[at], block
        assert item.words in block, block
    counts = {o: sum(e.outcome == o for e in expected) for o in said}
    new_sessions = counts[Outcome.NEW] + 1  # the multisport file adds its two run legs
    assert lines[-1] == (
        f"{new_sessions} new, {counts[Outcome.ALREADY_THERE]} already there, "
        f"{counts[Outcome.REFUSED]} refused, {counts[Outcome.SKIPPED]} skipped"
    )
    assert len([t for t in lines if not t.startswith("    ")]) == len(expected) + 1
