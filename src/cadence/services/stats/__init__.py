"""The measures: per range (compute, lazy), their facts and SQL, and the status bar's week."""
