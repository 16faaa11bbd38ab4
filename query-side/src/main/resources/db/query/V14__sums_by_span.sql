-- The monthly sums found a batch's journal lines and credit movements through an index on the
-- transaction id: two more index entries written for every line, read once. They now find them
-- through the primary key, between the first and last position of the batch's events, and keep only
-- this transaction's rows (the tx column stays, unindexed).
DROP INDEX qs_journal_line_tx;
DROP INDEX qs_credit_movement_tx;
