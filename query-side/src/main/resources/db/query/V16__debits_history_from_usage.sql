-- A debit's history row said what its usage row says, but for when it was recorded and what it took
-- from the balance: the usage row now says those too, and history reads debits from it, so a debit
-- writes one projection row fewer. Rows already projected move over as they are.
ALTER TABLE qs_usage ADD COLUMN recorded_at TIMESTAMPTZ, ADD COLUMN balance_delta NUMERIC(20, 9);
UPDATE qs_usage u SET recorded_at = h.recorded_at, balance_delta = h.balance_delta
FROM qs_history h WHERE h.global_index = u.global_index;
DELETE FROM qs_history WHERE event_type = 'UsageDebited';
ALTER TABLE qs_usage ALTER COLUMN recorded_at SET NOT NULL, ALTER COLUMN balance_delta SET NOT NULL;
