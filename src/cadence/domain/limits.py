"""What counts as a believable value. Shared by validation and the importers' cleaning."""

from datetime import date

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

# Dates a journal deals in: a date outside these is a typing error (year 1, year 9999), and the
# arithmetic around it (weeks, a year either side) stays far from date's own limits.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
# A range of days with no session in it is drawn at most this long (e.g. the days ahead).
MAX_EMPTY_RANGE_DAYS = 366
