"""The measures: per range (compute, lazy), their facts and SQL, the status bar's week, and where
you tend to stop in a plan (plan_size: the size Today proposes)."""
