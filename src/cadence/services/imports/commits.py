"""Items saved in savepoints of one transaction, committed every GROUP_S seconds.

Each item is still all in or all out: its writes run in a savepoint (`database.atomic()` nested in
the group's transaction), so a refused item rolls back alone and the rest of the group stays. A
commit with synchronous=FULL waits for the disk (3–10 ms here), which was as long as reading a
small file; grouping the items of a quarter of a second pays it once for them all. Their results
are handed on only once their group is committed, so nothing is reported saved that is not on
disk; if the commit fails, each of them is reported refused with the reason. The write lock is
held for one group at most, well within another writer's busy timeout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from cadence.services.imports.common import ItemResult, Outcome
from cadence.store.models import database

GROUP_S = 0.25


class GroupedCommits:
    def __init__(self, deliver: Callable[[ItemResult], None]) -> None:
        self._deliver = deliver
        self._transaction: Any = None
        self._pending: list[ItemResult] = []
        self._since = 0.0

    def begin(self) -> None:
        """Open the group's transaction, if none is open, before the next item."""
        if self._transaction is None:
            transaction = database.atomic()
            transaction.__enter__()  # may wait for another writer, and give up: nothing to end
            self._transaction, self._since = transaction, time.monotonic()

    def finished(self, result: ItemResult) -> None:
        """An item is done (saved in its savepoint, or refused); commit once the group is due."""
        self._pending.append(result)
        if time.monotonic() - self._since >= GROUP_S:
            self.commit()

    def commit(self) -> None:
        """Commit the open group and hand on its results."""
        transaction, self._transaction = self._transaction, None
        pending, self._pending = self._pending, []
        if transaction is not None:
            try:
                transaction.__exit__(None, None, None)  # commits; on failure rolls back, raises
            except Exception as exc:
                for result in pending:
                    if result.new_ids:
                        result.outcome, result.new_ids = Outcome.REFUSED, []
                        result.reason = f"could not be saved ({exc}); import it again"
                for result in pending:
                    self._deliver(result)
                raise
        for result in pending:
            self._deliver(result)
