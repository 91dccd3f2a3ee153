"""`cadence studio init|add|remove|members --db postgresql://ADMIN@HOST/DB`: set up a studio or
team on a PostgreSQL server and say who is in it (docs/studio.md)."""

from __future__ import annotations

import argparse
import getpass
import sys

from cadence.commands import studio_notes
from cadence.commands.common import opened_journal, parse_date
from cadence.services.studio import members as studio
from cadence.services.studio.overview import ORDERS
from cadence.store.paths import is_server_url, resolve_db_path
from cadence.store.studio_policies import KINDS

NAME = "studio"
HELP = "a studio or team on a PostgreSQL server: init, add, remove, members, overview, note, notes"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = sub.add_parser(
        "init", help="set up (or upgrade) the studio in an empty database; safe to repeat"
    )
    add = sub.add_parser("add", help="add a person: a login role of their own")
    add.add_argument("name", help="their login name (lower-case letters, digits, _)")
    add.add_argument("--role", choices=KINDS, required=True)
    add.add_argument(
        "--teacher", metavar="NAME", help="for a student: only this teacher or coach teaches them"
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new person's password from the first line of standard input",
    )
    remove = sub.add_parser("remove", help="take a person out (they keep their own rows)")
    remove.add_argument("name")
    members = sub.add_parser("members", help="who is in the studio")
    overview = sub.add_parser(
        "overview", help="a teacher or coach: each student's week and who needs attention"
    )
    overview.add_argument("--json", action="store_true", help="print JSON")
    overview.add_argument(
        "--order", choices=ORDERS, default="attention", help="who needs attention first, or by name"
    )
    overview.add_argument(
        "--today", type=parse_date, default=None, metavar="YYYY-MM-DD", help="default: today"
    )
    note, notes, withdraw = studio_notes.add_arguments(sub)
    for action in (init, add, remove, members, overview, note, notes, withdraw):
        action.add_argument(
            "--db", dest="db", default=argparse.SUPPRESS, help="postgresql://ADMIN@HOST/DB"
        )


def _password(args: argparse.Namespace) -> tuple[str | None, str]:
    """The new person's password, and a sentence saying where it came from."""
    if args.password_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise studio.StudioError("--password-stdin was given, and standard input was empty.")
        return line, "with the password read from standard input"
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {args.name}: ")
        if first != getpass.getpass("Again: "):
            raise studio.StudioError("The two passwords differ; nothing was changed.")
        return first, "with the password typed"
    return None, (
        "without a password (no terminal and no --password-stdin): they can log in where the "
        "server authenticates by peer, certificate or trust"
    )


def run(args: argparse.Namespace) -> int:
    target = resolve_db_path(getattr(args, "db", None))
    if not is_server_url(target):
        print(
            "cadence: a studio lives on a PostgreSQL server; give --db "
            "postgresql://ADMIN@HOST/DB (credentials from ~/.pgpass or PGPASSWORD).",
            file=sys.stderr,
        )
        return 1
    try:
        with opened_journal(args) as opened:
            return _act(args, opened.path)
    except studio.StudioError as exc:
        print(f"cadence: {exc}", file=sys.stderr)
        return 1


def _act(args: argparse.Namespace, where: object) -> int:
    if args.action in studio_notes.ACTIONS:
        return studio_notes.act(args)
    if args.action == "init":
        group = studio.init_studio()
        print(f"The studio at {where} is ready (members' role: {group}).")
        return 0
    if args.action == "add":
        password, how = _password(args)
        made = studio.add_member(args.name, args.role, args.teacher, password)
        verb = "Made the login role" if made else "Used the existing login role"
        taught = f", taught by {args.teacher}" if args.teacher else ""
        print(f"{verb} {args.name} as a {args.role}{taught}, {how}.")
        return 0
    if args.action == "overview":
        return _overview(args)
    if args.action == "remove":
        studio.remove_member(args.name)
        print(f"{args.name} is no longer in the studio; their own rows stay theirs.")
        return 0
    people = studio.members()
    if not people:
        print("Nobody yet: add people with `cadence studio add NAME --role student`.")
    for m in people:
        taught = f"  taught by {m.teacher}" if m.teacher else ""
        print(f"{m.name:<20} {m.kind:<8}{taught}")
    return 0


def _overview(args: argparse.Namespace) -> int:
    import json
    from datetime import date

    from cadence.services.records.preferences import load_preferences
    from cadence.services.studio.overview import studio_overview

    today = args.today or date.today()
    found = studio_overview(today, load_preferences().week_start, args.order)
    if args.json:
        print(json.dumps(found.as_json(), indent=2, ensure_ascii=False))
        return 0
    print(f"The week from {found.week_start:%a %d %b %Y} to {today:%a %d %b %Y}")
    if not found.students:
        print("Nobody to teach yet: the admin adds students with `cadence studio add`.")
    for s in found.students:
        minutes = ", ".join(f"{craft} {round(m)} min" for craft, m in s.minutes.items())
        since = s.days_since(today)
        last = (
            "never"
            if since is None
            else {0: "today", 1: "yesterday"}.get(since, f"{since} days ago")
        )
        print(f"{s.name:<20} {minutes}; last practised {last}")
        for sentence in s.attention:
            print(f"    {sentence}")
    return 0
