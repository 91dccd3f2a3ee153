"""Child: open an old journal, and stop in the middle of the upgrade.

Usage: migrate_and_die.py JOURNAL hang     the first upgrade step runs its work, says "in the
                                           middle" and waits there, uncommitted, to be killed
       migrate_and_die.py JOURNAL open     open normally (the parent kills it at a random moment)
"""

from __future__ import annotations

import sys
import time

from cadence.store import migrations
from cadence.store.db import close_journal, open_journal


def main() -> None:
    path, how = sys.argv[1], sys.argv[2]
    if how == "hang":
        first = min(migrations.STEPS)
        real_step = migrations.STEPS[first]

        def step_then_hang(migrator, db) -> None:
            real_step(migrator, db)
            sys.stdout.write("in the middle\n")
            sys.stdout.flush()
            time.sleep(600)

        migrations.STEPS[first] = step_then_hang
    sys.stdout.write("opening\n")
    sys.stdout.flush()
    open_journal(path)
    close_journal()
    sys.stdout.write("opened\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
