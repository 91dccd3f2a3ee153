"""Child of the crash test: a zygote that forks one saver per trial, so a trial does not pay for
starting Python and importing Cadence again. Nothing is opened before the fork.

Protocol on stdin/stdout, one line each:
  "run JOURNAL FIRST_NUMBER SEED LOG" -> "pid PID"   fork a saver writing its lines to LOG
  "reap PID"                          -> "status N"  wait for that saver; N as os.waitstatus_to_exitcode
  "quit"                              -> exits

A saver opens the journal, writes "ready", then saves new sessions (numbers from FIRST_NUMBER) and
rewrites of earlier ones (a new version: every child row replaced), writing "saved NUMBER ID
VERSION" to LOG only after save_session has committed. It runs until it is killed.
"""

from __future__ import annotations

import os
import random
import sys
import traceback

from payload import parse_title, session_for

from cadence.services.records.journal import save_session
from cadence.store.db import open_journal
from cadence.store.models import Session


def save_forever(path: str, number: int, seed: int, log: str) -> None:
    out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    open_journal(path)
    known: dict[int, tuple[int, int]] = {}  # number -> (id, version), also from earlier runs
    for row in Session.select(Session.id, Session.title):
        n, v = parse_title(row.title)
        known[n] = (row.id, v)
    rng = random.Random(seed)
    os.write(out, b"ready\n")
    while True:
        if known and rng.random() < 0.3:
            n = rng.choice(list(known))
            session_id, version = known[n]
            data = session_for(n, version + 1)
            data.id = session_id
        else:
            n, data = number, session_for(number, 0)
            number += 1
        save_session(data)
        known[n] = (data.id, int(data.title.rsplit("v", 1)[1]))
        os.write(out, f"saved {n} {data.id} {known[n][1]}\n".encode())


def main() -> None:
    for line in sys.stdin:
        command, *args = line.split()
        if command == "run":
            pid = os.fork()
            if pid == 0:
                try:
                    save_forever(args[0], int(args[1]), int(args[2]), args[3])
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(1)  # only reached if saving failed: never return into the zygote
            print(f"pid {pid}", flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(args[0]), 0)
            print(f"status {os.waitstatus_to_exitcode(status)}", flush=True)
        elif command == "quit":
            return


if __name__ == "__main__":
    main()
