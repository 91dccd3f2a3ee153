"""Cadence: a practice journal for people who make music and run."""

__version__ = "0.1.0"
APP_ID = "io.github.cadencejournal.Cadence"
APP_NAME = "Cadence"


# hashlib's own implementations of its digests: each entry is one module or the other
# (Python 3.12 made _sha256 and _sha512 one module, _sha2)
_BUILTIN_DIGESTS = (
    ("_md5",),
    ("_sha1",),
    ("_sha256", "_sha2"),
    ("_sha512", "_sha2"),
    ("_blake2",),
    ("_sha3",),
)


def _hash_without_openssl() -> None:
    """peewee imports hashlib, and hashlib loads OpenSSL's libcrypto (through `_hashlib`) when it
    can: 3.3 MB resident in every Cadence process (the bare PySide6 window never loads it), for
    an MD5 of a constraint's name, a SHA-256 of the instance key and of imported files. Python's
    own implementations give the same digests; hashlib falls back to them when `_hashlib` cannot
    be imported, which None in sys.modules says (so do hmac and secrets). Done only before
    anything has imported hashlib, and only where every built-in digest module is there."""
    import sys
    from importlib.util import find_spec

    if "hashlib" in sys.modules or "_hashlib" in sys.modules:
        return
    if all(any(find_spec(name) for name in names) for names in _BUILTIN_DIGESTS):
        sys.modules["_hashlib"] = None  # pyright: ignore[reportArgumentType]


def _defer_postgres_driver() -> None:
    """peewee (and its migrator, through playhouse's PostgreSQL extensions) imports a PostgreSQL
    driver, when one is installed, as it is itself imported: a few hundred milliseconds at every
    start for what only a server journal needs. Here both are imported first without it;
    store/server.py hands psycopg to peewee when a server journal is opened. Where the driver is
    already loaded, there is nothing to save and nothing is done."""
    import sys

    drivers = ("psycopg", "psycopg2", "psycopg2cffi")
    if "peewee" in sys.modules or any(d in sys.modules for d in drivers):
        return
    blocked = [d for d in drivers if d not in sys.modules]
    for name in blocked:
        # None there means "not installed" to the import system; typeshed's dict omits it
        sys.modules[name] = None  # pyright: ignore[reportArgumentType]
    try:
        import peewee  # noqa: F401
        import playhouse.migrate  # noqa: F401
    finally:
        for name in blocked:
            del sys.modules[name]


_hash_without_openssl()
_defer_postgres_driver()
