"""Cadence: a practice journal for people who make music and run."""

__version__ = "0.1.0"
APP_ID = "io.github.cadencejournal.Cadence"
APP_NAME = "Cadence"


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


_defer_postgres_driver()
