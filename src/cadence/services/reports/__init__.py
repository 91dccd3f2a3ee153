"""Printed reports: what they hold (types), built (build), queried (queries) and written (html)."""
