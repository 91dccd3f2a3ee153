"""The demo musician's days: practice (technique, passages pushed a little past their clean tempo,
run-throughs near a recital), lessons, rehearsals, performances and work away from the instrument."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from cadence.services.demo import text
from cadence.services.demo.sessions import (
    CraftMaker,
    Segment,
    Stop,
    binomial,
    choose_reflections,
    clamp,
    outcome,
    place_and_cut,
    plan_stops,
)
from cadence.services.demo.world import lower_label, utc
from cadence.store.models import Event

if TYPE_CHECKING:
    from cadence.services.demo.generate import Rows
    from cadence.services.demo.world import DayState, DemoCycle, DemoPassage, DemoPiece, World

PRACTICE_ODDS = {
    "off": 0.85,
    "base": 0.86,
    "build": 0.9,
    "peak": 0.93,
    "taper": 0.85,
    "recovery": 0.5,
}
PARTNERS = {"piano": "Lena (cello)", "violin": "Jonas (piano)"}


class MusicMaker(CraftMaker):
    discipline = "music"

    def __init__(self, rng: random.Random, rows: Rows, world: World) -> None:
        super().__init__(rng, rows, world)
        self.kit = world.kit

    # --- the day's plan ------------------------------------------------------------------------

    def day(self, day: date, state: DayState, ran: list[dict]) -> list[dict]:
        rng, w = self.rng, self.world
        phase = self.phase(day)
        recital = self.goal_event(state)
        if recital is not None:
            made = [self.practice(day, state, 11, 0, 30, phase)] if rng.random() < 0.6 else []
            return [*made, self.performance(day, state, recital.pieces, recital)]
        if state.context == "ill":
            return [self.off_instrument(day, state, 15)] if rng.random() < 0.08 else []
        if state.context == "holiday":
            if w.instrument == "violin" and rng.random() < 0.35:
                return [self.practice(day, state, 10, 0, rng.choice((20, 30)), phase)]
            return [self.off_instrument(day, state, 20)] if rng.random() < 0.12 else []
        if any(c.discipline == "running" for c in state.events):
            return []  # race day
        weekday = day.weekday()
        if weekday == 3 and (day.toordinal() // 7) % 3 == 0 and rng.random() < 0.85:
            return [self.lesson(day, state)]
        made: list[dict] = []
        if phase == "peak" and weekday == 5 and rng.random() < 0.5:
            made.append(self.rehearsal(day, state))
        elif phase == "off" and weekday >= 5 and rng.random() < 0.02:
            made.append(self.performance(day, state, w.period(day).pieces, None))
        odds = PRACTICE_ODDS[phase] - 0.2 * state.busy + 0.3 * (state.readiness - 0.6)
        if weekday >= 5:
            if rng.random() < odds:
                minutes = rng.choice((60, 75, 90, 90, 120))
                made.append(self.practice(day, state, 10, rng.choice((15, 30, 45)), minutes, phase))
            if rng.random() < 0.6:
                made.append(self.practice(day, state, 16, 30, rng.choice((30, 40, 45)), phase))
        else:
            if not ran and rng.random() < 0.3:
                made.append(self.practice(day, state, 7, 15, rng.choice((15, 20, 25)), phase, True))
            if rng.random() < odds:
                minutes = rng.choice((30, 40, 45, 45, 60, 60)) * (0.7 if state.busy else 1)
                minutes *= {"peak": 1.2, "recovery": 0.7}.get(phase, 1)
                start = rng.choice(((19, 0), (19, 30), (20, 0), (18, 45)))
                made.append(self.practice(day, state, *start, round(minutes), phase))
        if weekday < 5 and rng.random() < 0.3:
            made.append(self.practice(day, state, 12, 40, rng.choice((10, 15, 20)), phase, True))
        if rng.random() < 0.12:
            made.append(self.off_instrument(day, state, rng.choice((15, 20, 30))))
        return made

    # --- sessions ------------------------------------------------------------------------------

    def _readiness(self, day: date, state: DayState) -> float:
        """A hard run today or yesterday costs some focus at the instrument."""
        tired = self.world.hard_run_day in (day, day - timedelta(days=1))
        return clamp(state.readiness - 0.12 * tired, 0.05, 0.98)

    def _slots(self, day: date, passage: DemoPassage | None, bpm: float, cue: str) -> dict:
        rng = self.rng
        slots = self.world.slots(day)
        if passage is not None:
            slots.update(
                bars=passage.bars,
                passage=lower_label(passage.label),
                piece=passage.piece.spec.title,
            )
            bar = rng.randint(passage.first, passage.last)
        else:
            bar = rng.randint(1, 40)
        body = rng.choice(self.kit["body"])
        slots.update(
            bpm=int(bpm),
            cue=cue,
            cue_cap=cue[:1].upper() + cue[1:],
            bar=bar,
            body=body,
            body_cap=body.capitalize(),
            teacher=self.kit["teacher"],
            exercise=rng.choice(self.kit["technique"]),
            reps=0,
            clean=0,
            low=int(bpm) - 8,
            mid=int(bpm) - 4,
            pace="",
            km="",
            n="",
            dist="",
            place="",
            race="",
        )
        return slots

    def _cue(self, day: date) -> tuple[str, int | None]:
        at = self.cycle_at(day)
        if at and at[0].focus and self.rng.random() < 0.6:
            focus_id, cue = self.rng.choice(at[0].focus)
            return cue, focus_id
        return self.rng.choice(self.kit["cues"]), None

    def _pick_passages(self, day: date, n: int) -> list[DemoPassage]:
        """The weak spots get the time (deliberate practice); pieces under review get a little."""
        period = self.world.period(day)
        pool: list[tuple[DemoPassage, float]] = []
        for pieces, weight in ((period.pieces, 1.0), (period.review, 0.25)):
            for piece in pieces:
                pool.extend((p, weight * (1.15 - p.skill)) for p in piece.passages)
        chosen: list[DemoPassage] = []
        while pool and len(chosen) < n:
            passage = self.rng.choices([p for p, _ in pool], weights=[w for _, w in pool])[0]
            chosen.append(passage)
            pool = [(p, w) for p, w in pool if p is not passage]
        return chosen

    def _passage_segment(self, day: date, passage: DemoPassage, seconds: float) -> Segment:
        passage.touch(day)
        step = self.rng.choice((0, 2, 4, 4, 6))
        work = min(passage.target_bpm, round((passage.level() + step) / 2) * 2)
        return Segment(
            f"{passage.piece.spec.title}: {passage.label} (bars {passage.bars})",
            seconds,
            planned_reps=self.rng.randint(5, 10),
            target_bpm=float(work),
            passage=passage,
        )

    def practice(
        self,
        day: date,
        state: DayState,
        hour: int,
        minute: int,
        minutes: int,
        phase: str,
        technique_only: bool = False,
    ) -> dict:
        rng = self.rng
        ready = self._readiness(day, state)
        total = minutes * 60.0
        share = 1.0 if technique_only else rng.uniform(0.1, 0.2)
        tech_bpm = round(60 + 70 * self.world.technique) + rng.choice((-4, 0, 0, 4))
        segments = [
            Segment(
                rng.choice(self.kit["technique"]),
                total * share,
                planned_reps=rng.randint(2, 4),
                target_bpm=float(tech_bpm),
            )
        ]
        if not technique_only:
            rest = total - segments[0].planned_s
            if phase in ("peak", "taper") and minutes >= 40 and rng.random() < 0.7:
                piece = rng.choice(self.world.period(day).pieces)
                segments.append(
                    Segment(f"Run-through: {piece.spec.title}", rest * 0.25, planned_reps=1)
                )
                segments[-1].target_bpm = float(piece.spec.target_bpm)
                rest *= 0.75
            if minutes >= 60 and rng.random() < 0.2:
                segments.append(Segment("Sight-reading", rest * 0.15))
                rest *= 0.85
            passages = self._pick_passages(day, 1 if minutes < 35 else 2 if minutes < 70 else 3)
            weights = [rng.uniform(1, 2) for _ in passages]
            for passage, weight in zip(passages, weights, strict=True):
                seg = self._passage_segment(day, passage, rest * weight / sum(weights))
                segments.insert(1, seg)  # the hard bars first, while fresh
        rpe = round(2.5 + minutes / 45 + (phase == "peak") + (0.6 - ready) * 4 + rng.gauss(0, 0.7))
        rpe = int(clamp(rpe, 1, 9))
        stops = plan_stops(
            rng, "music", rpe, ready, total, self.kit["body"], hour < 9 and day.weekday() < 5
        )
        place_and_cut(rng, stops, segments)
        accuracy = self._results(segments, ready)
        main = next((s for s in segments if s.passage), None)
        main_passage = main.passage if main else None
        cue, focus = self._cue(day)
        first_bpm = segments[0].target_bpm
        assert first_bpm is not None  # a music session opens with a tempo
        slots = self._slots(day, main_passage, first_bpm, cue)
        if main:
            assert main.target_bpm is not None  # a passage is practised at a tempo
            slots.update(bpm=int(main.target_bpm), reps=main.done_reps, clean=main.clean_reps)
            first = rng.choice(text.PASSAGE_INTENTIONS)
        else:
            slots.update(exercise=segments[0].label)
            first = rng.choice(text.TECHNIQUE_INTENTIONS)
        quality = 0.3 * (accuracy - 0.65)
        intentions = [(first.format(**slots), focus, outcome(rng, ready, quality, stops))]
        if rng.random() < 0.55:
            runthrough = next((s for s in segments if s.label.startswith("Run-through")), None)
            if runthrough is not None:
                slots_rt = dict(slots, piece=runthrough.label.split(": ", 1)[1])
                second = rng.choice(text.RUN_THROUGH_INTENTIONS).format(**slots_rt)
            else:
                second = rng.choice(text.GENERAL_MUSIC_INTENTIONS)
            intentions.append((second, None, outcome(rng, ready, quality, stops)))
            if rng.random() < 0.3:
                third = rng.choice(text.GENERAL_MUSIC_INTENTIONS)
                if third != second:
                    intentions.append((third, None, outcome(rng, ready, quality, stops)))
        went = intentions[0][2]
        reflections = choose_reflections(rng, text.REFLECTIONS_MUSIC, slots, went, 0.15)
        tags = []
        if main and rng.random() < 0.4:
            tags.append("metronome")
        if rng.random() < (0.3 if phase == "peak" else 0.06):
            tags.append("recorded")
        if hour < 9 and rng.random() < 0.3:
            tags.append("morning")
        notes = ""
        if main and rng.random() < 0.2:
            notes = rng.choice(text.SESSION_NOTES_MUSIC).format(**slots)
        title = main_passage.piece.spec.title if main_passage else "Technique"
        return self.writer.write(
            discipline="music",
            kind="practice",
            started_at=utc(day, hour, minute),
            local_date=day,
            segments=segments,
            stops=stops,
            intentions=intentions,
            reflections=reflections,
            tags=tags,
            extra_s=rng.choice((0, 60, 120, 300)),
            title=title,
            notes=notes,
            gear=self.world.instrument_gear,
            **self._ratings(state, ready, rpe, stops),
        )

    def _ratings(self, state: DayState, ready: float, rpe: int, stops: list[Stop]) -> dict:
        rng = self.rng
        frustrated = any(s.reason == "frustration" for s in stops)
        return {
            "rpe": rpe,
            "focus": int(clamp(round(1 + 4 * ready + rng.gauss(0, 0.5)), 1, 5)),
            "mood": int(clamp(state.mood + rng.choice((-1, 0, 0, 0, 1)), 1, 5)),
            "energy": int(clamp(round(1 + 4 * state.readiness + rng.gauss(0, 0.6)), 1, 5)),
            "flow": int(
                clamp(round(3 - 3 * (ready - 0.55) + frustrated + rng.gauss(0, 0.5)), 1, 5)
            ),
        }

    def _results(self, segments: list[Segment], ready: float) -> float:
        """Clean reps, best clean tempo and the skill they leave behind; returns mean accuracy."""
        rng = self.rng
        accuracies = []
        for seg in segments:
            if not seg.done_reps:
                if seg.done_reps == 0:
                    seg.clean_reps = 0
                continue
            passage = seg.passage
            skill = passage.skill if passage else self.world.technique
            acc = clamp(0.35 + 0.35 * ready + 0.25 * skill + rng.gauss(0, 0.08), 0.1, 0.97)
            if seg.label.startswith("Run-through"):
                acc = acc**3  # a whole piece without a slip is rare
            accuracies.append(acc)
            seg.clean_reps = binomial(rng, seg.done_reps, acc)
            if seg.target_bpm is None:
                continue
            if seg.clean_reps >= min(2, seg.done_reps):
                seg.achieved_bpm = seg.target_bpm
            else:
                floor = passage.start_bpm * 0.9 if passage else 40.0
                seg.achieved_bpm = float(
                    round(max(floor, seg.target_bpm - rng.choice((2, 4, 6, 8))))
                )
            if passage:
                assert seg.planned_reps  # a passage's block plans its repetitions
                gain = (
                    0.045 * (0.7 + 0.6 * ready) * (seg.done_reps / seg.planned_reps) * (0.5 + acc)
                )
                passage.skill = min(1.0, passage.skill + gain * (1 - passage.skill))
        return sum(accuracies) / len(accuracies) if accuracies else 0.6

    def lesson(self, day: date, state: DayState) -> dict:
        rng = self.rng
        teacher = self.kit["teacher"]
        ready = self._readiness(day, state)
        minutes = rng.choice((45, 60))
        passages = self._pick_passages(day, 2)
        piece = passages[0].piece if passages else self.world.period(day).pieces[0]
        segments = [Segment(f"Played {piece.spec.title} for {teacher}", 12 * 60.0, planned_reps=1)]
        share = (minutes - 12) * 60.0 / max(1, len(passages))
        segments += [self._passage_segment(day, p, share) for p in passages]
        place_and_cut(rng, [], segments)
        accuracy = self._results(segments, ready + 0.1)  # a teacher's ear helps
        cue, focus = self._cue(day)
        main = passages[0] if passages else None
        slots = self._slots(day, main, segments[-1].target_bpm or 80, cue)
        slots["piece"] = piece.spec.title
        quality = 0.3 * (accuracy - 0.6)
        intentions = [
            (
                rng.choice(text.LESSON_INTENTIONS).format(**slots),
                focus,
                outcome(rng, ready + 0.1, quality, []),
            )
        ]
        notes = (
            f"**{teacher}:** {cue} in bars {slots['bars']}; practise at ♩={slots['bpm']} "
            f"with rhythms, then straight. Next lesson: {piece.spec.title} from the top."
        )
        reflections = choose_reflections(rng, text.REFLECTIONS_MUSIC, slots, "achieved", 0.5)
        return self.writer.write(
            discipline="music",
            kind="lesson",
            started_at=utc(day, 18, 0),
            local_date=day,
            segments=segments,
            stops=[],
            intentions=intentions,
            reflections=reflections,
            tags=[],
            extra_s=120,
            title=f"Lesson with {teacher}",
            notes=notes,
            gear=self.world.instrument_gear if self.world.instrument == "violin" else None,
            **self._ratings(state, ready, int(clamp(rng.randint(4, 6), 1, 10)), []),
        )

    def rehearsal(self, day: date, state: DayState) -> dict:
        rng = self.rng
        ready = self._readiness(day, state)
        partner = PARTNERS[self.world.instrument]
        pieces = self.world.period(day).pieces
        segments = [
            Segment(f"Run-through: {p.spec.title}", 15 * 60.0, planned_reps=1) for p in pieces
        ]
        for seg, piece in zip(segments, pieces, strict=True):
            seg.target_bpm = float(piece.spec.target_bpm)
        segments += [self._passage_segment(day, p, 10 * 60.0) for p in self._pick_passages(day, 2)]
        rpe = int(clamp(round(5 + (0.6 - ready) * 3 + rng.gauss(0, 0.6)), 1, 9))
        stops = plan_stops(rng, "music", rpe, ready, 0, self.kit["body"], False)
        place_and_cut(rng, stops, segments)
        accuracy = self._results(segments, ready)
        cue, focus = self._cue(day)
        slots = self._slots(day, segments[-1].passage, segments[-1].target_bpm or 80, cue)
        intentions = [
            (
                f"Agree tempi with {partner.split()[0]} and play {pieces[0].spec.title} through",
                focus,
                outcome(rng, ready, 0.3 * (accuracy - 0.6), stops),
            )
        ]
        reflections = choose_reflections(rng, text.REFLECTIONS_MUSIC, slots, intentions[0][2], 0.3)
        return self.writer.write(
            discipline="music",
            kind="rehearsal",
            started_at=utc(day, 14, 0),
            local_date=day,
            segments=segments,
            stops=stops,
            intentions=intentions,
            reflections=reflections,
            tags=["recorded"] if rng.random() < 0.3 else [],
            extra_s=600,
            title=f"Rehearsal with {partner}",
            gear=self.world.instrument_gear,
            **self._ratings(state, ready, rpe, stops),
        )

    def performance(
        self, day: date, state: DayState, pieces: list[DemoPiece], cycle: DemoCycle | None
    ) -> dict:
        rng = self.rng
        ready = clamp(state.readiness + 0.1, 0.05, 0.98)  # adrenaline
        segments = []
        for piece in pieces:
            level = min(p.level() for p in piece.passages)
            seg = Segment(
                f"Performance: {piece.spec.title}", rng.uniform(6, 12) * 60, planned_reps=1
            )
            seg.target_bpm, seg.duration_s, seg.done_reps = float(piece.spec.target_bpm), 0.0, 1
            seg.duration_s = seg.planned_s
            skill = sum(p.skill for p in piece.passages) / len(piece.passages)
            seg.clean_reps = int(rng.random() < skill * 0.8)
            seg.achieved_bpm = float(round(level))
            segments.append(seg)
        stops: list[Stop] = []
        if rng.random() < 0.3:
            slip = Stop(
                "mind",
                rng.uniform(0.3, 0.9),
                "pushed_on",
                "none",
                2,
                "Memory slip; found my way back and played on.",
            )
            place_and_cut(rng, [slip], segments)
            stops.append(slip)
            for seg in segments:
                seg.done_reps, seg.duration_s = 1, seg.planned_s
        name = self.rows.get(Event, cycle.event_id)["name"] if cycle else "House concert"
        weakest = min((p for piece in pieces for p in piece.passages), key=lambda p: p.skill)
        slots = self._slots(day, weakest, weakest.level(), "breathe")
        clean = sum(s.clean_reps for s in segments)
        played = "Played both pieces" if len(pieces) == 2 else f"Played all {len(pieces)} pieces"
        if len(pieces) == 1:
            played = f"Played {pieces[0].spec.title}"
        slips = {0: "slips here and there", 1: "one piece without a slip"}.get(
            clean, f"{clean} pieces without a slip"
        )
        memory = " from memory" if rng.random() < 0.7 else ""
        result = f"{played}{memory}; {slips}. The {lower_label(weakest.label)} held together."
        if cycle is not None:
            self.rows.get(Event, cycle.event_id)["result"] = result
            state.event_result = result
        intentions: list[tuple[str, int | None, str]] = [
            ("Play for the music, not for the mistakes", None, outcome(rng, ready, 0.1, stops)),
            ("Breathe before each piece", None, outcome(rng, ready, 0.1, stops)),
        ]
        reflections = choose_reflections(rng, text.REFLECTIONS_MUSIC, slots, "achieved", 0.9)
        reflections.append(("free", result, True))
        rpe = int(clamp(round(7 + rng.gauss(0, 0.7)), 1, 10)) if cycle else rng.randint(4, 6)
        return self.writer.write(
            discipline="music",
            kind="performance",
            started_at=utc(day, 19, 30),
            local_date=day,
            segments=segments,
            stops=stops,
            intentions=intentions,
            reflections=reflections[:3],
            tags=["from memory"],
            extra_s=20 * 60.0 if cycle else 5 * 60.0,
            title=name,
            gear=self.world.instrument_gear if self.world.instrument == "violin" else None,
            **self._ratings(state, ready, rpe, stops),
        )

    def off_instrument(self, day: date, state: DayState, minutes: int) -> dict:
        rng = self.rng
        period = self.world.period(day)
        piece = rng.choice(period.pieces)
        passage = rng.choice(piece.passages)
        label = rng.choice(
            (
                f"Score study: {piece.spec.title}",
                f"Listening: recordings of {piece.spec.title}",
                f"Mental practice: {passage.label} (bars {passage.bars})",
            )
        )
        segments = [Segment(label, minutes * 60.0)]
        place_and_cut(rng, [], segments)
        cue, focus = self._cue(day)
        slots = self._slots(day, passage, passage.level(), cue)
        intentions = [
            (
                f"Know bars {passage.bars} well enough to hum them",
                focus,
                outcome(rng, state.readiness, 0.05, []),
            )
        ]
        reflections = (
            choose_reflections(rng, text.REFLECTIONS_MUSIC, slots, "achieved", 0.1)[:1]
            if rng.random() < 0.4
            else []
        )
        return self.writer.write(
            discipline="music",
            kind="off_instrument",
            started_at=utc(day, 21, 15),
            local_date=day,
            segments=segments,
            stops=[],
            intentions=intentions,
            reflections=reflections,
            tags=[],
            title=label.split(":")[0],
            **self._ratings(state, state.readiness, rng.randint(1, 2), []),
        )
