"""Validation of what the user enters, with one message per field at fault."""

from __future__ import annotations


class ValidationError(ValueError):
    """`errors` maps a field ("rpe", "stop_points[0].elapsed_s") to a message a user can act on."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


class Checker:
    """Collects messages; `done()` raises if any were found."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def require(self, ok: bool, field: str, message: str) -> None:
        if not ok:
            self.fail(field, message)

    def in_range(self, value: float | None, low: float, high: float, field: str, what: str) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"{what} must be a number, not {value!r}")
        elif not low <= value <= high:
            self.fail(field, f"{what} must be between {low:g} and {high:g} (got {value:g})")

    def non_negative(self, value: float | None, field: str, what: str) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(field, f"{what} must be a number, not {value!r}")
        elif value < 0:
            self.fail(field, f"{what} cannot be negative (got {value:g})")

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
