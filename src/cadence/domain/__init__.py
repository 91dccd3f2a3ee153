"""Plain values shared by every layer: enums, units, formatting and the measures' maths. No Qt, no database."""
