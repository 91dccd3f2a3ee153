"""One Cadence window per journal.

A second launch on the same database must not open a second writer. The first instance holds a
QLockFile and listens on a QLocalServer, both named after a hash of the resolved database path
(and the user), so journals in different files never block each other. A second launch fails to
take the lock, sends its file arguments (e.g. .gpx files to import) over a QLocalSocket, and exits;
the first instance emits ``activation_requested`` and brings its window forward.

Why both a lock and a socket: the lock decides who is first without races (two launches started
at the same moment cannot both win), and QLockFile notices locks left by a crashed process (its PID
is gone), after which the stale socket file is removed before listening again.

Wire format (one message per connection): the client sends one UTF-8 JSON line
``{"app": APP_ID, "args": [...]}``; the server answers ``ok`` or ``error`` on one line.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time

from PySide6.QtCore import QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from cadence import APP_ID
from cadence.ui.journal_file import instance_key, lock_file_path, runtime_dir

log = logging.getLogger(__name__)

MAX_MESSAGE_BYTES = 1 << 20  # far more than any list of file paths; guards against garbage
_ACK_OK = b"ok\n"
_ACK_ERROR = b"error\n"


def server_address(db_path: str | os.PathLike[str]) -> str:
    """The QLocalServer name: a socket path on Unix, a pipe name on Windows."""
    key = instance_key(db_path)
    if sys.platform == "win32":
        return key
    return str(runtime_dir() / f"{key}.sock")


class SingleInstance(QObject):
    """Claims a journal for this process and hears from later launches on the same journal."""

    activation_requested = Signal(list)  # list[str]: absolute file paths from the second launch

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self.holder_pid: int | None = None  # after a refused claim: the process that holds it

    @staticmethod
    def notify_running(
        db_path: str | os.PathLike[str], args: list[str], timeout_ms: int = 3000
    ) -> bool:
        """For a second launch: the module-level ``notify_running`` (see there)."""
        return notify_running(db_path, args, timeout_ms)

    @property
    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self, db_path: str | os.PathLike[str]) -> bool:
        """True if this process is the first on ``db_path`` (and now owns it), else False.

        Raises OSError with a clear message if the lock file cannot be written at all.
        """
        if self._lock is not None:
            raise RuntimeError("this SingleInstance already holds a journal; call release() first")
        lock_path = lock_file_path(db_path)
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(0)  # never stale by age (Cadence runs for hours); only by dead PID
        if not lock.tryLock(0):
            if lock.error() == QLockFile.LockError.LockFailedError:
                pid, _host, _app = lock.getLockInfo()
                self.holder_pid = pid or None
                return False
            raise OSError(
                f"Cadence cannot create its lock file {lock_path} ({lock.error().name}). "
                "Check that this folder exists and is writable, "
                "or set XDG_RUNTIME_DIR to a folder that is."
            )
        self._lock = lock
        self.holder_pid = None
        address = server_address(db_path)
        # We hold the lock, so any socket file here was left by a crashed instance.
        QLocalServer.removeServer(address)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if server.listen(address):
            self._server = server
        else:
            # Still the only writer; later launches will report that this one does not answer.
            log.warning("Cannot listen on %s: %s", address, server.errorString())
            server.deleteLater()
        return True

    def release(self) -> None:
        """Stop listening and drop the lock (call when the journal is closed or the app quits)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for socket in list(self._buffers):
            socket.abort()
        self._buffers.clear()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) > MAX_MESSAGE_BYTES:
            log.warning("Dropped an oversized activation message (%d bytes)", len(buffer))
            self._answer(socket, _ACK_ERROR)
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer.split(b"\n", 1)[0])
        args = _parse_message(line)
        if args is None:
            log.warning("Ignored a malformed activation message: %r", line[:200])
            self._answer(socket, _ACK_ERROR)
            return
        self._answer(socket, _ACK_OK)
        self.activation_requested.emit(args)

    def _answer(self, socket: QLocalSocket, reply: bytes) -> None:
        self._buffers.pop(socket, None)
        socket.write(reply)
        socket.flush()
        socket.disconnectFromServer()


def _parse_message(line: bytes) -> list[str] | None:
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(message, dict) or message.get("app") != APP_ID:
        return None
    args = message.get("args")
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return None
    return args


def notify_running(
    db_path: str | os.PathLike[str], args: list[str], timeout_ms: int = 3000
) -> bool:
    """From a second launch: hand ``args`` (file paths) to the instance that holds ``db_path``.

    Relative paths are made absolute against this process's working directory, since the first
    instance has its own. True once the first instance confirmed; False if none answered in time.
    Works without a running event loop (it blocks for at most about ``timeout_ms``).
    """
    payload = json.dumps({"app": APP_ID, "args": [os.path.abspath(a) for a in args]})
    deadline = time.monotonic() + timeout_ms / 1000

    def remaining_ms() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    socket = QLocalSocket()
    socket.connectToServer(server_address(db_path))
    try:
        if not socket.waitForConnected(remaining_ms()):
            return False
        socket.write(payload.encode("utf-8") + b"\n")
        if not socket.waitForBytesWritten(remaining_ms()):
            return False
        reply = b""
        while b"\n" not in reply:
            if not socket.waitForReadyRead(remaining_ms()):
                return False
            reply += bytes(socket.readAll().data())
        return reply.startswith(_ACK_OK)
    finally:
        socket.abort()


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised and ask the window manager to focus it.

    On Wayland the compositor may only flash the task bar entry; that is its policy, not an error.
    """
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(
            (state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
    window.show()
    window.raise_()
    window.activateWindow()
