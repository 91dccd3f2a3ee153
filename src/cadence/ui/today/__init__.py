"""The parts of the Today view: session steps, day entry, inbox, drafts."""
