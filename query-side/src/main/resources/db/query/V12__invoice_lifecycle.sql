-- Postpaid usage is invoiced in its own month unless that month's invoice was already issued; the
-- usage event says which (events before invoices were issued: their own month).
ALTER TABLE qs_usage ADD COLUMN invoice_month DATE;
UPDATE qs_usage u SET invoice_month = date_trunc('month', u.occurred_at AT TIME ZONE 'UTC')::date
    FROM qs_account a WHERE a.account_id = u.account_id AND a.billing_mode = 'POSTPAID';
CREATE INDEX qs_usage_invoice ON qs_usage (account_id, invoice_month) WHERE invoice_month IS NOT NULL;

-- Issued invoices with their frozen lines, and the payments against them.
CREATE TABLE qs_invoice (
    invoice_id   VARCHAR(80)    PRIMARY KEY,
    account_id   VARCHAR(64)    NOT NULL,
    month        DATE           NOT NULL,
    total        NUMERIC(20, 2) NOT NULL,
    lines        JSONB          NOT NULL,
    issued_at    TIMESTAMPTZ    NOT NULL,
    due_at       TIMESTAMPTZ    NOT NULL,
    global_index BIGINT         NOT NULL
);
CREATE INDEX qs_invoice_account ON qs_invoice (account_id, month);

CREATE TABLE qs_invoice_payment (
    global_index BIGINT         PRIMARY KEY,
    invoice_id   VARCHAR(80)    NOT NULL,
    payment_id   VARCHAR(64)    NOT NULL,
    amount       NUMERIC(20, 2) NOT NULL,
    paid_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX qs_invoice_payment_invoice ON qs_invoice_payment (invoice_id, paid_at);
