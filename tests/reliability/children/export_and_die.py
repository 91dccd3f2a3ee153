"""Child of the write-kill test: export the journal and die at a chosen step.

Usage: export_and_die.py JOURNAL OUT KIND count               export once to OUT; print the
                                                              number of steps
       export_and_die.py JOURNAL OUT KIND EARLIER NEW STEP...  for each STEP: OUT set to the
                                                              bytes of EARLIER, then a forked
                                                              process exports to OUT and
                                                              SIGKILLs itself at that step
KIND is json or ics. A step is a call that touches a file (open, write, flush, close, fsync,
rename, unlink, chmod), or its return, made by the export's code or by store/files.py. After each step prints one JSON line:
{"step", "killed", "state": "earlier" | "new" | "other", "left": [files beside OUT that the
next write's sweep does not recognise]}. Nothing of Cadence is opened before the fork.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import cadence.services.transfer.export as export
import cadence.services.transfer.export_ics as export_ics
import cadence.store.files as files
from cadence.store.db import close_journal, open_journal

WATCHED = (export.__file__, export_ics.__file__, files.__file__)
# the calls that touch files: a kill before or after each
FILE_CALLS = {"open", "write", "flush", "close", "fsync", "replace", "unlink", "mkstemp", "chmod"}
WRITERS = {"json": export.export_json, "ics": export_ics.export_ics}


def same(data: bytes) -> bytes:
    """The bytes that must match: an .ics stamps the moment it was made (DTSTAMP)."""
    return b"".join(line for line in data.splitlines(True) if not line.startswith(b"DTSTAMP"))


def run(journal: str, out: str, kind: str, step: int | None) -> int:
    events = 0

    def count(frame, event, arg) -> None:
        nonlocal events
        if (
            event in ("c_call", "c_return")
            and getattr(arg, "__name__", "") in FILE_CALLS
            and frame.f_code.co_filename in WATCHED
        ):
            events += 1
            if step is not None and events >= step:
                os.kill(os.getpid(), signal.SIGKILL)

    open_journal(journal)
    sys.setprofile(count)
    WRITERS[kind](Path(out))
    sys.setprofile(None)
    close_journal()
    return events


def main() -> None:
    journal, out, kind = sys.argv[1:4]
    if sys.argv[4] == "count":
        print(json.dumps({"steps": run(journal, out, kind, None)}), flush=True)
        return
    earlier, new = Path(sys.argv[4]).read_bytes(), same(Path(sys.argv[5]).read_bytes())
    target = Path(out)
    for step in map(int, sys.argv[6:]):
        target.write_bytes(earlier)
        pid = os.fork()
        if pid == 0:
            try:
                run(journal, out, kind, step)
            except BaseException:
                os._exit(3)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, -signal.SIGKILL):
            raise SystemExit(f"the export at step {step} failed ({code})")
        now = target.read_bytes()
        state = "earlier" if now == earlier else "new" if same(now) == new else "other"
        files.sweep_temporaries(target.parent, older_than=0, of=target.name)
        left = sorted(p.name for p in target.parent.iterdir() if p != target)
        result = {"step": step, "killed": code == -signal.SIGKILL, "state": state, "left": left}
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
