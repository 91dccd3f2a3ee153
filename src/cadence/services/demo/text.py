"""Phrase banks and repertoire for the demo journal (see demo.py).

Templates use str.format slots: {bars}, {bpm}, {passage}, {piece}, {reps}, {clean}, {cue}, {body},
{pace}, {km}, {teacher}, {place}, {exercise}, {n}, {dist}. Every slot a template names is filled.
"""

from __future__ import annotations

from typing import NamedTuple


class PieceSpec(NamedTuple):
    title: str
    composer: str
    target_bpm: int
    passages: tuple[tuple[str, int, int], ...]  # (label, first bar, last bar)


PIANO_PIECES: tuple[PieceSpec, ...] = (
    PieceSpec(
        "Prelude in C minor, BWV 847",
        "J. S. Bach",
        132,
        (("Opening pattern", 1, 12), ("Pedal point", 13, 24), ("Presto", 28, 33)),
    ),
    PieceSpec(
        "Waltz in C-sharp minor, Op. 64 No. 2",
        "F. Chopin",
        152,
        (("Opening", 1, 32), ("Più mosso runs", 33, 64), ("Sostenuto", 65, 96)),
    ),
    PieceSpec(
        "Arabesque No. 1",
        "C. Debussy",
        108,
        (("Opening triplets", 1, 16), ("Tempo rubato", 39, 62), ("Return", 71, 88)),
    ),
    PieceSpec(
        "Sonata Op. 13, Rondo",
        "L. van Beethoven",
        132,
        (
            ("Rondo theme", 1, 17),
            ("Triplet episode", 25, 43),
            ("C-minor episode", 79, 107),
            ("Coda", 182, 210),
        ),
    ),
    PieceSpec(
        "Impromptu in E-flat, D. 899 No. 2",
        "F. Schubert",
        168,
        (("Triplet runs", 1, 24), ("B-minor section", 83, 128), ("Coda", 263, 288)),
    ),
    PieceSpec(
        "Sonata in C, K. 545, Allegro",
        "W. A. Mozart",
        132,
        (("Alberti opening", 1, 12), ("Scale passages", 10, 13), ("Development", 29, 41)),
    ),
    PieceSpec(
        "Sonata in D minor, K. 141",
        "D. Scarlatti",
        144,
        (("Repeated notes", 1, 22), ("Hand crossings", 45, 70), ("Final pages", 96, 128)),
    ),
    PieceSpec(
        "Wedding Day at Troldhaugen",
        "E. Grieg",
        120,
        (("March opening", 1, 24), ("Chord leaps", 25, 52), ("Quiet middle", 85, 120)),
    ),
    PieceSpec(
        "Prelude in G minor, Op. 23 No. 5",
        "S. Rachmaninoff",
        112,
        (("March rhythm", 1, 16), ("Left-hand arpeggios", 17, 34), ("Climax", 50, 53)),
    ),
    PieceSpec(
        "Song without Words, Op. 19 No. 1",
        "F. Mendelssohn",
        88,
        (("Melody over arpeggios", 1, 15), ("Middle climax", 26, 35)),
    ),
    PieceSpec(
        "Toccata in E minor, BWV 914, Fugue",
        "J. S. Bach",
        120,
        (("Exposition", 1, 20), ("Episode in G", 35, 52), ("Last entries", 80, 100)),
    ),
)

VIOLIN_PIECES: tuple[PieceSpec, ...] = (
    PieceSpec(
        "Partita No. 3, Preludio",
        "J. S. Bach",
        132,
        (("Opening run", 1, 12), ("Bariolage", 13, 28), ("Sequence in E", 43, 58)),
    ),
    PieceSpec(
        "Concerto No. 3 in G, K. 216, Allegro",
        "W. A. Mozart",
        126,
        (("First solo", 38, 60), ("Triplet runs", 73, 92), ("Development", 110, 134)),
    ),
    PieceSpec(
        "Concerto No. 1, Finale",
        "M. Bruch",
        132,
        (("Double-stop theme", 1, 30), ("Second theme", 57, 80), ("Presto", 300, 340)),
    ),
    PieceSpec(
        "Praeludium and Allegro",
        "F. Kreisler",
        132,
        (("Praeludium chords", 1, 20), ("Allegro runs", 40, 68), ("Final page", 110, 139)),
    ),
    PieceSpec(
        "Méditation from Thaïs",
        "J. Massenet",
        58,
        (("Opening melody", 1, 20), ("Animato climax", 31, 45), ("Harmonic ending", 60, 68)),
    ),
    PieceSpec(
        "Csárdás",
        "V. Monti",
        144,
        (("Lento opening", 1, 17), ("Friss runs", 46, 69), ("Harmonics", 70, 85)),
    ),
    PieceSpec(
        "Concerto in A minor, RV 356, Allegro",
        "A. Vivaldi",
        126,
        (("Opening solo", 1, 16), ("String crossings", 20, 35), ("Final solo", 58, 75)),
    ),
    PieceSpec(
        "Romance in F, Op. 50",
        "L. van Beethoven",
        76,
        (("Theme", 1, 16), ("Minor episode", 33, 48), ("Ornamented return", 65, 80)),
    ),
    PieceSpec(
        "Sonatina in G, Op. 100, Allegro",
        "A. Dvořák",
        120,
        (("Opening", 1, 24), ("Dotted rhythms", 25, 48), ("Coda", 90, 112)),
    ),
    PieceSpec(
        "Partita No. 2, Gigue", "J. S. Bach", 120, (("First half", 1, 20), ("Second half", 21, 40))
    ),
    PieceSpec("Salut d'amour", "E. Elgar", 66, (("Theme", 1, 24), ("High position", 25, 40))),
)

INSTRUMENTS = {
    "piano": {
        "gear": "Upright piano (Yamaha U1, 1987)",
        "teacher": "Marta",
        "pieces": PIANO_PIECES,
        "technique": (
            "Scales, 4 octaves, hands together",
            "Arpeggios in contrary motion",
            "Hanon 1-5",
            "Czerny Op. 299 No. 1",
            "Chromatic scale, hands together",
            "Broken chords in all keys",
            "Octave staccato",
            "Trill exercise, fingers 3-4",
        ),
        "cues": (
            "relaxed shoulders",
            "loose wrists",
            "thumb under without a bump",
            "even semiquavers",
            "no accent on the thumb",
            "listen to the bass line",
            "breathe at the phrase ends",
            "weight from the arm, not the fingers",
            "keep the pedal clean",
            "quiet hands on the leaps",
        ),
        "body": ("wrists", "arms", "shoulders", "neck", "back", "hands"),
    },
    "violin": {
        "gear": "Violin (Mittenwald, c. 1920) and pernambuco bow",
        "teacher": "Ilse",
        "pieces": VIOLIN_PIECES,
        "technique": (
            "Flesch scales, 3 octaves",
            "Ševčík Op. 1 No. 1",
            "Schradieck No. 1",
            "Kreutzer No. 2, bowings",
            "Shifting 1st to 5th position",
            "Double stops in thirds",
            "Long tones on open strings",
            "Spiccato on one string",
        ),
        "cues": (
            "relaxed shoulders",
            "soft left thumb",
            "bow close to the bridge",
            "keep the left-hand frame",
            "even bow speed",
            "land the shifts in tune",
            "breathe at the phrase ends",
            "loose jaw, no clamping",
            "slow bow, full sound",
            "listen for the ringing notes",
        ),
        "body": ("neck", "shoulders", "hands", "wrists", "arms", "back"),
    },
}

RUN_CUES = (
    "relaxed shoulders",
    "quick light feet",
    "even splits",
    "easy means easy, HR under 150",
    "run tall on the hills",
    "breathe low and slow",
    "arms low and loose",
    "no racing the watch",
)
REP_CUES = ("stay present in each rep", "hold form in the last rep", "same effort every rep")
RUN_BODY = ("calves", "knees", "hips", "feet", "ankles", "back", "breath")
PLACES = (
    "the river loop",
    "the park",
    "the canal path",
    "the hill route",
    "the track",
    "the forest trail",
    "the harbour",
    "the old railway line",
)

TECHNIQUE_INTENTIONS = (
    "{exercise} at ♩={bpm}, {cue}",
    "{exercise}: three clean rounds, {cue}",
)
PASSAGE_INTENTIONS = (
    "bars {bars} at ♩={bpm}, {cue}",
    "{passage} (bars {bars}) clean at ♩={bpm}, {cue}",
    "bars {bars}: slow, then up to ♩={bpm}, {cue}",
    "{piece}, bars {bars} at ♩={bpm}: {cue}",
)
RUN_THROUGH_INTENTIONS = (
    "Play {piece} through without stopping, {cue}",
    "Record a run-through of {piece} and listen back",
    "{piece} from memory, {cue}",
)
GENERAL_MUSIC_INTENTIONS = (
    "Let wrong notes go: no restarts mid-phrase",
    "Stop at the first sign of tension",
    "Three clean reps, then move on",
    "Practise the hard bars first, while fresh",
    "Stay with the sound, not the clock",
)
LESSON_INTENTIONS = (
    "Ask {teacher} about the fingering in bars {bars}",
    "Play {piece} for {teacher} and take notes",
    "Ask {teacher} how to practise bars {bars} faster",
)
RUN_INTENTIONS = {
    "easy": ("Easy {km} km, {cue}", "{km} km around {place}, {cue}", "Keep it easy: {cue}"),
    "recovery": ("Very easy {km} km, {cue}", "Shake out the legs, {cue}"),
    "long": (
        "{km} km long run, {cue}",
        "Long run: last 3 km at marathon pace, {cue}",
        "{km} km, fuel every 30 minutes",
    ),
    "tempo": ("{km} km at {pace}/km, {cue}", "Tempo {km} km, {cue}"),
    "intervals": ("{n}×{dist} m at {pace}/km, {cue}", "{n}×{dist} m: even reps, {cue}"),
    "race": ("Run {race} at {pace}/km, {cue}", "{race}: start slow, finish strong"),
    "strength_mobility": ("Core and calves, slow and controlled", "Hip mobility, 20 minutes"),
}

MUSIC_FOCUS = (  # (title, measure, the cue an intention names)
    (
        "Relaxed shoulders at fast tempi",
        "Shoulder check after every rep; no tension at ♩≥100",
        "relaxed shoulders",
    ),
    (
        "Clean tempo before fast tempo",
        "Three clean reps before raising the metronome",
        "three clean reps before going faster",
    ),
    ("Let wrong notes go", "No restarts in a run-through", "no restarts"),
    ("Even rhythm in fast runs", "Record once a week, count uneven notes", "even rhythm"),
    ("Memorise the recital programme", "Play each piece from memory twice a week", "from memory"),
    (
        "Practise with a clear start and end",
        "Every session names its bars and tempo",
        "a clear start and end",
    ),
)
RUN_FOCUS = (
    ("Easy runs truly easy", "Average HR under 150 on easy days", "easy means easy"),
    ("Hold form in the last rep", "Last rep within 3 s of the first", "hold form in the last rep"),
    ("Quicker, lighter steps", "Cadence around 175 steps per minute", "quick light feet"),
    ("Negative splits on long runs", "Second half faster than the first", "negative split"),
    ("Strength twice a week", "Calves, hips and core, 20 minutes", "strong hips"),
)
SHARED_FOCUS = (
    (
        "Never just one more",
        "Stop when form or focus goes, and write down why",
        "stop when form goes",
    ),
    (
        "Some is better than none",
        "Something on five days a week, even ten minutes",
        "some is better than none",
    ),
    ("Stay present", "One cue per session, checked at each rep", "stay present"),
)

REFLECTIONS_MUSIC = {
    "went_well": (
        "Bars {bars} finally sat at ♩={bpm}. {clean} clean out of {reps}.",
        "The {passage} felt easy for the first time. Shoulders stayed down.",
        "Good focus for the first forty minutes; the slow practice paid off.",
        "I heard the bass line in {piece} today, not just the tune.",
        "Started with the hardest bars while fresh. Worth it.",
        "{clean} of {reps} clean at ♩={bpm}, and it felt musical, not mechanical.",
        "Played the {passage} with my eyes closed. It's in the hands now.",
        "Short session but a real one: one passage, one cue, done.",
    ),
    "let_go": (
        "Smudged the run in bar {bar} twice. Moved on.",
        "A memory slip in the {passage}. It happens; played on.",
        "Wrong notes in the left hand at ♩={bpm}; that's information, not a verdict.",
        "Got annoyed with the {passage}. Put it down and came back later.",
        "The recording sounded rushed. Fine, now I know.",
        "Missed the shift in bar {bar} every time today. Tomorrow is another day.",
    ),
    "to_improve": (
        "{cue_cap}: I lose it as soon as the metronome goes past ♩={bpm}.",
        "Too many restarts. Next time play through and mark the spots.",
        "The {passage} is still uneven; slower, with rhythms.",
        "Tension crept into my {body} in the last ten minutes.",
        "I practised what I can already play. Start with bars {bars} next time.",
    ),
    "next_time": (
        "Bars {bars} at ♩={bpm}, then up by four.",
        "Start with the {passage}, hands separately.",
        "Run-through of {piece} first, then fix the two worst spots.",
        "Ten minutes of {exercise} before the pieces.",
        "Record the {passage} and listen before practising it.",
    ),
    "free": (
        "Tired after work but glad I sat down. The first five minutes are the hardest.",
        "Rain outside, lamp on, {piece}. A good evening.",
        "Noticed I hold my breath in the {passage}. Breathing out on the downbeat helps.",
        "The neighbours asked about the {passage}. They liked it.",
        "Read about slow practice: 'slow enough to be perfect, then a notch faster'.",
    ),
}
# Running reflections by kind of run: "steady" (easy, recovery, long) and "fast" (tempo, intervals,
# races), so a long run is not praised for its reps.
REFLECTIONS_RUN = {
    "steady": {
        "went_well": (
            "Easy really was easy today. Conversational all the way round {place}.",
            "Fuelled every 30 minutes and the last 5 km felt strong.",
            "Quick light feet on the hills. Cadence felt right.",
            "Beautiful morning at {place}. Legs fresh.",
            "Even pace, {pace}/km without looking at the watch much.",
        ),
        "let_go": (
            "Missed the planned last kilometre. Fine.",
            "Headwind on the way back; ignored the pace.",
            "Heavy legs from the start. Some days are like that.",
        ),
        "to_improve": (
            "Started too fast again; the first kilometre should be the slowest.",
            "{body_cap} tight after {km} km. More mobility work.",
            "Easy pace crept up to {pace}/km. Slow down on easy days.",
        ),
        "next_time": (
            "Start the long run slower and finish faster.",
            "Easy {km} km, HR under 150, no watch-checking.",
            "Take a gel on the long run, not just water.",
        ),
        "free": (
            "Ran before work in the dark. Headlamp, frost, nobody else out.",
            "Saw a heron at {place}. Stopped the watch for it.",
            "Music in my head the whole run: the {passage} in running rhythm.",
            "The club was out in force today. Chatted for the first {km} km.",
        ),
    },
    "fast": {
        "went_well": (
            "Even splits, {pace}/km without forcing it.",
            "Stayed present in every rep; the last one was the best.",
            "Relaxed at speed for once. Shoulders down, arms low.",
        ),
        "let_go": (
            "Rep {n} was slow. It's one rep.",
            "Watch said {pace}/km, legs said otherwise. Let it go.",
            "Went out too hard on the first one; settled after that.",
        ),
        "to_improve": (
            "Form fell apart late: shoulders up, short steps.",
            "{body_cap} tight in the last reps. More mobility work.",
            "Too fast early, too slow late. Even effort next time.",
        ),
        "next_time": (
            "{n}×{dist} m, hold {pace}/km and stop if form goes.",
            "Warm up properly before the reps: 2 km plus strides.",
            "Same session, same pace, but calmer breathing.",
        ),
        "free": (
            "Track to myself this morning. Just the sound of my steps.",
            "Music in my head between the reps: the {passage} at ♩=180.",
        ),
    },
}
DAY_TEXT = {
    "rest": (
        "Rest day. Walked to the market, read in the evening.",
        "No training today, on purpose. Legs grateful.",
        "Rest. Cooked a big pot of soup; early night.",
        "Day off from everything. Listened to the recital pieces instead of playing them.",
        "Stretched for ten minutes and left it there.",
        "Rest day, but my head kept playing bars {bars}.",
        "Busy at work; no practice, no run. Some is better than none, but none is fine sometimes.",
    ),
    "training_both": (
        "Good day: ran in the morning, practised in the evening.",
        "Long day at work, but got both in.",
        "Run and practice on the same day; the practice was the better of the two.",
    ),
    "training": (
        "Short and focused. That's enough.",
        "Work was hectic; the session was the calm part of the day.",
        "Energy high, mood good. Weather helped.",
        "A good, ordinary day. Did the work, no drama.",
    ),
    "training_low": (
        "Felt slow all day. Slept badly.",
        "Legs heavy from yesterday.",
        "Flat today. Did the session anyway, kept it short.",
    ),
    "ill": (
        "Cold. Stayed in, tea and honey.",
        "Fever this morning. No training until it's gone.",
        "Still coughing. Another rest day.",
        "Stomach bug. Slept most of the day.",
    ),
    "holiday": (
        "Holiday: walked by the sea, no piano for days.",
        "Travelling. A short run along the coast.",
        "Holiday. Listening to music instead of practising it.",
        "Mountains. Hiked 15 km; that counts as training.",
    ),
    "event_eve": (
        "Nervous about tomorrow. Laid out everything tonight.",
        "Tomorrow is the day. Early night.",
    ),
    "event": (
        "Today: {event}. {result}",
        "{event} done. {result}",
    ),
}
WEEK_REFLECTIONS = (
    "Five days with something, two full rests. That's the rhythm I want.",
    "The week was patchy, but every session had an intention. Better than a long list.",
    "Hard runs on Tuesday and Thursday made Wednesday's practice scattered. Move the piano to the morning?",
    "Best week in a while: slept well, trained well, played well.",
    "Noticed I stop late rather than early. Next week: stop at the first sign.",
    "Too much, too soon. Next week easier.",
)
STOP_NOTES = {
    "form": (
        "Form went; stopped while it was still good.",
        "Sloppy reps, no point repeating them.",
    ),
    "pain": ("Twinge, stopped to be safe.", "Sharp pain, not the good kind."),
    "mind": ("Mind wandering; playing on autopilot.", "Couldn't stay present any more."),
    "frustration": ("Getting annoyed, walked away.", "Frustrated with the same mistake."),
    "time": ("Out of time.", "Had to leave for work."),
    "planned": ("Planned end, stopped on time.", "Stopped at the planned point, with some left."),
}
PUSHED_ON_NOTES = (
    "Pushed on. Probably shouldn't have.",
    "Pushed through it; felt fine later.",
    "Kept going, but noted it.",
)
SESSION_NOTES_MUSIC = (
    "Metronome ladder:\n\n- ♩={low}: clean\n- ♩={mid}: mostly clean\n- ♩={bpm}: two slips",
    "**Fingering change** in bar {bar}: 3-1 instead of 2-1.",
    "Practised with *rhythms* (long-short, short-long), then straight.",
)
SESSION_NOTES_RUN = (
    "Route: {place}. Wind from the west.",
    "**Splits** were even; last km fastest.",
    "Shoes: second run in the new pair, fine so far.",
)
SHOES = (
    "Brooks Ghost (blue)",
    "ASICS Novablast (grey)",
    "Saucony Ride (black)",
    "Hoka Clifton (white)",
    "New Balance 880 (navy)",
    "Nike Pegasus (red)",
    "Mizuno Wave Rider (green)",
)
RACERS = ("Saucony Endorphin Speed", "Nike Vaporfly", "ASICS Metaspeed", "Adidas Adizero")
TAGS = (
    "metronome",
    "recorded",
    "morning",
    "evening",
    "treadmill",
    "trail",
    "with club",
    "holiday",
    "heat",
    "rain",
    "from memory",
)
TEMPLATES = (
    (
        "music",
        "Practice",
        (
            ("went_well", "What went well?"),
            ("let_go", "Which wrong notes did you let go?"),
            ("to_improve", "What needs work?"),
            ("next_time", "Next time I will..."),
        ),
    ),
    (
        "running",
        "Run",
        (
            ("went_well", "What went well?"),
            ("to_improve", "What would you change?"),
            ("next_time", "Next run I will..."),
        ),
    ),
)


# --- goal events: what they will demand and why they matter ---------------------------------------


def race_demands(distance_m: float) -> list[dict[str, str]]:
    km = distance_m / 1000
    return [
        {"aspect": "Distance", "text": f"{km:g} km, the last quarter alone"},
        {"aspect": "Terrain", "text": "Tarmac, two cobbled stretches by the river"},
        {
            "aspect": "Climb",
            "text": "One long drag in the last third",
            "rehearse": "Finish a long run up the park hill",
        },
        {
            "aspect": "Start time",
            "text": "9:00: breakfast at 6:00, as on long-run days",
            "rehearse": "A long run at 9:00 after the race breakfast",
        },
    ]


RECITAL_DEMANDS = [
    {"aspect": "Programme", "text": "In order: the Bach first, the study last, 25 minutes"},
    {
        "aspect": "Instrument / hall",
        "text": "The school's grand: a heavier action than at home",
        "rehearse": "A run-through on the school's piano",
    },
    {
        "aspect": "Audience",
        "text": "Family, friends and the other students, about forty",
        "rehearse": "Play the programme for two friends, no stopping",
    },
    {"aspect": "Time of day", "text": "Saturday, 7 pm"},
]

RACE_MOTIVATORS = [
    {"kind": "intrinsic", "text": "To run the last part strong instead of hanging on"},
    {"kind": "extrinsic", "text": "A time to beat from last year"},
]

RECITAL_MOTIVATORS = [
    {"kind": "intrinsic", "text": "To play the slow movement the way I hear it"},
    {"kind": "extrinsic", "text": "My teacher put me on the programme"},
]

# --- weekly reviews: (what went well, what was learned, what next week is for) --------------------

REVIEW_WEEKS = 8
REVIEWS = (
    (
        "Something on six days, even the busy Wednesday",
        "Ten slow minutes before breakfast stick better than forty tired ones at night",
        "Keep the easy run easy the day after intervals",
    ),
    (
        "Stopped the long run when my form went, and did not mind",
        "Hands-apart work on the hard bars pays off by the third day",
        "Record one run-through and listen once, not five times",
    ),
    (
        "The new passage is up to tempo with clean reps",
        "Tired legs make for a scattered practice; plan the easy piece after a hard run",
        "Two rest days, properly",
    ),
    (
        "Enjoyed every run this week",
        "Writing the intention first changes what I do in the first ten minutes",
        "Start the week with the hardest passage while fresh",
    ),
)
