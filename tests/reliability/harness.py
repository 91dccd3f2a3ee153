"""What the reliability tests share: the soak switch, child processes, and the figures file.

`make test` runs every test here at a small scale; `CADENCE_SOAK=1` (the `make soak` target) runs
the same tests at a large one. Each test records what it did (trials, faults, inputs, losses) with
`record()`, into build/reliability/figures-test.json or figures-soak.json; docs/reliability.md
quotes the last run. `python -m tests.reliability.harness` prints the figures as a table.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILDREN = Path(__file__).resolve().parent / "children"
SOAK = os.environ.get("CADENCE_SOAK") == "1"
MODE = "soak" if SOAK else "test"
FIGURES = Path(
    os.environ.get(
        "CADENCE_RELIABILITY_FIGURES", ROOT / "build" / "reliability" / f"figures-{MODE}.json"
    )
)


def scale(fast: int, soak: int) -> int:
    """How many trials or examples: few in `make test`, many in `make soak`."""
    return soak if SOAK else fast


def soak_setting(name: str, default: int) -> int:
    """A soak scale the environment may set, `CADENCE_SOAK_<NAME>=N` (e.g. `make soak
    INPUTS=5000` for a shorter run); `default` is the issue's scale."""
    value = os.environ.get(f"CADENCE_SOAK_{name}", "")
    return int(value) if value.strip() else default


# The scale `make soak` runs at: 100,000 fuzzed inputs in all (a fifth per kind of file), and
# kills spread over every write path (the command-line paths below; the others in their tests).
FUZZED_INPUTS = soak_setting("INPUTS", 100_000)
COMMAND_KILLS = soak_setting("COMMAND_KILLS", 50)


def record(name: str, **figures: object) -> None:
    """Keep one test's figures (replacing those of its previous run)."""
    FIGURES.parent.mkdir(parents=True, exist_ok=True)
    data = json.loads(FIGURES.read_text(encoding="utf-8")) if FIGURES.exists() else {}
    data[name] = {"mode": MODE, "at": datetime.now(UTC).isoformat(timespec="seconds"), **figures}
    FIGURES.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), str(ROOT / "src"), env.get("PYTHONPATH", "")) if p
    )
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def spawn(
    script: str, *args: str, env: dict[str, str] | None = None, talk: bool = False
) -> subprocess.Popen[str]:
    """Start `children/<script>` with this interpreter; its stdout is a line-buffered pipe, and
    so is its stdin if `talk`."""
    return subprocess.Popen(
        [sys.executable, str(CHILDREN / script), *args],
        cwd=ROOT,
        env=env or child_env(),
        stdin=subprocess.PIPE if talk else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


def wait_for_line(proc: subprocess.Popen[str], wanted: str, timeout: float) -> list[str]:
    """Read lines until one equals `wanted`; returns the lines read before it. Fails on timeout
    or if the child ends first (with its stderr in the message)."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the child did not print {wanted!r} within {timeout} s")
            if not selector.select(left):
                continue
            line = proc.stdout.readline()
            if not line:
                _, err = proc.communicate()
                raise AssertionError(f"the child ended before printing {wanted!r}:\n{err}")
            if line.rstrip("\n") == wanted:
                return lines
            lines.append(line.rstrip("\n"))


def kill_and_collect(proc: subprocess.Popen[str]) -> tuple[list[str], str]:
    """SIGKILL the child; return the complete lines it had printed, and its stderr."""
    proc.kill()
    out, err = proc.communicate()
    return [line for line in out.split("\n")[:-1]], err


def finish(proc: subprocess.Popen[str], timeout: float) -> tuple[str, str]:
    """Wait for a child that ends by itself; fails with its stderr if it did not succeed."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"the child took longer than {timeout} s:\n{err}") from None
    assert proc.returncode == 0, f"the child failed ({proc.returncode}):\n{err}"
    return out, err


def table(path: Path = FIGURES) -> str:
    """The figures as a Markdown table (name, then each figure)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = ["| test | figures |", "|---|---|"]
    for name, figures in sorted(data.items()):
        shown = ", ".join(f"{k}: {v}" for k, v in figures.items() if k not in ("mode", "at"))
        rows.append(f"| {name} ({figures['mode']}, {figures['at']}) | {shown} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(table(Path(sys.argv[1]) if len(sys.argv) > 1 else FIGURES) + "\n")
