"""Before Qt starts on X11: are the system libraries its xcb platform plugin needs there?

PySide6 from PyPI brings Qt, but its xcb plugin links against X libraries a plain Debian or Ubuntu
does not always have (libxcb-cursor0 above all, since Qt 6.5). Without them Qt prints a page about
plugins and aborts; this says in one line which packages to install instead."""

from __future__ import annotations

import ctypes.util
import sys
from collections.abc import Callable, Mapping

# the library's name for find_library -> the Debian/Ubuntu package that has it
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-randr": "libxcb-randr0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xfixes": "libxcb-xfixes0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will pick its xcb plugin: on Linux, asked for (QT_QPA_PLATFORM=xcb) or by
    default when no Wayland session is there to prefer."""
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def missing_packages(find: Callable[[str], str | None] = ctypes.util.find_library) -> list[str]:
    return [package for name, package in XCB_LIBRARIES.items() if not find(name)]


def platform_message(
    env: Mapping[str, str],
    find: Callable[[str], str | None] = ctypes.util.find_library,
    platform: str = sys.platform,
) -> str | None:
    """One line saying what to install, or None when Qt should start. A bundle (frozen) carries
    the libraries it was built with, where find_library does not look: it is not checked."""
    if getattr(sys, "frozen", False) or not uses_xcb(env, platform):
        return None
    missing = missing_packages(find)
    if not missing:
        return None
    return (
        "cadence: Qt needs system libraries that are missing for its X11 (xcb) window plugin. "
        f"Install them with: sudo apt-get install {' '.join(missing)}"
    )
