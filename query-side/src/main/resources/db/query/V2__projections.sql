-- Projections of the query side. All are written by the processing group "ledger-projections"
-- in the same transaction as its tracking token, and every write is idempotent (a natural key per
-- event and line, ON CONFLICT DO NOTHING), because a streaming processor may deliver an event
-- again. All are emptied and rebuilt on replay. Amounts: credits numeric(20,9), money numeric(18,2).

CREATE TABLE qs_account (
    account_id   VARCHAR(64) PRIMARY KEY,
    currency     CHAR(3)     NOT NULL,
    billing_mode VARCHAR(16) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    opened_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE qs_lot (
    account_id     VARCHAR(64)    NOT NULL,
    lot_id         VARCHAR(255)   NOT NULL,
    top_up_id      VARCHAR(64)    NOT NULL,
    kind           VARCHAR(16)    NOT NULL,
    granted        NUMERIC(20, 9) NOT NULL,
    overage_netted NUMERIC(20, 9) NOT NULL,
    allocated_cash NUMERIC(18, 2) NOT NULL,
    granted_at     TIMESTAMPTZ    NOT NULL,
    expires_at     TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (account_id, lot_id)
);

-- Every change of credit, by lot: the credits roll-forward and balances as of any instant.
-- kind: granted | consumed | netted | expired | refunded (lot credit), overage | overage_netted (negative balance)
CREATE TABLE qs_credit_movement (
    id            BIGSERIAL PRIMARY KEY,
    global_index  BIGINT         NOT NULL,
    event_id      VARCHAR(255)   NOT NULL,
    line          SMALLINT       NOT NULL,
    account_id    VARCHAR(64)    NOT NULL,
    lot_id        VARCHAR(255),
    business_time TIMESTAMPTZ    NOT NULL,
    kind          VARCHAR(16)    NOT NULL,
    credits       NUMERIC(20, 9) NOT NULL,
    UNIQUE (event_id, line)
);
CREATE INDEX qs_credit_movement_account ON qs_credit_movement (account_id, business_time);
CREATE INDEX qs_credit_movement_time ON qs_credit_movement (business_time);

-- The double-entry journal (docs/accounting.md). Every line carries its event, lot and account.
CREATE TABLE qs_journal_line (
    id              BIGSERIAL PRIMARY KEY,
    global_index    BIGINT         NOT NULL,
    event_id        VARCHAR(255)   NOT NULL,
    line            SMALLINT       NOT NULL,
    event_type      VARCHAR(64)    NOT NULL,
    account_id      VARCHAR(64)    NOT NULL,
    lot_id          VARCHAR(255),
    currency        CHAR(3)        NOT NULL,
    business_time   TIMESTAMPTZ    NOT NULL,
    account_code    CHAR(4)        NOT NULL,
    debit           NUMERIC(18, 2) NOT NULL DEFAULT 0,
    credit          NUMERIC(18, 2) NOT NULL DEFAULT 0,
    source          VARCHAR(16)    NOT NULL,
    idempotency_key VARCHAR(255),
    UNIQUE (event_id, line)
);
CREATE INDEX qs_journal_line_time ON qs_journal_line (account_code, business_time);
CREATE INDEX qs_journal_line_account ON qs_journal_line (account_id, business_time);

-- Usage as charged, for traces and invoices.
CREATE TABLE qs_usage (
    account_id        VARCHAR(64)    NOT NULL,
    idempotency_key   VARCHAR(255)   NOT NULL,
    event_id          VARCHAR(255)   NOT NULL,
    global_index      BIGINT         NOT NULL,
    request_id        VARCHAR(255),
    api_key_id        VARCHAR(255),
    model             VARCHAR(128),
    occurred_at       TIMESTAMPTZ    NOT NULL,
    amount            NUMERIC(20, 9) NOT NULL,
    overage           NUMERIC(20, 9) NOT NULL,
    postpaid_revenue  NUMERIC(18, 2) NOT NULL,
    rate_card_version VARCHAR(64),
    actor             VARCHAR(64),
    tokens            JSONB          NOT NULL,
    pricing           JSONB,
    draws             JSONB          NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX qs_usage_month ON qs_usage (account_id, occurred_at);

-- Every event of an account with what it did to the balance, for support's history.
CREATE TABLE qs_history (
    global_index  BIGINT PRIMARY KEY,
    event_id      VARCHAR(255)   NOT NULL,
    account_id    VARCHAR(64)    NOT NULL,
    event_type    VARCHAR(64)    NOT NULL,
    business_time TIMESTAMPTZ    NOT NULL,
    recorded_at   TIMESTAMPTZ    NOT NULL,
    balance_delta NUMERIC(20, 9) NOT NULL,
    actor         VARCHAR(64),
    detail        JSONB          NOT NULL
);
CREATE INDEX qs_history_account ON qs_history (account_id, global_index);

-- Per-lot state for the proportional breakage method (docs/accounting.md, breakage); empty under the remote method.
CREATE TABLE qs_breakage_lot (
    account_id   VARCHAR(64)    NOT NULL,
    lot_id       VARCHAR(255)   NOT NULL,
    cash         NUMERIC(18, 2) NOT NULL,
    cash_bearing NUMERIC(20, 9) NOT NULL,
    used         NUMERIC(20, 9) NOT NULL DEFAULT 0,
    remaining    NUMERIC(20, 9) NOT NULL,
    released     NUMERIC(18, 2) NOT NULL DEFAULT 0,
    accrued      NUMERIC(18, 2) NOT NULL DEFAULT 0,
    -- the last event applied: a lot's events arrive in order, so one seen again is skipped
    last_position BIGINT        NOT NULL DEFAULT -1,
    PRIMARY KEY (account_id, lot_id)
);

-- Monthly sums the reports read instead of the journal and movements themselves: per account
-- (scope = account id) and for the whole ledger (scope = '*'). Kept by set-based statements at the
-- end of every projection batch over the lines and movements added since the last mark, so they
-- grow only from rows that were really inserted (a redelivered event adds none).
CREATE TABLE qs_liability_month (
    scope     VARCHAR(64)    NOT NULL,
    currency  CHAR(3)        NOT NULL,
    month     DATE           NOT NULL,
    source    VARCHAR(16)    NOT NULL,
    lot_month DATE           NOT NULL, -- month the lot was granted; 9999-12-01 for lines of no lot
    debit     NUMERIC(20, 2) NOT NULL,
    credit    NUMERIC(20, 2) NOT NULL,
    PRIMARY KEY (scope, currency, month, source, lot_month)
);

CREATE TABLE qs_credit_month (
    scope    VARCHAR(64)    NOT NULL,
    currency CHAR(3)        NOT NULL,
    month    DATE           NOT NULL,
    kind     VARCHAR(16)    NOT NULL,
    credits  NUMERIC(24, 9) NOT NULL,
    PRIMARY KEY (scope, currency, month, kind)
);

CREATE TABLE qs_summary_mark (
    name    VARCHAR(16) PRIMARY KEY,
    last_id BIGINT      NOT NULL
);
INSERT INTO qs_summary_mark (name, last_id) VALUES ('journal', 0), ('credits', 0);
