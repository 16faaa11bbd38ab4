-- A top-up may give its lots a priority (lower is drawn first); the lot listing shows it.
ALTER TABLE qs_lot ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
