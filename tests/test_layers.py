"""Below ui, no Qt and no pyqtgraph, at run time.

What each module may import (ui -> services -> store -> domain, and the rest) is checked on the
source by the import contracts in pyproject.toml (`lint-imports`, run by `make test`). This checks
what the contracts cannot see: that importing every lower module loads no Qt module at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cadence

PACKAGE = Path(cadence.__file__).parent
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6")
LOWER = ("domain", "store", "services")


def test_importing_services_loads_no_qt_at_run_time() -> None:
    """Not just the source text: importing every lower module pulls in no Qt module."""
    modules = []
    for layer in LOWER:
        for path in (PACKAGE / layer).rglob("*.py"):
            rel = path.relative_to(PACKAGE.parent).with_suffix("")
            modules.append(".".join(rel.parts).removesuffix(".__init__"))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
