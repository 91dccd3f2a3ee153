"""The studio tests' one way to make a studio and to act in it as one of its people, on the test
cluster (`pg_cluster`, tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cadence.services.studio import members as studio
from cadence.store.db import close_journal, open_journal

# A member as `studio.add_member` takes it: (name, role), or (name, role, teacher) for a student
# taught by that teacher only.
Member = tuple[str, str] | tuple[str, str, str | None]


@contextmanager
def as_role(cluster, name: str, role: str | None = None) -> Iterator[None]:
    """The studio `name` opened as `role` (the cluster's admin, who owns the studio, when None)
    for the block, and closed after it."""
    open_journal(cluster.url(name) if role is None else cluster.url(name, role))
    try:
        yield
    finally:
        close_journal()


def new_studio(cluster, prefix: str, *members: Member) -> str:
    """A new database on the cluster (its name starts with `prefix`) made a studio by its admin,
    with these members added in this order; returns the database's name."""
    name = cluster.new_database(prefix)
    with as_role(cluster, name):
        studio.init_studio()
        for member in members:
            studio.add_member(*member)
    return name
