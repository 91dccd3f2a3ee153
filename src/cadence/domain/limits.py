"""What counts as a believable value. Shared by validation and the importers' cleaning."""

MAX_SESSION_S = 36 * 3600  # longer than the longest ultra finishers take; beyond is a device error
MAX_RUN_DISTANCE_M = 500_000.0
MIN_HR, MAX_HR = 25, 250
MIN_BPM, MAX_BPM = 10.0, 400.0
MIN_PACE_S_PER_KM, MAX_PACE_S_PER_KM = (
    100.0,
    3600.0,
)  # 1:40/km (faster than world records) .. 60:00/km
MAX_INTENTIONS = 3
MAX_REPS = 10_000
