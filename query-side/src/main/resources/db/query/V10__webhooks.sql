-- Webhooks (Standard Webhooks). An endpoint receives the events recorded after it was created
-- (from_position) of the types it asked for. wh_message is the outbox: one row per event and endpoint,
-- written by the webhook processor in the same transaction as its token, so an event is neither lost
-- nor queued twice; senders on any node claim rows (claimed_until) and log every attempt.
CREATE TABLE wh_endpoint (
    endpoint_id     VARCHAR(40)   PRIMARY KEY,
    url             VARCHAR(2048) NOT NULL,
    event_types     TEXT[]        NOT NULL,
    description     VARCHAR(500),
    secret          VARCHAR(100)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,  -- ENABLED, DISABLED (the receiver answered 410), DELETED
    status_reason   VARCHAR(500),
    from_position   BIGINT        NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL
);

CREATE TABLE wh_message (
    message_id      VARCHAR(40)   PRIMARY KEY,  -- the webhook-id header: the same on every attempt
    endpoint_id     VARCHAR(40)   NOT NULL REFERENCES wh_endpoint (endpoint_id),
    event_type      VARCHAR(64)   NOT NULL,
    account_id      VARCHAR(64),
    global_index    BIGINT        NOT NULL,
    event_id        VARCHAR(255)  NOT NULL,
    body            TEXT          NOT NULL,
    status          VARCHAR(16)   NOT NULL,     -- PENDING, DELIVERED, FAILED
    attempts        INT           NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    claimed_by      VARCHAR(100),
    claimed_until   TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX wh_message_due ON wh_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX wh_message_account ON wh_message (account_id, created_at);

CREATE TABLE wh_attempt (
    message_id      VARCHAR(40)   NOT NULL REFERENCES wh_message (message_id),
    attempt         INT           NOT NULL,
    attempted_at    TIMESTAMPTZ   NOT NULL,
    sent_by         VARCHAR(100)  NOT NULL,
    status_code     INT,                        -- none when no answer came (timeout, refused connection)
    duration_ms     BIGINT        NOT NULL,
    error           VARCHAR(500),
    PRIMARY KEY (message_id, attempt)
);
