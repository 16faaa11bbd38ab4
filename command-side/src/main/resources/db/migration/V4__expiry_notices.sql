-- Pre-expiry notices waiting for their instant (a lot's expiry minus N days), one row per lot and N,
-- kept in the transaction of the events that create or change them and polled like lot_expiry.
CREATE TABLE lot_notice (
    account_id  VARCHAR(64)  NOT NULL,
    lot_id      VARCHAR(255) NOT NULL,
    days_before INTEGER      NOT NULL,
    due_at      TIMESTAMPTZ  NOT NULL,
    done        BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (account_id, lot_id, days_before)
);
CREATE INDEX lot_notice_due ON lot_notice (due_at) WHERE NOT done;

-- The notice days an account asked for (none here: the default 60, 7 and 1).
CREATE TABLE notice_days (
    account_id VARCHAR(64) NOT NULL PRIMARY KEY,
    days       INTEGER[]   NOT NULL
);
