"""The demo runner's days: a weekly pattern that depends on the phase of the training cycle (easy,
long, tempo, intervals, recovery, strength), races, shoes that wear out, paces that improve."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from cadence.domain.units import format_duration, pace_clock
from cadence.services.demo import text
from cadence.services.demo.sessions import (
    HARD_REASONS,
    CraftMaker,
    Segment,
    Stop,
    choose_reflections,
    clamp,
    outcome,
    place_and_cut,
    plan_stops,
)
from cadence.services.demo.world import RACES, race_pace, utc
from cadence.store.models import Event

if TYPE_CHECKING:
    from cadence.services.demo.world import DayState, DemoCycle

# phase -> weekday -> alternatives tried in order: (kind, chance)
WEEK: dict[str, dict[int, tuple[tuple[str, float], ...]]] = {
    "off": {
        0: (("strength_mobility", 0.45),),
        1: (("intervals", 0.25), ("easy", 0.8)),
        2: (("easy", 0.6),),
        3: (("tempo", 0.45), ("easy", 0.6)),
        4: (("strength_mobility", 0.3), ("recovery", 0.2)),
        5: (("parkrun", 0.2), ("easy", 0.75)),
        6: (("long", 0.85),),
    },
    "base": {
        0: (("strength_mobility", 0.6),),
        1: (("easy", 0.9),),
        2: (("easy", 0.6),),
        3: (("easy", 0.85),),
        4: (("strength_mobility", 0.4),),
        5: (("parkrun", 0.15), ("easy", 0.8)),
        6: (("long", 0.9),),
    },
    "build": {
        0: (("strength_mobility", 0.5),),
        1: (("intervals", 0.9),),
        2: (("recovery", 0.5),),
        3: (("tempo", 0.85),),
        4: (("strength_mobility", 0.35),),
        5: (("easy", 0.85),),
        6: (("long", 0.92),),
    },
    "peak": {
        0: (("strength_mobility", 0.4),),
        1: (("intervals", 0.92),),
        2: (("easy", 0.7),),
        3: (("tempo", 0.88),),
        4: (("recovery", 0.4),),
        5: (("easy", 0.85),),
        6: (("long", 0.92),),
    },
    "taper": {
        1: (("intervals", 0.85),),
        3: (("tempo", 0.6), ("easy", 0.8)),
        5: (("easy", 0.7),),
        6: (("long", 0.8),),
    },
    "recovery": {2: (("recovery", 0.7),), 4: (("easy", 0.6),), 6: (("easy", 0.7),)},
}
EASY_KM = {"off": 7, "base": 8, "build": 9, "peak": 10, "taper": 7, "recovery": 6}
INTERVALS = ((8, 400), (6, 800), (5, 1000), (4, 1200), (3, 1600), (10, 400), (6, 1000))
RPE = {"easy": 3, "recovery": 2, "long": 5, "tempo": 6, "intervals": 7, "race": 9, "parkrun": 8}
HR_SHARE = {"easy": 0.74, "recovery": 0.7, "long": 0.77, "tempo": 0.88, "warm": 0.72}
JOG_S = 90.0  # recovery jog between interval reps


class RunMaker(CraftMaker):
    discipline = "running"

    def day(self, day: date, state: DayState) -> list[dict]:
        rng, w = self.rng, self.world
        race = self.goal_event(state)
        if race is not None:
            return [self.race(day, state, race)]
        if state.context == "ill":
            return []
        if state.context == "holiday":
            return [self.run(day, state, "easy", "off", ["holiday"])] if rng.random() < 0.5 else []
        phase = self.phase(day)
        plan = WEEK[phase].get(day.weekday(), ())
        tomorrow = w.events.get(day + timedelta(days=1), [])
        if any(c.discipline == "running" for c in tomorrow):
            plan = (("recovery", 0.4),)  # a shake-out the day before the race, or nothing
        elif any(c.discipline == "music" for c in state.events):
            plan = (("easy", 0.3),)
        for kind, chance in plan:
            if rng.random() < chance - 0.15 * state.busy + 0.3 * (state.readiness - 0.6):
                if kind == "strength_mobility":
                    return [self.strength(day, state)]
                return [self.run(day, state, kind, phase, [])]
        return []

    # --- building blocks -------------------------------------------------------------------

    def _segment(self, label: str, km: float, pace: float, hr: float) -> Segment:
        seg = Segment(label, km * pace, planned_m=round(km * 1000, 1), target_pace=round(pace, 1))
        seg.avg_hr = round(hr)
        return seg

    def _plan(self, day: date, kind: str, phase: str) -> tuple[list[Segment], str, str]:
        """Segments, title and intention template for a run of this kind."""
        rng, w = self.rng, self.world
        easy = w.easy_pace(day)
        hr = w.hr_max(day)
        warm = self._segment("Warm-up", 2.0, easy + 15, hr * HR_SHARE["warm"])
        cool = self._segment("Cool-down", 1.5, easy + 20, hr * HR_SHARE["warm"])
        if kind in ("easy", "recovery"):
            km = clamp(rng.gauss(EASY_KM[phase] - 2.5 * (kind == "recovery"), 1.5), 3.5, 14)
            km = round(km * 2) / 2
            pace = easy + rng.gauss(0, 6) + 25 * (kind == "recovery")
            seg = self._segment(f"{kind.capitalize()} {km:g} km", km, pace, hr * HR_SHARE[kind])
            return [seg], f"{kind.capitalize()} {km:g} km", rng.choice(text.RUN_INTENTIONS[kind])
        if kind == "long":
            km = self._long_km(day)
            segs = [self._segment(f"Long run {km:g} km", km, easy + 8, hr * HR_SHARE["long"])]
            templates = [t for t in text.RUN_INTENTIONS["long"] if "marathon pace" not in t]
            if rng.random() < 0.3 and km >= 14:
                segs[0] = self._segment(f"Long run {km - 3:g} km", km - 3, easy + 8, hr * 0.77)
                segs.append(self._segment("Last 3 km at marathon pace", 3, easy * 0.885, hr * 0.86))
                templates = [t for t in text.RUN_INTENTIONS["long"] if "marathon pace" in t]
            return segs, f"Long run {km:g} km", rng.choice(templates)
        if kind == "tempo":
            km = rng.choice((4, 5, 6, 6, 7, 8))
            main = self._segment(f"Tempo {km} km", km, easy * 0.83, hr * HR_SHARE["tempo"])
            return [warm, main, cool], f"Tempo {km} km", rng.choice(text.RUN_INTENTIONS["tempo"])
        if kind == "parkrun":
            pace = race_pace(easy, 5000)
            main = self._segment("parkrun 5 km", 5, pace, hr * 0.93)
            return [warm, main], "parkrun", "Run {race} at {pace}/km, {cue}"
        n, dist = rng.choice(INTERVALS)
        pace = easy * 0.78 * (1 + dist / 40_000)
        segs = [warm]
        for k in range(n):
            rep = self._segment(
                f"Rep {k + 1} of {n} · {dist} m", dist / 1000, pace, hr * (0.9 + 0.006 * k)
            )
            rep.is_rep, rep.planned_reps = True, 1
            segs.append(rep)
        segs.append(cool)
        return segs, f"{n}×{dist} m", rng.choice(text.RUN_INTENTIONS["intervals"])

    def _long_km(self, day: date) -> float:
        at = self.cycle_at(day)
        if at is None:
            return float(self.rng.choice((12, 13, 14, 15)))
        cycle, phase, _ = at
        top = RACES[cycle.race][4]
        if phase == "recovery":
            return 10.0
        if phase == "taper":
            return float(round(top * 0.6))
        return float(round(12 + (top - 12) * cycle.progress(day) + self.rng.choice((-1, 0, 0, 1))))

    # --- sessions ------------------------------------------------------------------------------

    def run(self, day: date, state: DayState, kind: str, phase: str, tags: list[str]) -> dict:
        rng = self.rng
        segments, title, template = self._plan(day, kind, phase)
        ready = state.readiness
        rpe = RPE[kind] + (segments[0].planned_m or 0) / 20_000 + (0.6 - ready) * 4
        rpe = int(clamp(round(rpe + rng.gauss(0, 0.6)), 1, 10))
        planned_s = sum(s.planned_s for s in segments)
        reps = [s for s in segments if s.is_rep]
        stops = plan_stops(rng, "running", rpe, ready, planned_s, (), day.weekday() < 5)
        if reps:
            self._stop_in_reps(stops, segments)
        else:
            place_and_cut(rng, stops, segments)
        self._results(segments, ready, stops)
        jogs = JOG_S * max(0, sum(1 for s in reps if s.done_reps) - 1)
        if kind == "long" and rng.random() < 0.15:
            tags.append("trail")
        if day.month in (6, 7, 8) and rng.random() < 0.1:
            tags.append("heat")
        if rng.random() < 0.1:
            tags.append("rain")
        if kind == "tempo" and day.weekday() == 3 and rng.random() < 0.3:
            tags.append("with club")
        return self._write(day, state, kind, title, template, segments, stops, rpe, jogs, tags)

    def _stop_in_reps(self, stops: list[Stop], segments: list[Segment]) -> None:
        """Interval stops are counted in reps: 'stopped after rep 5 of 6'."""
        reps = [i for i, s in enumerate(segments) if s.is_rep]
        n = len(reps)
        hard = [s for s in stops if s.reason in HARD_REASONS]
        for stop in hard:
            done = int(clamp(round(stop.fraction * n), 1, n - 1 if stop.ends_session else n))
            stop.rep_index, stop.planned_reps = done, n
            stop.block_position = reps[done - 1]
        others = [s for s in stops if s.reason not in HARD_REASONS]
        place_and_cut(self.rng, others, segments)
        cut = next((s for s in hard if s.ends_session), None)
        starts, t = [], 0.0
        for seg in segments:
            starts.append(t)
            t += seg.planned_s + (JOG_S if seg.is_rep else 0)
        for stop in hard:
            i = stop.block_position or 0
            stop.elapsed_s = round(starts[i] + segments[i].planned_s)
        if cut is None:
            return
        for i in reps:
            if i > (cut.block_position or 0):
                segments[i].duration_s, segments[i].done_reps, segments[i].distance_m = 0, 0, 0.0

    def _results(self, segments: list[Segment], ready: float, stops: list[Stop]) -> None:
        """Achieved paces: slower on bad days, fading over the reps when form goes."""
        rng = self.rng
        fading = any(s.reason in ("form", "pain") for s in stops)
        for k, seg in enumerate(segments):
            if not seg.distance_m or not seg.target_pace:
                seg.distance_m = seg.distance_m if seg.distance_m else None
                if seg.is_rep:
                    seg.avg_hr, seg.achieved_pace = None, None
                continue
            drift = (0.6 - ready) * 8 + rng.gauss(0, 3) + (1.5 * k if fading and seg.is_rep else 0)
            seg.achieved_pace = round(clamp(seg.target_pace + drift, 150, 900), 1)
            seg.duration_s = seg.distance_m / 1000 * seg.achieved_pace
            if seg.avg_hr:
                seg.avg_hr = int(clamp(seg.avg_hr + (0.6 - ready) * 4 + rng.gauss(0, 2), 90, 205))

    def _write(
        self,
        day: date,
        state: DayState,
        kind: str,
        title: str,
        template: str,
        segments: list[Segment],
        stops: list[Stop],
        rpe: int,
        extra_s: float,
        tags: list[str],
        event: str = "",
    ) -> dict:
        rng, w = self.rng, self.world
        ready = state.readiness
        moving = sum(s.duration_s for s in segments) + extra_s
        distance = sum(s.distance_m or 0 for s in segments)
        distance += extra_s / (w.easy_pace(day) + 60) * 1000
        timed = [(s.avg_hr, s.duration_s) for s in segments if s.avg_hr and s.duration_s]
        avg_hr = max_hr = None
        if timed:
            total = sum(seconds for _, seconds in timed)
            avg_hr = round(sum(hr * seconds for hr, seconds in timed) / total)
            max_hr = int(min(w.hr_max(day) + 2, max(hr for hr, _ in timed) + rng.randint(4, 10)))
            max_hr = max(max_hr, avg_hr)
        reps = [s for s in segments if s.is_rep]
        cues = text.RUN_CUES + (text.REP_CUES if reps else ())
        at = self.cycle_at(day)
        targets = [f for f in (at[0].focus if at else []) if reps or "rep" not in f[1]]
        cue, focus = rng.choice(cues), None
        if targets and rng.random() < 0.6:
            focus, cue = rng.choice(targets)
        main = max(segments, key=lambda s: s.planned_m or 0)
        slots = self.world.slots(day)
        slots.update(
            km=f"{(main.planned_m or 0) / 1000:g}",
            pace=pace_clock(main.target_pace or 300),
            cue=cue,
            n=len(reps) or rng.randint(4, 8),
            dist=int(reps[0].planned_m or 0) if reps else 800,
            place=rng.choice(text.PLACES),
            race=event or "parkrun",
            body=(body := rng.choice(text.RUN_BODY)),
            body_cap=body.capitalize(),
        )
        quality = 0.0
        if main.achieved_pace:
            assert main.target_pace is not None  # a pace is achieved only against a target
            quality = (main.target_pace - main.achieved_pace) / 60
        intentions: list[tuple[str, int | None, str]] = [
            (template.format(**slots), focus, outcome(rng, ready, quality, stops))
        ]
        if rng.random() < 0.35 and kind not in ("recovery",):
            second = rng.choice(cues)
            second = second[:1].upper() + second[1:]
            if second.lower() != cue:
                intentions.append((second, None, outcome(rng, ready, quality, stops)))
        review = day >= w.end - timedelta(days=2) and kind in ("easy", "long", "recovery")
        bank = text.REFLECTIONS_RUN["steady" if kind in ("easy", "recovery", "long") else "fast"]
        reflections = choose_reflections(rng, bank, slots, intentions[0][2], 0.12)
        if review:  # as if just synced from a watch: waits in Today's inbox for the words
            intentions, reflections = [], []
        if day.weekday() < 5 and rng.random() < 0.2:
            tags = [*tags, "morning"]
        if kind in ("easy", "recovery") and day.month in (1, 2, 12) and rng.random() < 0.12:
            tags = [*tags, "treadmill"]
        fast = kind in ("race", "parkrun") or (
            kind in ("intervals", "tempo") and rng.random() < 0.5
        )
        shoe = w.racer if fast else w.trainer
        notes = rng.choice(text.SESSION_NOTES_RUN).format(**slots) if rng.random() < 0.12 else ""
        weekend = day.weekday() >= 5
        hour, minute = (
            (8, rng.choice((0, 15, 30))) if weekend else (6, rng.choice((10, 20, 30, 45)))
        )
        pause = float(rng.choice((0, 0, 20, 45, 90, 150)))
        values: dict[str, Any] = dict(
            discipline="running",
            kind="race" if kind == "parkrun" else kind,
            started_at=utc(day, hour, minute),
            local_date=day,
            segments=segments,
            stops=stops,
            intentions=intentions,
            reflections=reflections,
            tags=tags,
            extra_s=extra_s + pause,
            title=title,
            notes=notes,
            rpe=rpe,
            focus=int(clamp(round(1 + 4 * ready + rng.gauss(0, 0.5)), 1, 5)),
            mood=int(clamp(state.mood + rng.choice((0, 0, 1)), 1, 5)),
            energy=int(clamp(round(1 + 4 * ready + rng.gauss(0, 0.6)), 1, 5)),
            flow=int(clamp(round(3 - 3 * (ready - 0.55) + rng.gauss(0, 0.5)), 1, 5)),
            distance_m=round(distance, 1),
            moving_s=float(round(moving)),
            avg_hr=avg_hr,
            max_hr=max_hr,
            elevation_gain_m=float(rng.randint(20, 120 if kind != "long" else 300)),
            gear=shoe,
            needs_review=review,
        )
        row = self.writer.write(**values)
        if kind == "easy" and rng.random() < 1 / 250:  # a double entry, moved to the trash
            self.writer.write(**dict(values, deleted=True, tags=[], stops=[], reflections=[]))
        w.wear(shoe, distance / 1000, day)
        if kind in ("intervals", "long", "race", "tempo"):
            w.hard_run_day = day  # tonight's practice feels it
        return row

    def race(self, day: date, state: DayState, cycle: DemoCycle) -> dict:
        rng, w = self.rng, self.world
        name, distance, *_ = RACES[cycle.race]
        easy = w.easy_pace(day)
        pace = race_pace(easy, distance) * (
            1 + rng.gauss(0, 0.012) + (0.6 - state.readiness) * 0.04
        )
        hr = w.hr_max(day) * {10_000: 0.92, 21_097.5: 0.89}.get(distance, 0.85)
        segments = [self._segment(name, distance / 1000, pace, hr)]
        if distance <= 10_000:
            segments.insert(0, self._segment("Warm-up", 2.0, easy + 15, w.hr_max(day) * 0.72))
        stops: list[Stop] = []
        if distance > 40_000 and rng.random() < 0.35:
            note = "Calves cramping after 35 km; walked a water station, pushed on."
            stops.append(Stop("pain", rng.uniform(0.8, 0.95), "pushed_on", "calves", 3, note))
        elif rng.random() < 0.25:
            note = "Form going in the last kilometres; pushed on to the finish."
            stops.append(Stop("form", rng.uniform(0.8, 0.97), "pushed_on", "hips", 2, note))
        place_and_cut(rng, stops, segments)
        self._results(segments, state.readiness, [])
        seconds = segments[-1].duration_s
        best = w.best_race.get(cycle.race)
        result = format_duration(seconds) + (
            " — a personal best" if best and seconds < best else ""
        )
        if best is None or seconds < best:
            w.best_race[cycle.race] = seconds
        self.rows.get(Event, cycle.event_id)["result"] = result
        state.event_result = result
        rpe = int(clamp(round(9 + rng.gauss(0, 0.5)), 7, 10))
        return self._write(
            day,
            state,
            "race",
            name,
            "Run {race} at {pace}/km, {cue}",
            segments,
            stops,
            rpe,
            0.0,
            ["with club"] if rng.random() < 0.3 else [],
            event=name,
        )

    def strength(self, day: date, state: DayState) -> dict:
        rng = self.rng
        segments = [
            Segment("Core circuit", 10 * 60.0, planned_reps=3),
            Segment("Calf raises 3×15", 6 * 60.0, planned_reps=3),
            Segment("Hip mobility", rng.choice((8, 10, 15)) * 60.0),
        ]
        stops = [
            s
            for s in plan_stops(rng, "running", 3, state.readiness, 0, (), True)
            if s.reason in ("time", "planned")
        ]
        place_and_cut(rng, stops, segments)
        for seg in segments:
            if seg.done_reps is not None:
                seg.clean_reps = None
        template = rng.choice(text.RUN_INTENTIONS["strength_mobility"])
        intentions: list[tuple[str, int | None, str]] = [
            (template, None, outcome(rng, state.readiness, 0.05, stops))
        ]
        return self.writer.write(
            discipline="running",
            kind="strength_mobility",
            started_at=utc(day, 12, 15),
            local_date=day,
            segments=segments,
            stops=stops,
            intentions=intentions,
            reflections=[],
            tags=[],
            title="Strength & mobility",
            rpe=int(clamp(round(3.5 + rng.gauss(0, 0.8)), 1, 7)),
            focus=int(clamp(round(1 + 4 * state.readiness), 1, 5)),
            mood=state.mood,
        )
