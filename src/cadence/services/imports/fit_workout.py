"""A FIT workout file (a plan made in Garmin Connect or a coach's tool) as a planned session.

Each step becomes a block; a "repeat steps N to here M times" step is expanded, so that the session
lists every repetition in order, as the watch would run it. Step durations become planned time,
distance or repetitions; targets (zones, heart rate, pace) go into the block's notes, and a pace
target also into its target pace.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from typing import Any

from cadence.domain.enums import SessionKind
from cadence.domain.limits import MAX_PACE_S_PER_KM, MIN_PACE_S_PER_KM
from cadence.domain.records import BlockData
from cadence.domain.units import pace_clock
from cadence.services.imports.common import PlannedWorkout, Refused, Skipped

Message = dict[str, Any]
MAX_EXPANDED_STEPS = 500
_INTENSITY = {
    "warmup": "Warm-up",
    "active": "Run",
    "interval": "Interval",
    "rest": "Rest",
    "recovery": "Recovery",
    "cooldown": "Cool-down",
}


def _workout_hr(value: float) -> str:
    """FIT's workout_hr: 0-100 is % of maximum heart rate, above 100 is bpm + 100."""
    return f"{value - 100:g} bpm" if value > 100 else f"{value:g}% of maximum heart rate"


def _until(step: Message) -> tuple[str, dict[str, Any]]:
    """What ends the step, as (note, block fields)."""
    kind = step.get("duration_type")
    if kind in ("time", "repetition_time") and step.get("duration_time") is not None:
        return "", {"planned_duration_s": float(step["duration_time"])}
    if kind == "distance" and step.get("duration_distance") is not None:
        return "", {"planned_distance_m": float(step["duration_distance"])}
    if kind == "reps" and step.get("duration_reps") is not None:
        return "", {"planned_reps": int(step["duration_reps"])}
    if kind in ("hr_less_than", "hr_greater_than") and step.get("duration_hr") is not None:
        word = "below" if kind == "hr_less_than" else "above"
        return f"until heart rate is {word} {_workout_hr(step['duration_hr'])}", {}
    if kind == "calories" and step.get("duration_calories") is not None:
        return f"until {step['duration_calories']} kcal", {}
    if kind in ("power_less_than", "power_greater_than") and step.get("duration_power"):
        word = "below" if kind == "power_less_than" else "above"
        return f"until power is {word} {step['duration_power']} W", {}
    return "until you press lap", {}


def _target(step: Message) -> tuple[str, dict[str, Any]]:
    kind = step.get("target_type")
    if kind == "heart_rate":
        zone = step.get("target_hr_zone")
        low, high = (
            step.get("custom_target_heart_rate_low"),
            step.get("custom_target_heart_rate_high"),
        )
        if zone:
            return f"heart-rate zone {zone}", {}
        if low is not None and high is not None:
            return f"heart rate {_workout_hr(low)} to {_workout_hr(high)}", {}
    if kind == "speed":
        zone = step.get("target_speed_zone")
        low, high = step.get("custom_target_speed_low"), step.get("custom_target_speed_high")
        if zone:
            return f"speed zone {zone}", {}
        if low and high:
            pace = 1000 / ((float(low) + float(high)) / 2)
            fields = {"target_pace_s_per_km": round(pace, 1)}
            if not MIN_PACE_S_PER_KM <= pace <= MAX_PACE_S_PER_KM:
                fields = {}
            slow, fast = 1000 / float(low), 1000 / float(high)
            return f"pace {pace_clock(fast)} to {pace_clock(slow)} per km", fields
    if kind == "power":
        zone = step.get("target_power_zone")
        if zone:
            return f"power zone {zone}", {}
    if kind == "cadence":
        zone = step.get("target_cadence_zone")
        if zone:
            return f"cadence zone {zone}", {}
    return "", {}


def _block(step: Message) -> BlockData:
    intensity = str(step.get("intensity") or "active")
    label = _INTENSITY.get(intensity, intensity.replace("_", " ").capitalize())
    name = str(step.get("wkt_step_name") or "").strip()
    if name:
        label = f"{label}: {name}"
    until, fields = _until(step)
    target, more = _target(step)
    notes = "; ".join(part for part in (until, target) if part)
    return BlockData(label=label, notes=notes, **fields, **more)


def _expand(steps: list[Message]) -> tuple[list[BlockData], bool, list[str]]:
    """(blocks in the order they are run, whether anything repeats, notes on what was not expanded)."""
    expanded: list[tuple[int, BlockData]] = []
    repeats, notes = False, []
    for index, step in enumerate(steps):
        kind = str(step.get("duration_type") or "")
        if not kind.startswith("repeat_"):
            expanded.append((index, _block(step)))
        elif kind == "repeat_until_steps_cmplt":
            back_to, times = step.get("duration_step"), step.get("repeat_steps")
            if not isinstance(back_to, int) or not 0 <= back_to < index:
                raise Refused(f"has step {index + 1} repeating from a step that is not before it")
            if not isinstance(times, int) or times < 1:
                raise Refused(f"has step {index + 1} repeating {times!r} times")
            first = next((i for i, (source, _) in enumerate(expanded) if source >= back_to), None)
            segment = expanded[first:] if first is not None else []
            for _ in range(times - 1):
                expanded.extend((source, replace(block)) for source, block in segment)
                if len(expanded) > MAX_EXPANDED_STEPS:
                    raise Refused(f"expands to more than {MAX_EXPANDED_STEPS} steps")
            repeats = True
        else:
            notes.append(
                f"step {index + 1} repeats ({kind.replace('_', ' ')}): run it as you see fit"
            )
            repeats = True
    return [block for _, block in expanded], repeats, notes


def workout_from_messages(
    messages: dict[str, list[Message]], file_id: Message, data: bytes
) -> PlannedWorkout:
    workout = messages["workout"][0] if messages["workout"] else {}
    sport = workout.get("sport")
    if sport not in (None, "running", "generic"):
        raise Skipped(f"is a {sport} workout, not a run")
    steps = sorted(messages["workout_step"], key=lambda s: s.get("message_index") or 0)
    if not steps:
        raise Refused("is a FIT workout with no steps")
    blocks, repeats, notes = _expand(steps)
    if not blocks:
        raise Refused("is a FIT workout whose steps are all repeats of nothing")
    serial, created = file_id.get("serial_number"), file_id.get("time_created")
    if serial is not None and isinstance(created, datetime):
        ref = f"workout:{serial}:{created:%Y-%m-%dT%H:%M:%SZ}"
    else:  # no identity of its own: the content is the identity
        ref = "workout:sha256:" + hashlib.sha256(data).hexdigest()[:32]
    name = str(workout.get("wkt_name") or "").strip() or "Planned run"
    return PlannedWorkout(
        name=name,
        source_ref=ref,
        steps=blocks,
        kind=SessionKind.INTERVALS if repeats else SessionKind.EASY,
        notes="\n".join(notes),
    )
