-- Holds waiting for their expiry instant, kept in the same transaction as the hold's events; the
-- expiry policy polls this (holds first, then lots) exactly like lot_expiry.
CREATE TABLE hold_expiry (
    account_id     VARCHAR(64)  NOT NULL,
    reservation_id VARCHAR(64)  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    ended          BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (account_id, reservation_id)
);
CREATE INDEX hold_expiry_due ON hold_expiry (expires_at) WHERE NOT ended;
