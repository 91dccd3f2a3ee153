"""What the app does, without Qt: journal writes, the measures, imports, exports, reports."""
