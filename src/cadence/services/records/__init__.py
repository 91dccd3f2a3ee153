"""The journal's records (domain/records.py) saved and read back: sessions with everything they
hold (journal), their slips and imported tracks, day entries and drafts (days), the repertoire,
gear, focus targets and templates (library), the preferences, and the record ↔ row mapping they
share (record_rows). Every write validates first and returns `Changes`."""
