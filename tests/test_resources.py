"""Bundled resources: where they are found, what the icons look like on paper, and QIcon loading."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

from cadence import APP_ID
from cadence.resources import (
    app_icon_path,
    icon_names,
    icon_path,
    resource_path,
    resource_roots,
)

REPO = Path(__file__).resolve().parent.parent
UI_ICONS = {
    "new-session", "start", "pause", "stop", "plus-one", "save", "search", "today", "journal",
    "music", "running", "trends", "compare", "reports", "trash", "undo", "import", "export",
    "print", "settings", "delete", "seasons", "experiments",
}  # fmt: skip
SLATE, VIOLET, TEAL = "#708090", "#7C4DFF", "#00A389"
ICON_COLOUR = {"music": VIOLET, "running": TEAL}  # every other UI icon is slate grey
SVG_NS = "{http://www.w3.org/2000/svg}"


def colours_in(svg: Path) -> set[str]:
    text = svg.read_text(encoding="utf-8")
    values = re.findall(r'(?:stroke|fill)="([^"]+)"', text)
    return {v.upper() for v in values if v != "none"}


def test_source_checkout_resources_are_found():
    folder = resource_path("icons")
    assert folder.is_dir()
    assert folder == REPO / "resources" / "icons"


def test_every_ui_icon_exists_and_nothing_else_is_bundled():
    assert set(icon_names()) == UI_ICONS
    for name in UI_ICONS:
        assert icon_path(name).is_file()


@pytest.mark.parametrize("name", sorted(UI_ICONS))
def test_ui_icon_is_a_24px_line_drawing_in_one_colour(name):
    path = icon_path(name)
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("24", "24", "0 0 24 24")
    assert root.get("fill") == "none", "line icons draw with strokes"
    assert root.get("stroke-width") == "2", "one stroke weight across the set"
    assert colours_in(path) == {ICON_COLOUR.get(name, SLATE)}


def test_app_icon_uses_the_discipline_colours():
    path = app_icon_path()
    assert path.name == f"{APP_ID}.svg"
    colours = colours_in(path)
    assert {VIOLET, TEAL} <= colours
    assert ElementTree.parse(path).getroot().get("viewBox") == "0 0 128 128"


def test_missing_resource_names_what_and_where():
    with pytest.raises(FileNotFoundError, match=r"icons/no-such-icon\.svg.*looked in"):
        icon_path("no-such-icon")


@pytest.mark.parametrize("bad", ["", "../pyproject", "icons/start", ".hidden"])
def test_icon_names_cannot_escape_the_icon_folder(bad):
    with pytest.raises(ValueError, match="not an icon name"):
        icon_path(bad)


def test_pyinstaller_bundle_folder_is_searched_first(monkeypatch, tmp_path):
    bundled = tmp_path / "cadence" / "resources" / "icons"
    bundled.mkdir(parents=True)
    (bundled / "start.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resource_roots()[0] == tmp_path / "cadence" / "resources"
    assert icon_path("start") == bundled / "start.svg"
    # Whatever the bundle lacks still comes from the other layouts.
    assert icon_path("stop") == REPO / "resources" / "icons" / "stop.svg"


def test_resources_module_does_not_pull_in_qt():
    code = "import sys, cadence.resources; print(sorted(m for m in sys.modules if 'PySide' in m))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _visible_pixels(image) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0
    )


@pytest.mark.parametrize("name", sorted(UI_ICONS))
def test_qicon_renders_each_ui_icon(qapp, name):
    from cadence.ui.icons import icon

    qicon = icon(name)
    assert icon(name) is qicon, "icons are cached"
    image = qicon.pixmap(24, 24).toImage()
    assert (image.width(), image.height()) == (24, 24)
    assert _visible_pixels(image) > 20, f"{name} rendered (almost) nothing"


def test_app_icon_renders_at_window_sizes(qapp):
    from cadence.ui.icons import app_icon

    for size in (16, 48, 256):
        image = app_icon().pixmap(size, size).toImage()
        assert image.width() == size
        assert _visible_pixels(image) > size * size // 2


def _opaque_colours(image) -> set[str]:
    return {
        image.pixelColor(x, y).name()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_selected_icon_takes_the_highlighted_text_colour(qapp):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon, QPalette

    from cadence.ui.icons import icon

    highlighted = qapp.palette().color(QPalette.ColorRole.HighlightedText).name()
    today = icon("today")
    normal = today.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Normal).toImage()
    selected = today.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Selected).toImage()
    assert _opaque_colours(normal) == {SLATE.lower()}
    assert _opaque_colours(selected) == {highlighted}


def test_disabled_icon_is_faded_as_a_whole(qapp):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from cadence.ui.icons import icon

    image = icon("compare").pixmap(QSize(24, 24), 1.0, QIcon.Mode.Disabled).toImage()
    alphas = {image.pixelColor(x, y).alpha() for y in range(24) for x in range(24)}
    assert max(alphas) == 102, "crossing strokes must not add up to a darker spot"


def test_icons_are_sharp_on_high_density_screens(qapp):
    from PySide6.QtCore import QSize

    from cadence.ui.icons import icon

    pixmap = icon("start").pixmap(QSize(24, 24), 2.0)
    assert (pixmap.width(), pixmap.height(), pixmap.devicePixelRatio()) == (48, 48, 2.0)


def test_unknown_qicon_is_an_error_not_a_blank_icon(qapp):
    from cadence.ui.icons import icon

    with pytest.raises(FileNotFoundError):
        icon("no-such-icon")
