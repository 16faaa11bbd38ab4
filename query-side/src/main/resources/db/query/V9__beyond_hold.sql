-- Overage recorded beyond a hold on an account that allows none (a delivered call is always
-- billed): the journal's overage lines of such a capture say so.
ALTER TABLE qs_journal_line ADD COLUMN beyond_hold BOOLEAN NOT NULL DEFAULT FALSE;
