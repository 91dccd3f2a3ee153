"""What the benchmarks share: demo journals made by `cadence demo` (cached), private working
copies of them, an environment that keeps child processes away from the user's own files, and
the timing helpers.

The cache lives in `tmp/cache/` at the top of the repository (or $CADENCE_BENCH_CACHE). A journal
is keyed by years, seed, end date and a digest of the code that shapes it (the demo generator,
the models, the migrations), so a change to the generator or the schema writes a new one instead
of timing a stale file. Benchmarks never touch the cached file: they open a copy.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "cadence"
CACHE_DIR = Path(os.environ.get("CADENCE_BENCH_CACHE", ROOT / "tmp" / "cache"))
SEED = 1
# The code whose changes change the journal `cadence demo` writes.
JOURNAL_SOURCES = ("services/demo/*.py", "store/models.py", "store/migrations.py")


def source_digest() -> str:
    digest = hashlib.sha256()
    for pattern in JOURNAL_SOURCES:
        for path in sorted(SRC.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def journal_key(years: float, seed: int, end: date) -> str:
    return f"demo-{years:g}y-seed{seed}-{end.isoformat()}-{source_digest()}"


def demo_journal(years: float, seed: int = SEED, end: date | None = None) -> Path:
    """The cached demo journal, written by `python -m cadence demo` the first time it is asked for.

    The file is written under a temporary name and renamed once the command has succeeded, so an
    interrupted run never leaves a half-made journal in the cache.
    """
    end = end or date.today()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    target = CACHE_DIR / f"{journal_key(years, seed, end)}.sqlite"
    if target.exists():
        return target
    partial = target.with_name(target.stem + ".partial.sqlite")
    _remove_sqlite(partial)
    command = [sys.executable, "-m", "cadence", "demo", "--years", f"{years:g}"]
    command += ["--seed", str(seed), "--end", end.isoformat(), "--db", str(partial)]
    done = subprocess.run(command, capture_output=True, text=True, env=child_env(None))
    if done.returncode != 0:
        _remove_sqlite(partial)
        raise RuntimeError(f"`cadence demo` failed ({done.returncode}): {done.stderr.strip()}")
    for suffix in ("-wal", "-shm"):  # the command closed the journal: these are empty or gone
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    os.replace(partial, target)
    prune_cache(f"demo-{years:g}y-seed{seed}-", keep=target)
    return target


def prune_cache(prefix: str, keep: Path) -> None:
    """Remove the cached journals of this kind that `keep` replaces (an older day or code)."""
    for path in CACHE_DIR.glob(f"{prefix}*.sqlite"):
        if path != keep and ".partial" not in path.name:
            _remove_sqlite(path)


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def working_copy(source: Path, folder: Path, name: str | None = None) -> Path:
    """A private copy of a cached journal in `folder` (benchmarks may write to it)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    _remove_sqlite(target)
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    return target


def session_count(path: Path) -> int:
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM session").fetchone()[0])
    finally:
        connection.close()


def compile_sources() -> None:
    """Write the bytecode of Cadence's modules before anything is timed.

    An installed Cadence (a wheel, the packaged app) starts from compiled modules, as PySide6 and
    pyqtgraph in the floor do. A checkout run with PYTHONDONTWRITEBYTECODE set (or after an edit)
    has none or stale ones, and every child would then compile ~50 modules at start-up: 80 ms or
    more of the app's figure that no user pays. `compileall` writes them even when that variable
    is set; unchanged modules are skipped, so this costs nothing on a second run."""
    import compileall

    compileall.compile_dir(str(SRC), quiet=2)


def child_env(home: Path | None) -> dict[str, str]:
    """The environment for a child process: offscreen Qt, and, given `home`, the data, config,
    state and runtime folders inside it, so window settings, logs, the single-instance lock and
    the demo's default file never touch the user's own (the font cache is left shared)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("CADENCE_DB", None)
    if home is not None:
        for variable, folder in (
            ("XDG_DATA_HOME", "data"),
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_STATE_HOME", "state"),
            ("XDG_RUNTIME_DIR", "runtime"),
        ):
            path = home / folder
            path.mkdir(parents=True, exist_ok=True)
            os.chmod(path, 0o700)
            env[variable] = str(path)
    return env


@dataclass(frozen=True)
class Figure:
    """One measurement against its floor, both in milliseconds (or both in MB for memory)."""

    value: float
    floor: float
    unit: str = "ms"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor > 0 else float("inf")

    def as_dict(self) -> dict[str, float | str]:
        return {
            "value": round(self.value, 3),
            "floor": round(self.floor, 3),
            "unit": self.unit,
            "ratio": round(self.ratio, 3),
            "note": self.note,
        }


@dataclass
class PartResult:
    """What one benchmark part found: rows of figures by column ("1y", "10y", "30y", "100k"),
    and details (the steps behind a figure) for results.json and the docs."""

    rows: dict[str, dict[str, Figure]] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)

    def add(self, row: str, column: str, figure: Figure) -> None:
        self.rows.setdefault(row, {})[column] = figure


def column_name(years: float) -> str:
    return f"{years:g}y"


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def interleaved_medians(jobs: dict[str, Callable[[], float]], repeat: int) -> dict[str, float]:
    """Each job returns the time it measured; the jobs run in turns (a, b, a, b, ...) so that
    what else the machine does slows them alike, and the median of each is returned."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, job in jobs.items():
            times[name].append(job())
    return {name: median(values) for name, values in times.items()}


def stopwatch_ms(job: Callable[[], object]) -> float:
    started = time.perf_counter()
    job()
    return (time.perf_counter() - started) * 1000


def machine_load() -> str:
    """The load average and core count, for the record (other work slows both sides)."""
    cores = os.cpu_count() or 0
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return f"{cores} cores"
    return f"{cores} cores, load average {one:.2f} (1 min), {five:.2f} (5 min)"


def columns_of(rows: dict[str, dict[str, dict]]) -> list[str]:
    seen: list[str] = []
    for columns in rows.values():
        seen += [c for c in columns if c not in seen]
    years = sorted((c for c in seen if c.endswith("y")), key=lambda c: float(c[:-1]))
    return years + [c for c in seen if not c.endswith("y")]


def table(results: dict) -> str:
    """The ratios, one row per figure, one column per journal; then what they are made of."""
    rows = results["rows"]
    columns = columns_of(rows)
    width = max([len(r) for r in rows] + [20])
    lines = [f"{'ratio to its floor':{width}}" + "".join(f"{c:>9}" for c in columns)]
    for row, cells in rows.items():
        text = "".join(f"{cells[c]['ratio']:>8.2f}x" if c in cells else f"{'':>9}" for c in columns)
        lines.append(f"{row:{width}}{text}")
    lines += ["", f"{'value / floor':{width}}" + "".join(f"{c:>18}" for c in columns)]
    for row, cells in rows.items():
        text = ""
        for c in columns:
            cell = cells.get(c)
            text += f"{_amount(cell):>18}" if cell else f"{'':>18}"
        lines.append(f"{row:{width}}{text}")
    return "\n".join(lines)


def _amount(cell: dict) -> str:
    unit = cell["unit"]
    return (
        f"{cell['value']:.0f}/{cell['floor']:.0f} {unit}"
        if cell["floor"] >= 10
        else (f"{cell['value']:.1f}/{cell['floor']:.2f} {unit}")
    )


def details_text(details: dict[str, object]) -> str:
    """Each detail: a list of values, or a small table (step -> column -> value)."""
    lines = []
    for title, value in details.items():
        if not isinstance(value, dict):
            lines.append(f"{title}: {value}")
            continue
        lines.append(f"{title}:")
        nested = [v for v in value.values() if isinstance(v, dict)]
        columns = columns_of(value) if nested and len(nested) == len(value) else []
        if columns:
            lines.append(f"  {'':48}" + "".join(f"{c:>10}" for c in columns))
        for name, item in value.items():
            cells = [item.get(c) for c in columns] if columns else [item]
            lines.append(f"  {name:48}" + "".join(_number(cell) for cell in cells))
    return "\n".join(lines)


def _number(value: object) -> str:
    if value is None:
        return f"{'':>10}"
    return f"{value:10.1f}" if isinstance(value, float | int) else f"  {value}"


def where_text(tab: str, ms: float, stages: dict[str, float]) -> list[str]:
    """A tab over its 50 ms: by how much, and where its switch goes, stage by stage."""
    parts = [f"{name} {value:.1f}" for name, value in stages.items() if name != "total" and value]
    text = (
        f"{tab}: {ms:.1f} ms, {ms - 50:.1f} over; where its switch goes (median CPU ms with "
        f"stage timers on, {stages['total']:.1f} in all): " + ", ".join(parts)
    )
    return textwrap.wrap(text, 96, initial_indent="      ", subsequent_indent="        ")


def goals_text(results: dict) -> str:
    """Issue 19's goals, each with what this run measured beside it (or why it is missing)."""
    rows, details = results["rows"], results["details"]
    lines = [f"{'goals (issue 19)':60}{'measured':>12}   goal"]

    def add(goal: str, measured: str, target: str, met: bool | None) -> None:
        verdict = "" if met is None else ("met" if met else "NOT met")
        lines.append(f"  {goal:58}{measured:>12}   {target:12}{verdict}")

    def cells(row: str) -> dict[str, dict]:
        return rows.get(row, {})

    for row, limit in (
        ("start-up (second start of the day)", 1.1),
        ("start-up, CPU time (second start)", 1.1),
    ):
        for column, cell in cells(row).items():
            add(f"{row}, {column}", f"{cell['ratio']:.2f}x", f"<= {limit}x", cell["ratio"] <= limit)
    for row in ("start-up (second start of the day)", "start-up, CPU time (second start)"):
        found = cells(row)
        if "1y" in found and "30y" in found:
            growth = found["30y"]["value"] / found["1y"]["value"] - 1
            add(f"{row}: 30 years against 1", f"{growth:+.1%}", "<= +5 %", growth <= 0.05)
    memory = cells("peak RSS, every view visited")
    for column, cell in memory.items():
        add(f"peak RSS, every view visited, {column}", f"{cell['ratio']:.2f}x", "<= 1.3x",
            cell["ratio"] <= 1.3)  # fmt: skip
    if "1y" in memory and "30y" in memory:
        grown = memory["30y"]["value"] - memory["1y"]["value"]
        add("peak RSS: 30 years against 1", f"{grown:+.1f} MB", "<= +5 MB", grown <= 5)
    for column, cell in cells("Music table: open").items():
        add(
            f"Music table: open, {column}",
            f"{cell['value']:.1f} ms",
            "<= 50 ms",
            cell["value"] <= 50,
        )
    for column, cell in cells("Music table: open, first after a write").items():
        add(
            f"Music table: open after a write, {column}",
            f"{cell['value']:.1f} ms",
            "<= 50 ms",
            cell["value"] <= 50,
        )
    for title, tabs in details.items():
        if title.startswith("Trends per tab, range -> all years, "):
            column = title.rsplit(", ", 1)[1]
            worst = max(tabs, key=lambda t: tabs[t]["view ms"])
            ms = tabs[worst]["view ms"]
            add(f"every Trends tab, all years, {column} (worst: {worst})", f"{ms:.1f} ms", "<= 50 ms",
                ms <= 50 if column == "30y" else None)  # fmt: skip
            where = details.get(f"Trends, where a switch to all years goes, {column}", {})
            for tab, stages in where.items():
                lines.extend(where_text(tab, tabs[tab]["view ms"], stages))
    first = details.get("first switch to Trends, fresh app (median ms)", {})
    for column, ms in first.items():
        add(f"first switch to Trends, {column}", f"{ms:.0f} ms", "<= 150 ms",
            ms <= 150 if column == "10y" else None)  # fmt: skip
    if len(lines) == 1:
        lines.append("  (none of the parts that measure them ran)")
    return "\n".join(lines)
