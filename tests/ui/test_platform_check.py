"""Before Qt starts on X11, missing xcb libraries are named in one line with the apt-get command."""

from __future__ import annotations

from cadence.ui.platform_check import XCB_LIBRARIES, platform_message, uses_xcb


def fake_find(missing: set[str]):
    return lambda name: None if name in missing else f"lib{name}.so.0"


def test_missing_libraries_are_named_with_their_packages() -> None:
    message = platform_message({"DISPLAY": ":0"}, fake_find({"xcb-cursor", "xcb-icccm"}), "linux")
    assert message is not None and "\n" not in message
    assert message.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4")


def test_nothing_is_said_when_all_are_there_or_xcb_is_not_used() -> None:
    everything_missing = fake_find(set(XCB_LIBRARIES))
    assert platform_message({"DISPLAY": ":0"}, fake_find(set()), "linux") is None
    assert platform_message({"QT_QPA_PLATFORM": "offscreen"}, everything_missing, "linux") is None
    assert platform_message({"WAYLAND_DISPLAY": "wayland-0"}, everything_missing, "linux") is None
    assert platform_message({}, everything_missing, "darwin") is None
    assert platform_message(
        {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, everything_missing, "linux"
    )


def test_which_platform_qt_picks() -> None:
    assert uses_xcb({}, "linux") and uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb:foo=1"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux")


def test_the_app_stops_with_that_line_before_qt_starts(monkeypatch, capsys) -> None:
    import argparse

    from cadence.ui import app, platform_check

    monkeypatch.setattr(platform_check, "platform_message", lambda env: "cadence: install x")
    monkeypatch.setattr(app, "create_application", lambda: (_ for _ in ()).throw(AssertionError))
    assert app.run_app(argparse.Namespace(self_test=False, db=None, files=[])) == 3
    assert capsys.readouterr().err == "cadence: install x\n"
