"""Bringing runs and practice in from devices, services and spreadsheets.

The one entry point is `import_paths`; the UI runs it in a worker thread with a progress callback
and a cancel check. See docs/imports.md for what each format brings and the rules for bad input.

Names are loaded on first use (PEP 562): the parsers (fitdecode, gpxpy) cost a tenth of a second
to import, and every start of `cadence` lists the commands, this one included.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cadence.services.imports.batch import import_item, import_paths
    from cadence.services.imports.common import (
        ImportProgress,
        ImportSummary,
        ItemResult,
        Outcome,
        Refused,
        Skipped,
    )
    from cadence.services.imports.music_csv import FIELDS as CSV_FIELDS
    from cadence.services.imports.music_csv import (
        CsvMapping,
        guess_mapping,
        parse_music_csv,
        read_header,
    )

_WHERE = {
    "import_item": "batch",
    "import_paths": "batch",
    "ImportProgress": "common",
    "ImportSummary": "common",
    "ItemResult": "common",
    "Outcome": "common",
    "Refused": "common",
    "Skipped": "common",
    "CSV_FIELDS": "music_csv",
    "CsvMapping": "music_csv",
    "guess_mapping": "music_csv",
    "parse_music_csv": "music_csv",
    "read_header": "music_csv",
}
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


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = import_module(f"{__name__}.{_WHERE[name]}")
    value = getattr(module, "FIELDS" if name == "CSV_FIELDS" else name)
    globals()[name] = value
    return value
