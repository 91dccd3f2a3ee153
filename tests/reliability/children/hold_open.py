"""Child of the restore tests: a process that has the journal open (as a `cadence import` or a
window has), and saves on request.

Usage: hold_open.py JOURNAL
Prints "open" once the journal is open and read; then for each line "save NUMBER" on stdin saves
that crash payload and prints "saved". Closes the journal at the end of stdin.
"""

from __future__ import annotations

import sys

from payload import session_for

from cadence.services.records.journal import save_session
from cadence.store.db import close_journal, open_journal
from cadence.store.models import Session


def main() -> None:
    open_journal(sys.argv[1])
    Session.select().count()
    print("open", flush=True)
    for line in sys.stdin:
        word, number = line.split()
        assert word == "save"
        save_session(session_for(int(number), 0))
        print("saved", flush=True)
    close_journal()


if __name__ == "__main__":
    main()
