-- The next month each account's plan bills, as its latest plan event says (null: none); polled
-- like lot_expiry, each month billed by the account once whichever node asks.
CREATE TABLE plan_renewal (
    account_id   VARCHAR(64) PRIMARY KEY,
    next_month   DATE
);
CREATE INDEX plan_renewal_due ON plan_renewal (next_month) WHERE next_month IS NOT NULL;
