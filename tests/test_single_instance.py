"""One Cadence per journal, with real lock files and real local sockets (no mocks)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from cadence.ui.single_instance import (
    SingleInstance,
    instance_key,
    lock_file_path,
    notify_running,
    server_address,
)


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # A short private folder: Unix socket paths must stay under ~100 bytes, which pytest's
    # tmp_path does not promise. Child processes inherit it through the environment.
    with tempfile.TemporaryDirectory(prefix="cadrt-") as folder:
        monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
        monkeypatch.delenv("FLATPAK_ID", raising=False)
        yield Path(folder)


@pytest.fixture
def instances(qapp) -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.release()


def make(instances: list[SingleInstance]) -> SingleInstance:
    instance = SingleInstance()
    instances.append(instance)
    return instance


def run_python(code: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_second_claim_on_same_journal_is_refused(runtime, instances, tmp_path):
    db = tmp_path / "journal.sqlite"
    first, second = make(instances), make(instances)

    assert first.claim(db) is True
    assert first.is_listening
    assert second.claim(db) is False
    assert second.holder_pid == os.getpid()

    first.release()
    assert second.claim(db) is True


def test_different_journals_do_not_block_each_other(runtime, instances, tmp_path):
    assert make(instances).claim(tmp_path / "a.sqlite") is True
    assert make(instances).claim(tmp_path / "b.sqlite") is True


def test_same_file_through_another_spelling_is_the_same_journal(runtime, instances, tmp_path):
    (tmp_path / "sub").mkdir()
    db = tmp_path / "journal.sqlite"
    (tmp_path / "link.sqlite").symlink_to(db)

    assert instance_key(db) == instance_key(tmp_path / "sub" / ".." / "journal.sqlite")
    assert instance_key(db) == instance_key(tmp_path / "link.sqlite")
    assert make(instances).claim(db) is True
    assert make(instances).claim(tmp_path / "link.sqlite") is False


def test_lock_and_socket_live_in_the_runtime_dir(runtime, instances, tmp_path):
    db = tmp_path / "journal.sqlite"
    make(instances).claim(db)
    assert lock_file_path(db).parent == runtime
    assert lock_file_path(db).exists()
    assert Path(server_address(db)).exists()


def test_second_launch_forwards_its_files_and_gets_an_answer(runtime, instances, tmp_path, qtbot):
    db = tmp_path / "journal.sqlite"
    first = make(instances)
    assert first.claim(db)

    with qtbot.waitSignal(first.activation_requested, timeout=10_000) as blocker:
        second = run_python(
            f"""
            from cadence.ui.single_instance import notify_running
            print(notify_running({str(db)!r}, ["run.gpx", "/abs/ride.fit"]))
            """,
            cwd=tmp_path,
        )
    # Keep the event loop turning while the child reads the acknowledgement.
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=10_000)
    out, err = second.communicate()

    assert blocker.args == [[str(tmp_path / "run.gpx"), "/abs/ride.fit"]]
    assert (second.returncode, out.strip(), err) == (0, "True", "")


def test_notify_without_a_running_instance_returns_false(runtime, tmp_path):
    assert notify_running(tmp_path / "nobody.sqlite", ["x.gpx"], timeout_ms=500) is False


def test_lock_left_by_a_crashed_instance_is_taken_over(runtime, instances, tmp_path, qtbot):
    db = tmp_path / "journal.sqlite"
    crashed = run_python(
        f"""
        import os, signal
        from PySide6.QtCore import QCoreApplication
        from cadence.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance()
        assert instance.claim({str(db)!r})
        os.kill(os.getpid(), signal.SIGKILL)
        """,
        cwd=tmp_path,
    )
    crashed.communicate(timeout=30)
    assert crashed.returncode == -9
    assert lock_file_path(db).exists(), "the killed process should have left its lock behind"
    assert Path(server_address(db)).exists(), "and its socket file"
    assert notify_running(db, [], timeout_ms=500) is False

    survivor = make(instances)
    assert survivor.claim(db) is True
    assert survivor.is_listening

    with qtbot.waitSignal(survivor.activation_requested, timeout=10_000):
        late = run_python(
            f"""
            from cadence.ui.single_instance import SingleInstance
            print(SingleInstance.notify_running({str(db)!r}, []))
            """,
            cwd=tmp_path,
        )
    qtbot.waitUntil(lambda: late.poll() is not None, timeout=10_000)
    assert late.communicate()[0].strip() == "True"


@pytest.mark.parametrize(
    "garbage",
    [
        b"not json\n",
        b'{"app": "some.other.App", "args": []}\n',
        b'{"app": "io.github.cadencejournal.Cadence", "args": [1, 2]}\n',
        b"\xff\xfe\n",
    ],
)
def test_malformed_messages_are_answered_with_error_and_ignored(
    runtime, instances, tmp_path, qtbot, garbage
):
    db = tmp_path / "journal.sqlite"
    first = make(instances)
    assert first.claim(db)

    client = QLocalSocket()
    client.connectToServer(server_address(db))
    with qtbot.assertNotEmitted(first.activation_requested, wait=300):
        client.write(garbage)
        qtbot.waitUntil(lambda: client.bytesAvailable() > 0, timeout=5_000)
    assert bytes(client.readAll().data()) == b"error\n"
    client.abort()
