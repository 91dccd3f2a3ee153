"""`held`: a callback a widget keeps from its owner, without keeping the owner alive."""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])


def held(slot: F) -> Callable[[], F | None]:
    """`slot` held as Qt holds a connection: a bound method weakly, any other callable as it is.
    Call the result for the slot (None once its object is gone).

    A view that hands its own method to a child widget (a count's text, a page painter) would
    otherwise be held by that child: a cycle through Qt's ownership, which Python's collector
    cannot see, so the view was never freed (docs/architecture.md, "Charts' lifetime")."""
    if inspect.ismethod(slot):
        return weakref.WeakMethod(slot)  # pyright: ignore[reportReturnType]
    return lambda: slot
