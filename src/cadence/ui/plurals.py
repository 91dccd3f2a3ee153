"""Counted words in the UI: '1 day entry', '3 day entries', never '1 day entries' or 'item(s)'.

Both English forms are written out and each goes through Qt's tr(text, "", n), so a translation
can give every plural form its language has; without one, `plural` picks the English form."""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    """`one` and `many` are already translated with tr(..., n) ('%n' stands for the number)."""
    return (one if n == 1 else many).replace("%n", f"{n:,}")
