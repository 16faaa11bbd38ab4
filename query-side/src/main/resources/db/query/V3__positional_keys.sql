-- Replays wrote event ids (random UUIDs) into two unique indexes per line and a copy of every
-- event's payload into qs_history: random B-tree inserts and twice the bytes. Lines are now unique
-- by their event's position (always increasing, so the index only grows at its end), and history
-- reads the payload from the event store, where it already is.
ALTER TABLE qs_credit_movement DROP CONSTRAINT qs_credit_movement_event_id_line_key,
    ADD CONSTRAINT qs_credit_movement_position_line UNIQUE (global_index, line);
ALTER TABLE qs_journal_line DROP CONSTRAINT qs_journal_line_event_id_line_key,
    ADD CONSTRAINT qs_journal_line_position_line UNIQUE (global_index, line);
ALTER TABLE qs_history DROP COLUMN detail;
