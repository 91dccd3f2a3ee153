"""Find Cadence's bundled files (icons, and later translations) wherever Cadence runs from.

Three layouts exist, and the same code must work in each:

* an installed wheel: the top-level ``resources/`` folder is packed as ``cadence/resources/``
  (see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml);
* a source checkout or editable install: ``resources/`` sits at the top of the repository,
  two levels above this file (``src/cadence/resources.py``);
* a PyInstaller bundle: the spec copies ``resources/`` to ``cadence/resources`` inside
  ``sys._MEIPASS``.

No Qt here: the CLI and tests use these paths without a QApplication.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cadence import APP_ID

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_roots() -> list[Path]:
    """The folders that may hold Cadence's resources, most specific first."""
    roots: list[Path] = []
    bundle_dir = getattr(sys, "_MEIPASS", None)
    if bundle_dir:
        roots.append(Path(bundle_dir) / "cadence" / "resources")
    roots.append(_PACKAGE_DIR / "resources")
    roots.append(_PACKAGE_DIR.parent.parent / "resources")
    return roots


def resource_path(*parts: str) -> Path:
    """Return the path of a bundled resource, e.g. ``resource_path("icons", "start.svg")``.

    Raises FileNotFoundError, naming every place looked in, if no layout holds it.
    """
    if not parts:
        raise ValueError("resource_path() needs at least one path part, e.g. 'icons'")
    for root in resource_roots():
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    looked = ", ".join(str(root) for root in resource_roots())
    raise FileNotFoundError(
        f"Cadence resource {'/'.join(parts)!r} is missing (looked in: {looked}). "
        "The installation is incomplete: reinstall Cadence, or run it from a full source checkout."
    )


def icon_path(name: str) -> Path:
    """Path of the SVG icon called ``name`` (without ``.svg``), e.g. ``icon_path("start")``."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"{name!r} is not an icon name; use a plain name such as 'start'")
    return resource_path("icons", f"{name}.svg")


def app_icon_path() -> Path:
    """Path of the application icon (the SVG named after the application id)."""
    return icon_path(APP_ID)


def icon_names() -> list[str]:
    """Names of all bundled UI icons (the application icon excluded), sorted."""
    folder = resource_path("icons")
    return sorted(p.stem for p in folder.glob("*.svg") if p.stem != APP_ID)
