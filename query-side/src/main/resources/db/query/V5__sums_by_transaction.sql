-- The monthly sums were kept over the lines added since a mark (the last id summed): one mark for
-- the whole processor, so it could run only one segment, and replays ran on one PostgreSQL backend.
-- Each batch now sums the lines its own transaction inserted, found by the transaction id every
-- line carries (an index that grows at its end, as transaction ids do).
ALTER TABLE qs_journal_line ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE qs_credit_movement ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX qs_journal_line_tx ON qs_journal_line (tx);
CREATE INDEX qs_credit_movement_tx ON qs_credit_movement (tx);
DROP TABLE qs_summary_mark;
-- The serial ids were only the marks' positions; with two segments their order differs from one
-- replay to the next. A line is identified by its event's position and its number in the entry.
ALTER TABLE qs_journal_line DROP COLUMN id, DROP CONSTRAINT qs_journal_line_position_line,
    ADD PRIMARY KEY (global_index, line);
ALTER TABLE qs_credit_movement DROP COLUMN id, DROP CONSTRAINT qs_credit_movement_position_line,
    ADD PRIMARY KEY (global_index, line);
-- Never used: the ledger-wide lot listing reads nearly every movement up to its instant anyway.
DROP INDEX qs_credit_movement_time;
