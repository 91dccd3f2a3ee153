"""The arrows point one way: ui -> services -> store -> domain. Below ui, no Qt and no pyqtgraph."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import cadence

PACKAGE = Path(cadence.__file__).parent
FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6")
LOWER = ("domain", "store", "services")
ORDER = {"domain": 0, "store": 1, "services": 2, "ui": 3}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_lower_layers_never_import_qt() -> None:
    offenders = []
    for layer in LOWER:
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def test_layers_only_import_downwards() -> None:
    offenders = []
    for layer, rank in ORDER.items():
        for path in (PACKAGE / layer).rglob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                upward = parts[0] == "cadence" and len(parts) > 1 and ORDER.get(parts[1], -1) > rank
                if upward:
                    offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


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
