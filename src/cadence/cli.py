"""The command line: `cadence` opens the app; `cadence COMMAND ...` does any job headless.

Each command is a module in `cadence.commands` with NAME, HELP, `add_arguments(parser)` and
`run(args) -> int`, listed in `cadence.commands.COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from cadence import __version__
from cadence.commands import COMMANDS
from cadence.store.errors import JournalError
from cadence.store.paths import is_server_url, resolve_db_path

# Commands about the journal's file and its backups folder: not for a journal on a server.
FILE_ONLY = frozenset({"backup", "backups", "restore-backup"})


def _command_modules() -> list[ModuleType]:
    """Every command module, imported (only when a command runs or for --help)."""
    return [importlib.import_module(f"cadence.commands.{module}") for module in COMMANDS.values()]


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"cadence {__version__}")
    parser.add_argument("--db", help="journal file (default: $CADENCE_DB, else the data folder)")


def build_app_parser() -> argparse.ArgumentParser:
    """`cadence [--db PATH] [FILE ...]`: open the window (and import the files, e.g. from a file manager)."""
    parser = argparse.ArgumentParser(
        prog="cadence",
        description="Cadence: a practice journal for people who make music and run. "
        "Run `cadence COMMAND --help` for the headless commands: " + ", ".join(COMMANDS),
    )
    _common(parser)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open a temporary journal, render the main window offscreen and exit",
    )
    parser.add_argument("files", nargs="*", help="GPX/TCX/FIT files to import when the app opens")
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cadence", description="Cadence's headless commands.")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        p.add_argument("--db", dest="db", default=argparse.SUPPRESS, help="journal file")
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def _is_command(argv: list[str]) -> bool:
    """True if the first word after the global options names a command."""
    names = set(COMMANDS)
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--db":
            i += 2
            continue
        if word.startswith("--db="):
            i += 1
            continue
        return word in names
    return False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not _is_command(argv):
        args = build_app_parser().parse_args(argv)
        from cadence.ui.app import run_app

        return run_app(args)
    args = build_command_parser().parse_args(argv)
    if args.command in FILE_ONLY and is_server_url(resolve_db_path(getattr(args, "db", None))):
        print(
            f"cadence {args.command}: backups are of a journal file. A journal on a server is "
            "backed up with pg_dump (the whole studio) or cadence export (your own rows); "
            "see docs/studio.md.",
            file=sys.stderr,
        )
        return 2
    try:
        return int(args.run(args) or 0)
    except JournalError as exc:
        print(f"cadence: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        from cadence.store.files import disk_full_in

        if "attempt to write a readonly database" in str(exc):
            print(
                "cadence: the journal is read-only: nothing was saved. Make it writable (e.g. "
                "chmod u+w) and try again.",
                file=sys.stderr,
            )
            return 1
        if not disk_full_in(exc):
            raise
        print(
            "cadence: the disk is full (or the file could not be written): nothing of what was "
            "in hand was saved, and what was saved before is unchanged. Free some space and "
            "try again.",
            file=sys.stderr,
        )
        return 1
