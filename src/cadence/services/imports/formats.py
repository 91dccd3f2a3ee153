"""From bytes to parsed runs and plans, whatever the format: un-gzip, sniff, hand to its reader."""

from __future__ import annotations

from cadence.services.imports.common import Parsed
from cadence.services.imports.files import Format, sniff, unpack
from cadence.services.imports.fit import parse_fit
from cadence.services.imports.gpx import parse_gpx
from cadence.services.imports.tcx import parse_tcx

_READERS = {Format.GPX: parse_gpx, Format.TCX: parse_tcx, Format.FIT: parse_fit}


def parse_activity(data: bytes) -> list[Parsed]:
    """The runs (or the planned workout) in a GPX, TCX or FIT file, gzipped or not."""
    data = unpack(data)
    return list(_READERS[sniff(data)](data))
