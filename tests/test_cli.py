"""The command line's own plumbing: the command table and the app/command split."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import cadence.commands as package
from cadence.cli import _is_command
from cadence.commands import COMMANDS


def test_the_command_table_matches_the_modules() -> None:
    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"cadence.commands.{info.name}")
        if hasattr(module, "NAME"):
            found[module.NAME] = info.name
    assert found == COMMANDS


def test_command_words_are_told_from_files() -> None:
    assert _is_command(["stats", "--json"])
    assert _is_command(["--db", "x.sqlite", "import", "a.gpx"])
    assert _is_command(["--db=x.sqlite", "check"])
    assert not _is_command([])
    assert not _is_command(["run.gpx"])
    assert not _is_command(["--db", "stats"])  # a journal called "stats", then nothing


def test_starting_the_window_imports_no_command_module() -> None:
    code = (
        "import sys; from cadence.cli import _is_command; _is_command(['x.gpx']); "
        "print([m for m in sys.modules if m.startswith('cadence.commands.')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_version_and_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cadence", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().startswith("cadence ")
    out = subprocess.run(
        [sys.executable, "-m", "cadence", "--help"], capture_output=True, text=True, check=True
    )
    for name in COMMANDS:
        assert name in out.stdout
