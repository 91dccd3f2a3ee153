"""Cadence's processes hash with Python's own digests, not OpenSSL's (3.3 MB of libcrypto that the
bare window never maps); the digests are the same."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path

from cadence.store.paths import instance_key

CHILD = """
import json, sys
import cadence.cli, cadence.ui.app
import hashlib, hmac
from cadence.store.db import open_journal, close_journal
from cadence.store.paths import instance_key
open_journal(sys.argv[1]); close_journal()
import numpy.random  # (secrets and hmac, as the experiments' intervals import them)
maps = open("/proc/self/maps").read() if sys.platform.startswith("linux") else ""
print(json.dumps({
    "_hashlib": repr(sys.modules.get("_hashlib", "absent")),
    "libcrypto": "libcrypto" in maps,
    "md5": hashlib.md5(b"cadence").hexdigest(),
    "sha1": hashlib.sha1(b"cadence").hexdigest(),
    "sha256": hashlib.sha256(b"cadence" * 1000).hexdigest(),
    "hmac": hmac.new(b"key", b"cadence", "sha256").hexdigest(),
    "key": instance_key(sys.argv[1]),
}))
"""


def test_a_cadence_process_hashes_without_openssl_and_gets_the_same_digests(tmp_path) -> None:
    journal = tmp_path / "j.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(journal)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "was not found" not in done.stderr  # hashlib's words for a missing digest
    child = json.loads(done.stdout)
    assert child["_hashlib"] == "None"  # blocked before peewee imported hashlib
    assert child["libcrypto"] is False
    assert child["md5"] == hashlib.md5(b"cadence").hexdigest()
    assert child["sha1"] == hashlib.sha1(b"cadence").hexdigest()
    assert child["sha256"] == hashlib.sha256(b"cadence" * 1000).hexdigest()
    assert child["hmac"] == hmac.new(b"key", b"cadence", "sha256").hexdigest()
    assert child["key"] == instance_key(Path(journal))


def test_a_process_that_imported_hashlib_first_keeps_it_as_it_is() -> None:
    code = (
        "import hashlib, sys; before = sys.modules.get('_hashlib')\n"
        "import cadence.store.db\n"
        "print(before is not None and sys.modules.get('_hashlib') is before)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
