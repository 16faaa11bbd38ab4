-- A usage row kept three jsonb copies of its event's parts (tokens, pricing, draws): a third of a
-- replay's time went to writing qs_usage. The trace and invoices read them from the stored event,
-- by position, as the history does.
ALTER TABLE qs_usage DROP COLUMN tokens, DROP COLUMN pricing, DROP COLUMN draws;
