"""Child of the no-network test: the app's main flows with the network taken away.

Usage: main_flows.py JOURNAL OUT_FOLDER FIXTURES_FOLDER
Starts the app as __main__ does (single-instance guard, journal, main window, offscreen), imports
the fixtures through the window's importer, shows every view, writes a report PDF from the Reports
view, exports JSON, CSV and iCalendar, takes a backup, and prints one JSON line with what it did
and every network attempt Python saw.
"""

from __future__ import annotations

import no_network

no_network.install()

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from cadence.store.backup import backup_now  # noqa: E402
from cadence.store.db import open_journal  # noqa: E402
from cadence.store.models import Session  # noqa: E402
from cadence.ui.app import create_application  # noqa: E402
from cadence.ui.bus import AppBus  # noqa: E402
from cadence.ui.exporting import ExportKind, write_export  # noqa: E402
from cadence.ui.main_window import MainWindow  # noqa: E402
from cadence.ui.settings import WindowState  # noqa: E402
from cadence.ui.single_instance import SingleInstance  # noqa: E402
from cadence.ui.views.registry import VIEW_NAMES  # noqa: E402


def settle(until=lambda: True, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        QApplication.processEvents()
        if until():
            return
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not finish in time")
        time.sleep(0.01)


def main() -> None:
    journal, out, fixtures = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    create_application()
    guard = SingleInstance()
    assert guard.claim(journal), "another instance holds the journal"
    open_journal(journal)
    state = WindowState(QSettings(str(out / "window.ini"), QSettings.Format.IniFormat))
    window = MainWindow(AppBus(), journal, state)
    window.show()
    settle()

    importer = window.importer
    window.import_files(
        [
            fixtures / "running",
            fixtures / "strava-export",
            fixtures / "music" / "practice-log.csv",
        ]
    )

    def imported() -> bool:
        if importer.mapping_dialog is not None:
            importer.mapping_dialog.accept()  # the columns are named after the fields
        return not importer.busy

    settle(imported)
    for name in VIEW_NAMES:
        view = window.show_view(name)
        settle()
        if name == "reports":
            settle(lambda v=view: v.report is not None)
            view.write_pdf(out / "report.pdf")
    write_export(ExportKind.JSON, out / "journal.json")
    write_export(ExportKind.CSV, out / "csv")
    write_export(ExportKind.ICS, out / "plans.ics")
    backup_now(journal, "manual")
    done = {
        "sessions": Session.select().count(),
        "views": len(VIEW_NAMES),
        "report_bytes": (out / "report.pdf").stat().st_size,
        "exports": sorted(p.name for p in out.iterdir()),
        "python_network_attempts": no_network.attempts,
    }
    sys.stdout.write(json.dumps(done) + "\n")
    sys.stdout.flush()
    window.close()
    guard.release()


if __name__ == "__main__":
    main()
