"""Experiments: a change tried on purpose, the arm each session is in (experiments), and the
result, each chosen measure the usual way against the change (experiment_results)."""
