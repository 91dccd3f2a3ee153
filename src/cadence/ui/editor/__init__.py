"""The session editor's parts: the General form, the block and stop-point tables, intentions and
reflections."""
