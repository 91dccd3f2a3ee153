"""Starting the app: the QApplication, the journal, the single-instance guard, the main window,
and an error dialog for anything unexpected (typed text is kept by the drafts)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cadence import APP_ID, APP_NAME, __version__
from cadence.services.studio.members import viewed_person
from cadence.ui.journal_file import (
    ENV_VAR,
    CorruptJournalError,
    JournalError,
    ServerError,
    close_journal,
    is_server_url,
    log_dir,
    open_journal,
    redact_url,
    resolve_db_path,
)

log = logging.getLogger("cadence")
ERROR_TITLE = "Something went wrong"  # the error dialog's title (tests watch for it)
_KEPT_SOCKETS = "_interrupt_sockets"  # the Ctrl-C handler's sockets, on the main window


def log_file() -> Path:
    return log_dir() / "cadence.log"


class PrivateLogHandler(RotatingFileHandler):
    """The log, like the journal, is readable by the owner only (it names files and errors)."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        if os.stat(self.baseFilename).st_mode & 0o077:
            os.chmod(self.baseFilename, 0o600)
        return super()._open()


def setup_logging() -> logging.Handler:
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = PrivateLogHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return handler


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)  # (Cadence's application is a QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cadencejournal")
    app.setDesktopFileName(APP_ID)
    from cadence.ui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def install_error_dialog(parent_getter) -> None:
    """Unexpected errors: log them and tell the user what happened and where the log is."""

    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", text)
        box = QMessageBox(parent_getter())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(ERROR_TITLE)
        looking = viewed_person()
        if looking and "row-level security" in str(value):  # the database refused: not theirs
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(f"{APP_NAME}: {looking}'s journal")
            box.setText(
                f"You are looking at {looking}'s journal: nothing of theirs can be changed. "
                "Choose Me in the toolbar's Journal of list to write in your own."
            )
        elif "attempt to write a readonly database" in str(value):
            box.setIcon(QMessageBox.Icon.Information)
            box.setWindowTitle(f"{APP_NAME}: the journal is read-only")
            box.setText(
                "This journal file cannot be written, so it was opened to read only: nothing "
                "can be saved to it. Make the file writable (or copy it somewhere you can "
                "write) and open it again."
            )
        else:
            box.setText(
                f"{APP_NAME} hit an unexpected error: {value}\n\nWhat you were typing is kept "
                f"as a draft. The details are in the log:\n{log_file()}"
            )
        box.setDetailedText(text)
        box.exec()

    sys.excepthook = hook


def open_or_explain(path: Path | str) -> bool:
    """Open the journal; on a damaged or too-new file, say what to do (and offer the backup);
    on a server that cannot be reached or refuses the login, say what to check."""
    try:
        open_journal(path, daily_backup=False)
        return True
    except ServerError as exc:
        from cadence.ui.studio_window import SERVER_ADVICE

        QMessageBox.critical(
            None, f"{APP_NAME}: cannot open the journal", f"{exc}\n\n{SERVER_ADVICE}"
        )
        return False
    except CorruptJournalError as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME}: journal damaged", str(exc))
        restore = None
        if exc.latest_backup is not None:
            restore = box.addButton("Restore latest backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if restore is not None and exc.latest_backup is not None and box.clickedButton() is restore:
            from cadence.ui.journal_file import restore_backup

            restore_backup(exc.latest_backup, Path(path))  # a file: a server is never "damaged"
            return open_or_explain(path)
        return False
    except JournalError as exc:
        QMessageBox.critical(None, f"{APP_NAME}: cannot open the journal", str(exc))
        return False


def start_daily_backup(path: Path) -> None:
    """The day's backup runs on a worker thread so the window opens at once. Its copy is
    checked page by page: the day's check of the journal (store/clean_close.py)."""
    from PySide6.QtCore import QRunnable

    from cadence.ui.journal_file import daily_backup_and_check

    class Job(QRunnable):
        def run(self) -> None:
            try:
                daily_backup_and_check(path)
            except Exception:  # a failed backup must not take the app down; it is logged
                log.exception("daily backup failed")

    QThreadPool.globalInstance().start(Job())


def journal_target(explicit: str | None) -> Path | str:
    """--db first, then CADENCE_DB, then Preferences' journal on a server, then the file in the
    data folder."""
    if not explicit and not os.environ.get(ENV_VAR):
        from cadence.ui.settings import WindowState

        explicit = WindowState().server_journal() or None
    return resolve_db_path(explicit)


def run_app(args: argparse.Namespace) -> int:
    if getattr(args, "self_test", False):
        return self_test()
    from cadence.ui.platform_check import platform_message

    missing = platform_message(os.environ)
    if missing is not None:
        print(missing, file=sys.stderr)
        return 3
    setup_logging()
    app = create_application()
    target = journal_target(args.db)
    on_server = is_server_url(target)  # a studio's journal (docs/studio.md): kept as its URL
    path: Path | str = target if on_server else Path(target).resolve()
    shown = redact_url(str(path)) if on_server else str(path)
    from cadence.ui.single_instance import SingleInstance

    guard = SingleInstance()
    if not guard.claim(path):
        files = [str(Path(f).resolve()) for f in args.files]
        if SingleInstance.notify_running(path, files):
            return 0  # the open window comes forward (and imports the files)
        QMessageBox.warning(
            None,
            APP_NAME,
            f"Cadence is already open on {shown} (process {guard.holder_pid}) but does not "
            "answer. Close that window, or end that process, and start Cadence again.",
        )
        return 1
    if not open_or_explain(path):
        return 2
    from cadence.ui.bus import AppBus
    from cadence.ui.main_window import MainWindow

    bus = AppBus()
    window = MainWindow(bus, path)
    install_error_dialog(lambda: window)
    install_interrupt_handler(window)
    guard.activation_requested.connect(lambda files: _bring_forward(window, files))
    window.show()
    if not on_server:  # a server's journal is backed up by its export and pg_dump (docs)
        start_daily_backup(Path(path))
    from cadence.ui.preload import preload_chart_modules

    preload_chart_modules()
    if args.files:
        QTimer.singleShot(0, lambda: _bring_forward(window, list(args.files)))
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()
    close_cleanly()
    guard.release()
    return code


def close_cleanly() -> None:
    """Close the journal and mark it closed cleanly, so that the next start need not read every
    page to find it whole (store/clean_close.py); a read-only journal is left unmarked."""
    from cadence.ui.journal_file import current_path, is_read_only, record_clean_close

    journal, read_only = current_path(), is_read_only()
    close_journal()
    if journal is not None and not read_only:
        record_clean_close(journal)


def install_interrupt_handler(window: QWidget) -> None:
    """Ctrl-C (SIGINT) or SIGTERM in the terminal the app was started from closes the main
    window as its close button does: drafts are kept and the journal closed cleanly.

    Qt's event loop runs in C++, where Python's signal handlers cannot run; SIGINT would wait
    for the next Python call. The signal's wake-up byte, written to a socket Qt watches, gives
    Python that call at once."""
    import signal
    import socket

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:
        try:
            while reader.recv(64):
                pass
        except OSError:
            pass

    notifier.activated.connect(drain)
    signal.set_wakeup_fd(writer.fileno())

    def close_window(signum: int, frame) -> None:
        log.info("signal %s: closing the window", signum)
        QTimer.singleShot(0, window.close)  # from the event loop, even if it has not begun yet

    signal.signal(signal.SIGINT, close_window)
    signal.signal(signal.SIGTERM, close_window)
    setattr(window, _KEPT_SOCKETS, (reader, writer, notifier))  # kept alive with the window


def _bring_forward(window, files: list[str]) -> None:
    from cadence.ui.single_instance import bring_to_front

    bring_to_front(window)
    if files and hasattr(window, "import_files"):
        window.import_files([Path(f) for f in files])


def self_test() -> int:
    """Open a temporary journal, build the main window offscreen, render it, exit."""
    from cadence.ui.bus import AppBus
    from cadence.ui.main_window import MainWindow
    from cadence.ui.settings import WindowState

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "self-test.sqlite"
        open_journal(path)
        try:
            from PySide6.QtCore import QSettings

            settings = QSettings(str(Path(folder) / "window.ini"), QSettings.Format.IniFormat)
            window = MainWindow(AppBus(), path, WindowState(settings))
            window.resize(1000, 700)
            window.show()
            app.processEvents()
            image = window.grab().toImage()
            ok = not image.isNull() and image.width() > 0
            window.close()
        finally:
            close_journal()
    print("self-test: ok" if ok else "self-test: failed to render")
    return 0 if ok else 1
