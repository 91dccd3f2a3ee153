"""Child of the restore tests: restore a backup over a copy of a journal and die at a chosen step.

Usage: restore_and_die.py TEMPLATE_FOLDER WORK_FOLDER BACKUP STEP...
       restore_and_die.py TEMPLATE_FOLDER WORK_FOLDER BACKUP all
For each STEP a fresh copy of TEMPLATE_FOLDER (a journal, its -wal, maybe its backups) is made
as WORK_FOLDER/trial-STEP, and a forked process restores BACKUP over its journal. It counts every
call into C (and every return) made by Cadence's store while restoring — each file operation,
each SQLite statement — and SIGKILLs itself at event number STEP. With `all`, steps 1, 2, ... run
until one restore finishes before its step. Prints one JSON line per step: {"step", "killed"}.
Nothing of Cadence runs before the fork but its import.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path

import cadence.store.backup as store_backup

STORE = str(Path(store_backup.__file__).parent)


def restore_until(backup: Path, journal: Path, step: int) -> None:
    events = 0

    def count(frame, event, arg) -> None:
        nonlocal events
        if event in ("c_call", "c_return") and frame.f_code.co_filename.startswith(STORE):
            events += 1
            if events >= step:
                os.kill(os.getpid(), signal.SIGKILL)

    sys.setprofile(count)
    store_backup.restore_backup(backup, journal)
    sys.setprofile(None)


def trial(template: Path, work: Path, backup: Path, step: int) -> bool:
    """True if the restore was killed at `step`, False if it finished first."""
    folder = work / f"trial-{step}"
    shutil.copytree(template, folder)
    pid = os.fork()
    if pid == 0:
        try:
            restore_until(backup, folder / "journal.sqlite", step)
        except BaseException:  # the parent sees the exit code
            import traceback

            traceback.print_exc()
            os._exit(3)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, -signal.SIGKILL):
        raise SystemExit(f"the restore at step {step} failed ({code})")
    return code == -signal.SIGKILL


def main() -> None:
    template, work, backup = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    steps = sys.argv[4:]
    if steps == ["all"]:
        step = 1
        while True:
            killed = trial(template, work, backup, step)
            print(json.dumps({"step": step, "killed": killed}), flush=True)
            if not killed:
                return
            step += 1
    for step in map(int, steps):
        print(json.dumps({"step": step, "killed": trial(template, work, backup, step)}), flush=True)


if __name__ == "__main__":
    main()
