"""What an operation changed, so that views decide for themselves whether to refresh.

Every service that writes returns a `Changes`; the UI emits it on one application-level signal
(the pattern of Anki's OpChanges).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Changes:
    sessions: bool = False
    day_entries: bool = False
    repertoire: bool = False
    gear: bool = False
    plans: bool = False  # focus targets, cycles, events, templates
    preferences: bool = False
    trash: bool = False
    notes: bool = False  # a teacher's notes to a student, or the student's answers to them
    session_ids: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: Changes) -> Changes:
        values = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            values[f.name] = a | b
        return Changes(**values)

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @classmethod
    def everything(cls) -> Changes:
        """A whole journal was replaced (restore, demo, opening another file)."""
        return cls(True, True, True, True, True, True, True, True)
