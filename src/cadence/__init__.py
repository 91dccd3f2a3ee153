"""Cadence: a practice journal for people who make music and run."""

__version__ = "0.1.0"
APP_ID = "io.github.cadencejournal.Cadence"
APP_NAME = "Cadence"
