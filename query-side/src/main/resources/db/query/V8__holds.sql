-- Holds for streaming calls: what each reservation asked for, and every change of what it holds.
-- Its state (held, captured, released, status, expiry) is the sum of its movements, so the rows are
-- only ever inserted, like every projection here.
CREATE TABLE qs_reservation (
    account_id     VARCHAR(64)    NOT NULL,
    reservation_id VARCHAR(128)   NOT NULL,
    model          VARCHAR(128),
    reserved       NUMERIC(28, 9) NOT NULL,
    occurred_at    TIMESTAMPTZ    NOT NULL,
    global_index   BIGINT         NOT NULL,
    event_id       VARCHAR(255)   NOT NULL,
    PRIMARY KEY (account_id, reservation_id)
);

CREATE TABLE qs_hold_movement (
    global_index   BIGINT         NOT NULL,
    event_id       VARCHAR(255)   NOT NULL,
    account_id     VARCHAR(64)    NOT NULL,
    reservation_id VARCHAR(128)   NOT NULL,
    business_time  TIMESTAMPTZ    NOT NULL,
    kind           VARCHAR(16)    NOT NULL,  -- RESERVED, EXTENDED, CAPTURED, RELEASED, EXPIRED
    held_change    NUMERIC(28, 9) NOT NULL,
    captured       NUMERIC(28, 9) NOT NULL,
    released       NUMERIC(28, 9) NOT NULL,
    expires_at     TIMESTAMPTZ,              -- set when the event sets the hold's expiry
    closes         BOOLEAN        NOT NULL,
    PRIMARY KEY (global_index)
);
CREATE INDEX qs_hold_movement_account ON qs_hold_movement (account_id, reservation_id);
