"""Child of the two-writers test: import files into a journal when told to.

Usage: import_now.py JOURNAL PATH...
Opens the journal, prints "ready", waits for a line on stdin, imports the paths and prints one
JSON line: {"new": sessions added, "refused": [reasons]}.
"""

from __future__ import annotations

import json
import sys

from cadence.services.imports.batch import import_paths
from cadence.store.db import close_journal, open_journal


def main() -> None:
    open_journal(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    summary = import_paths(sys.argv[2:])
    new = sum(len(r.new_ids) for r in summary.results)
    refused = [f"{r.name}: {r.detail}" for r in summary.results if not r.new_ids]
    close_journal()
    print(json.dumps({"new": new, "refused": refused}), flush=True)


if __name__ == "__main__":
    main()
