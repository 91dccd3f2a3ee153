"""The reflection prompts each discipline asks after a session, unless a template says otherwise."""

from __future__ import annotations

from cadence.domain.enums import Discipline, ReflectionPrompt

DEFAULT_PROMPTS: dict[Discipline, list[tuple[ReflectionPrompt, str]]] = {
    Discipline.MUSIC: [
        (ReflectionPrompt.WENT_WELL, "What went well?"),
        (ReflectionPrompt.LET_GO, "Which wrong notes can you let go of?"),
        (ReflectionPrompt.TO_IMPROVE, "What will you improve?"),
        (ReflectionPrompt.NEXT_TIME, "What will you try next time?"),
    ],
    Discipline.RUNNING: [
        (ReflectionPrompt.WENT_WELL, "What went well?"),
        (ReflectionPrompt.LET_GO, "What can you let go of from this run?"),
        (ReflectionPrompt.TO_IMPROVE, "What will you improve?"),
        (ReflectionPrompt.NEXT_TIME, "What will you try next time?"),
    ],
}
