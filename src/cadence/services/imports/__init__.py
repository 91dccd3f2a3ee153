"""Bringing runs and practice in from devices, services and spreadsheets.

The one entry point is `import_paths`; the UI runs it in a worker thread with a progress callback
and a cancel check. See docs/imports.md for what each format brings and the rules for bad input.
"""

from cadence.services.imports.batch import import_item, import_paths
from cadence.services.imports.common import (
    ImportProgress,
    ImportSummary,
    ItemResult,
    Outcome,
    Refused,
    Skipped,
)
from cadence.services.imports.music_csv import (
    FIELDS as CSV_FIELDS,
)
from cadence.services.imports.music_csv import (
    CsvMapping,
    guess_mapping,
    parse_music_csv,
    read_header,
)

__all__ = [
    "CSV_FIELDS",
    "CsvMapping",
    "ImportProgress",
    "ImportSummary",
    "ItemResult",
    "Outcome",
    "Refused",
    "Skipped",
    "guess_mapping",
    "import_item",
    "import_paths",
    "parse_music_csv",
    "read_header",
]
