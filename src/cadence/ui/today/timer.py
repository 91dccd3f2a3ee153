"""The session's stopwatch: pause and resume, and a snapshot for the draft.

Time is measured with a monotonic clock (a clock change mid-session cannot bend it); the clock is
a parameter so that tests move time on without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


class Stopwatch:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._accumulated = 0.0
        self._since: float | None = None

    @property
    def running(self) -> bool:
        return self._since is not None

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock()

    def pause(self) -> None:
        if self._since is not None:
            self._accumulated += self.clock() - self._since
            self._since = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def elapsed(self) -> float:
        extra = self.clock() - self._since if self._since is not None else 0.0
        return self._accumulated + extra

    def reset(self, elapsed: float = 0.0) -> None:
        """Stopped at `elapsed` seconds (a restored draft, or back from the reflection)."""
        self._accumulated = max(0.0, float(elapsed))
        self._since = None

    def snapshot(self) -> dict[str, Any]:
        return {"elapsed_s": round(self.elapsed(), 1), "running": self.running}
