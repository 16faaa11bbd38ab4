-- Tables the command side keeps beside the event store, each written in the same transaction as
-- the events it reflects (by the aggregate's command handler or a subscribing event handler).

-- Usage idempotency keys, forever (docs/domain.md, usage debits), with the receipt a retry gets back.
CREATE TABLE usage_receipt (
    account_id      VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_digest  VARCHAR(64)  NOT NULL,
    receipt         JSONB        NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);

-- Lots waiting for their expiry instant; the expiry policy polls this, not the event store.
CREATE TABLE lot_expiry (
    account_id VARCHAR(64)  NOT NULL,
    lot_id     VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    expired    BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (account_id, lot_id)
);
CREATE INDEX lot_expiry_due ON lot_expiry (expires_at) WHERE NOT expired;

-- Published rate cards, for pricing without replaying events.
CREATE TABLE rate_card (
    version        VARCHAR(64) NOT NULL PRIMARY KEY,
    effective_from TIMESTAMPTZ NOT NULL,
    models         JSONB       NOT NULL
);

-- The manual clock's now, so a restart resumes where a scripted history left off.
CREATE TABLE ledger_clock (
    id  SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    now TIMESTAMPTZ NOT NULL
);
