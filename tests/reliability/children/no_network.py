"""Imported first by a child: every way Python reaches the network is replaced by a recorder that
refuses. Local (AF_UNIX) sockets are let through: the single-instance guard uses one."""

from __future__ import annotations

import errno
import socket

attempts: list[str] = []
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_sendto = socket.socket.sendto


def _refuse(what: str) -> OSError:
    attempts.append(what)
    return OSError(errno.ENETUNREACH, f"network disabled by the test: {what}")


def _local(sock: socket.socket) -> bool:
    return sock.family == socket.AF_UNIX


def connect(self: socket.socket, address: object) -> None:
    if not _local(self):
        raise _refuse(f"connect {self.family.name} {address!r}")
    return _connect(self, address)


def connect_ex(self: socket.socket, address: object) -> int:
    if not _local(self):
        raise _refuse(f"connect_ex {self.family.name} {address!r}")
    return _connect_ex(self, address)


def sendto(self: socket.socket, *args: object) -> int:
    if not _local(self):
        raise _refuse(f"sendto {self.family.name} {args[-1]!r}")
    return _sendto(self, *args)


def _lookup(name: str):
    def refuse(*args: object, **kwargs: object) -> object:
        attempts.append(f"{name} {args!r}")
        raise socket.gaierror(socket.EAI_NONAME, f"name lookups disabled by the test: {name}")

    return refuse


def install() -> None:
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = sendto  # type: ignore[method-assign]
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, _lookup(name))
    socket.create_connection = _lookup("create_connection")  # type: ignore[assignment]
