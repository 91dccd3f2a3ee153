"""Importing one fuzzed input into a fresh journal and checking the promise: imported whole, or
refused (or skipped) with a clear message and nothing saved; never an exception, never a hang."""

from __future__ import annotations

import re
import shutil
import signal
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from tests.reliability.harness import FUZZED_INPUTS, SOAK, record, scale

from cadence.domain.records import SessionData
from cadence.services.imports import Outcome, import_paths
from cadence.services.imports.common import ParsedActivity
from cadence.services.imports.formats import parse_activity
from cadence.services.imports.music_csv import parse_music_csv
from cadence.services.imports.sanity import activity_session, check_activity, planned_session
from cadence.services.records.journal import load_session, validate_session
from cadence.store.db import close_journal, integrity_report, open_journal
from cadence.store.models import Block, Session, database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime.now(UTC)
PROGRESS_EVERY = 1000  # a long soak writes down how far it got, in case it is stopped
HANG_S = 30  # far beyond any real file's import; only a loop that never ends gets here
HANG_WAIT_S = scale(30, 600)  # on the clock: a soak at low priority waits for its turn
UNFORESEEN = re.compile(r"cannot be read \((\w+): ")

FUZZ = settings(
    max_examples=scale(100, max(1, FUZZED_INPUTS // 5)),  # five campaigns
    derandomize=not SOAK,  # make test: the same inputs every run; soak: new ones each time
    # make test: 3 s an input; soak (hours at low priority on a shared machine): no deadline, as
    # the time an input takes there says more about the machine than the importer; a hang is
    # still stopped at HANG_S
    deadline=None if SOAK else timedelta(seconds=3),
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)


class Hang(BaseException):
    """Not an Exception, so no `except Exception` in the importer can swallow it."""


@contextmanager
def time_limit(seconds: float, waiting: float) -> Iterator[None]:
    """Stop an import that has used `seconds` of processor time (a loop that never ends) or waited
    `waiting` seconds on the clock (a read that never returns). Processor time, not the clock,
    judges the work: a soak at low priority on a busy machine may wait long for its turn."""

    def expire(signum: int, _frame: object) -> None:
        if signum == signal.SIGPROF:
            raise Hang(f"the import used {seconds} s of processor time without finishing")
        raise Hang(f"the import did not finish within {waiting} s")

    previous = signal.signal(signal.SIGALRM, expire), signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, waiting)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous[0])
        signal.signal(signal.SIGPROF, previous[1])


def seeds(*names: str) -> list[bytes]:
    return [(FIXTURES / name).read_bytes() for name in names]


def _dump() -> list[str]:
    return list(database.connection().iterdump())


def expected_activities(data: bytes) -> list[SessionData]:
    """What the import of a GPX/TCX/FIT file must have saved (the documented pipeline again)."""
    out = []
    for parsed in parse_activity(data):
        if isinstance(parsed, ParsedActivity):
            check_activity(parsed, NOW)
            out.append(activity_session(parsed, UTC))
        else:
            out.append(planned_session(parsed, NOW, UTC))
    return out


def expected_practice(data: bytes) -> list[SessionData]:
    return parse_music_csv(data, None, UTC)


class Campaign:
    """Runs fuzzed inputs through the importer, one fresh journal each, and counts outcomes."""

    def __init__(self, template: Path, label: str = "") -> None:
        self.template = template
        self.label = label
        self.passed = 0
        self.outcomes: Counter[str] = Counter()
        self.unforeseen: dict[str, str] = {}  # exception type -> one refusal that named it
        self.longest_message = 0

    def run(
        self,
        place: Callable[[Path], Path],
        expected: Callable[[Path], list[SessionData]] | None,
    ) -> None:
        """`place(folder)` writes the input and returns the path to import; `expected(path)`
        says which sessions a successful import must have saved (None: check them generically)."""
        with tempfile.TemporaryDirectory() as folder:
            journal = Path(folder) / "journal.sqlite"
            shutil.copy(self.template, journal)
            open_journal(journal, quick_check=False)
            try:
                target = place(Path(folder))
                before = _dump()
                with time_limit(HANG_S, HANG_WAIT_S):
                    summary = import_paths([target], now=NOW, local_tz=UTC)
                self._check(summary, before, target, expected)
            finally:
                close_journal()
        self.passed += 1
        if self.label and self.passed % PROGRESS_EVERY == 0:
            record(self.label, in_progress=True, **self.figures(self.passed))

    def _check(self, summary, before, target, expected) -> None:
        assert summary.results, "no result and no message for the input"
        new_ids: list[int] = []
        for r in summary.results:
            self.outcomes[str(r.outcome)] += 1
            message = r.line()
            self.longest_message = max(self.longest_message, len(message))
            assert message.startswith(r.name) and "Traceback" not in message, message
            if r.outcome in (Outcome.REFUSED, Outcome.SKIPPED):
                assert r.reason.strip() and not r.new_ids, message
                if r.outcome == Outcome.REFUSED:
                    assert message.endswith("Nothing of it was saved."), message
                unforeseen = UNFORESEEN.match(r.reason)
                if unforeseen:
                    self.unforeseen.setdefault(unforeseen.group(1), r.reason)
                    self.outcomes["refused via an unforeseen parser error"] += 1
            new_ids += r.new_ids
        stored_ids = [s.id for s in Session.select(Session.id).order_by(Session.id)]
        assert sorted(new_ids) == stored_ids, "sessions saved that no result reports, or lost"
        if not new_ids:
            assert _dump() == before, "a refused input changed the journal"
            return
        assert integrity_report() == []
        stored = []
        for session_id in new_ids:
            data = load_session(session_id)
            validate_session(data)
            positions = [b.position for b in Block.select().where(Block.session == session_id)]
            assert sorted(positions) == list(range(len(positions)))
            data.id = None
            stored.append(data)
        if expected is not None:
            wanted = {s.source_ref: s for s in reversed(expected(target))}  # first one wins
            assert sorted(stored, key=lambda s: s.source_ref) == sorted(
                wanted.values(), key=lambda s: s.source_ref
            ), "the saved sessions differ from what the file holds"

    def figures(self, inputs: int) -> dict[str, object]:
        return {
            "inputs_tried": inputs,
            **{f"outcome_{k.replace(' ', '_')}": v for k, v in sorted(self.outcomes.items())},
            "unforeseen_parser_errors": dict(sorted(self.unforeseen.items())),
            "longest_message_chars": self.longest_message,
            "crashes": 0,
            "hangs": 0,
            "half_written": 0,
        }
