"""Render the application icon SVG to the PNG sizes desktops and installers want.

    python packaging/make_icons.py          # (re)write packaging/icons/hicolor/<n>x<n>/apps/*.png
    python packaging/make_icons.py --check  # exit 1 if a PNG is missing or differs from the SVG

The PNGs are committed (installers and the Flatpak manifest copy them as they are); the test
suite runs the same comparison as --check so they cannot drift from the SVG unnoticed.
Rendering uses QSvgRenderer on the offscreen platform, so no display is needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.cadencejournal.Cadence"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
OUT = ROOT / "packaging" / "icons" / "hicolor"
# Mean difference per channel (0-255) tolerated between a committed PNG and a fresh render:
# another Qt version may anti-alias edges a little differently; a changed drawing differs far more.
TOLERANCE = 1.5


def png_path(size: int, out_dir: Path = OUT) -> Path:
    return out_dir / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int, svg: Path = SVG) -> QImage:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def difference(a: QImage, b: QImage) -> float:
    """Mean absolute difference per ARGB channel, or infinity if the sizes differ."""
    if a.size() != b.size():
        return float("inf")
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    raw_a = a.constBits().tobytes()
    raw_b = b.constBits().tobytes()
    return sum(abs(x - y) for x, y in zip(raw_a, raw_b, strict=True)) / len(raw_a)


def stale_icons(out_dir: Path = OUT) -> list[str]:
    """Describe each PNG that is missing or no longer matches the SVG (empty when all is well)."""
    problems = []
    for size in SIZES:
        path = png_path(size, out_dir)
        committed = QImage(str(path))
        if committed.isNull():
            problems.append(f"{path}: missing or unreadable")
            continue
        diff = difference(committed, render(size))
        if diff > TOLERANCE:
            problems.append(f"{path}: differs from the SVG (mean difference {diff:.2f})")
    return problems


def write_icons(out_dir: Path = OUT) -> list[Path]:
    written = []
    for size in SIZES:
        path = png_path(size, out_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([])
    if args.check:
        problems = stale_icons()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Run: python packaging/make_icons.py", file=sys.stderr)
        return 1 if problems else 0
    for path in write_icons():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
