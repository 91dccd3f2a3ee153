"""What the Today page needs below the UI (no Qt): the session being practised and the page's
queries."""

from cadence.services.today.page import (
    InboxLine,
    PlannedLine,
    SessionLine,
    inbox,
    journal_identity,
    journal_is_empty,
    journal_is_open,
    passage_choices,
    planned_sessions,
    return_to_inbox,
    sessions_on,
)
from cadence.services.today.practice import (
    TIME_TOLERANCE_S,
    Plan,
    Practice,
    Reflection,
    build_session,
    plan_from_session,
)

__all__ = [
    "TIME_TOLERANCE_S",
    "InboxLine",
    "Plan",
    "PlannedLine",
    "Practice",
    "Reflection",
    "SessionLine",
    "build_session",
    "inbox",
    "journal_identity",
    "journal_is_empty",
    "journal_is_open",
    "passage_choices",
    "plan_from_session",
    "planned_sessions",
    "return_to_inbox",
    "sessions_on",
]
