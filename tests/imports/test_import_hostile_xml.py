"""Hostile XML (entity bombs, external entities, external DTDs) is refused quickly, with memory
bounded by the file's size, at every layer: the sniffing, the defusedxml screen, the parsers."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from imports_helpers import HOSTILE, dump

from cadence.services.imports import Outcome, import_paths
from cadence.services.imports.common import Refused
from cadence.services.imports.gpx import parse_gpx
from cadence.services.imports.safe_xml import decode_xml, parse_tree, screen
from cadence.services.imports.tcx import parse_tcx

HOSTILE_FILES = sorted(HOSTILE.iterdir())
MEMORY_BOUND = 8 * 1024 * 1024  # a billion laughs would need gigabytes


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=[p.name for p in HOSTILE_FILES])
def test_hostile_file_is_refused_through_the_batch(journal: Path, path: Path) -> None:
    before = dump()
    tracemalloc.start()
    try:
        summary = import_paths([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    result = summary.results[0]
    assert result.outcome == Outcome.REFUSED
    assert path.name in result.message and "DTD" in result.message
    assert peak < MEMORY_BOUND
    assert dump() == before
    assert "root:" not in result.message  # nothing of /etc/passwd leaks into the message


@pytest.mark.parametrize("path", HOSTILE_FILES, ids=[p.name for p in HOSTILE_FILES])
def test_the_defusedxml_layer_refuses_on_its_own(path: Path) -> None:
    # Past the sniffing (which already refuses any DOCTYPE), the parsers themselves refuse too.
    data = path.read_bytes()
    parse = parse_gpx if path.suffix == ".gpx" else parse_tcx
    tracemalloc.start()
    try:
        with pytest.raises(Refused, match="DTD"):
            parse(data)
        with pytest.raises(Refused, match="DTD"):
            screen(decode_xml(data))
        with pytest.raises(Refused, match="DTD"):
            parse_tree(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND


def test_a_dtd_after_a_long_comment_is_still_refused(journal: Path, tmp_path: Path) -> None:
    bomb = (HOSTILE / "billion-laughs.gpx").read_text(encoding="utf-8")
    declaration, _, rest = bomb.partition("\n")
    padded = tmp_path / "padded.gpx"
    padded.write_text(f"{declaration}\n<!-- {'x' * 20_000} -->\n{rest}", encoding="utf-8")
    summary = import_paths([padded])
    assert summary.refused == 1 and "DTD" in summary.results[0].message


def test_a_utf16_bomb_is_refused(journal: Path, tmp_path: Path) -> None:
    text = (HOSTILE / "billion-laughs.gpx").read_text(encoding="utf-8")
    wide = tmp_path / "wide.gpx"
    wide.write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    summary = import_paths([wide])
    assert summary.refused == 1 and "DTD" in summary.results[0].message
    with pytest.raises(Refused, match="DTD"):
        parse_gpx(wide.read_bytes())


def test_plain_gpx_in_utf16_still_imports(journal: Path, tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        '<trkpt lat="50.0" lon="6.0"><time>2024-05-01T06:00:00Z</time></trkpt>'
        '<trkpt lat="50.01" lon="6.0"><time>2024-05-01T06:05:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    )
    wide = tmp_path / "wide-ok.gpx"
    wide.write_bytes(text.encode("utf-16"))
    summary = import_paths([wide])
    assert summary.new == 1, summary.lines()


def test_the_gpx_prolog_screen_finds_a_dtd_past_comments_and_instructions() -> None:
    bomb = (HOSTILE / "billion-laughs.gpx").read_text(encoding="utf-8")
    declaration, _, rest = bomb.partition("\n")
    # A comment that holds "<gpx>" text, a processing instruction, and 100 kB before the DTD.
    padded = f"{declaration}\n<!-- <gpx> {'x' * 100_000} -->\n<?style a?>\n{rest}"
    tracemalloc.start()
    try:
        with pytest.raises(Refused, match="DTD"):
            parse_gpx(padded.encode("utf-8"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND


def test_a_dtd_after_the_gpx_root_is_refused_unexpanded() -> None:
    # Past the prolog a DOCTYPE is a syntax error: the parser stops there, before any expansion.
    bomb = (HOSTILE / "billion-laughs.gpx").read_text(encoding="utf-8")
    declaration, _, rest = bomb.partition("\n")
    dtd, _, body = rest.partition("<gpx")
    moved = f"{declaration}\n<gpx{body.replace('>', '>' + dtd, 1)}"
    assert moved.index("<!DOCTYPE") > moved.index("<gpx")
    tracemalloc.start()
    try:
        with pytest.raises(Refused, match="not well-formed"):
            parse_gpx(moved.encode("utf-8"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND
