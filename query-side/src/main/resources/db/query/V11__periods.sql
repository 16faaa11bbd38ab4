-- Period close and the recording-time axis. Every journal line and credit movement carries the
-- month it is posted in (its business month, unless that month was closed when it was recorded:
-- then the first open month) and when it was recorded, so "as known at" reads filter on it and
-- the monthly sums group by posting month. Rows projected before keep their business month.
ALTER TABLE qs_journal_line ADD COLUMN posting_month DATE, ADD COLUMN recorded_at TIMESTAMPTZ;
ALTER TABLE qs_credit_movement ADD COLUMN posting_month DATE, ADD COLUMN recorded_at TIMESTAMPTZ;
ALTER TABLE qs_lot ADD COLUMN recorded_at TIMESTAMPTZ;
UPDATE qs_journal_line j SET posting_month = date_trunc('month', j.business_time AT TIME ZONE 'UTC')::date,
    recorded_at = e.timestamp::timestamptz FROM domainevententry e WHERE e.globalindex = j.global_index;
UPDATE qs_credit_movement m SET posting_month = date_trunc('month', m.business_time AT TIME ZONE 'UTC')::date,
    recorded_at = e.timestamp::timestamptz FROM domainevententry e WHERE e.globalindex = m.global_index;
UPDATE qs_lot l SET recorded_at = (SELECT min(m.recorded_at) FROM qs_credit_movement m
    WHERE m.account_id = l.account_id AND m.lot_id = l.lot_id);
UPDATE qs_lot SET recorded_at = granted_at WHERE recorded_at IS NULL;
ALTER TABLE qs_journal_line ALTER COLUMN posting_month SET NOT NULL, ALTER COLUMN recorded_at SET NOT NULL;
ALTER TABLE qs_credit_movement ALTER COLUMN posting_month SET NOT NULL, ALTER COLUMN recorded_at SET NOT NULL;
ALTER TABLE qs_lot ALTER COLUMN recorded_at SET NOT NULL;
-- Out-of-period postings: the lines posted after their business month closed.
CREATE INDEX qs_journal_line_late ON qs_journal_line (posting_month)
    WHERE posting_month <> date_trunc('month', business_time AT TIME ZONE 'UTC')::date;

-- The monthly sums are by posting month; "late" sums what was posted out of its business month.
ALTER TABLE qs_liability_month ADD COLUMN late BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE qs_liability_month DROP CONSTRAINT qs_liability_month_pkey,
    ADD PRIMARY KEY (scope, currency, month, source, lot_month, late);

-- Closes and reopens as recorded, in order; GET /v1/periods reads the last of each period.
CREATE TABLE qs_period_event (
    global_index  BIGINT PRIMARY KEY,
    period        DATE         NOT NULL,
    kind          VARCHAR(16)  NOT NULL, -- closed | reopen_requested | reopened
    actor         VARCHAR(64),
    approved_by   VARCHAR(64),
    report_digest CHAR(64),
    reason        VARCHAR(500),
    at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX qs_period_event_period ON qs_period_event (period, global_index);

-- Holds on the recording-time axis too, so a balance "as known at" leaves out later holds.
ALTER TABLE qs_hold_movement ADD COLUMN recorded_at TIMESTAMPTZ;
UPDATE qs_hold_movement h SET recorded_at = e.timestamp::timestamptz FROM domainevententry e
    WHERE e.globalindex = h.global_index;
ALTER TABLE qs_hold_movement ALTER COLUMN recorded_at SET NOT NULL;
