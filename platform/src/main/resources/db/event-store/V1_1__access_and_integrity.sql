-- API keys (both services authenticate with them) and the per-account hash chain over events.
CREATE TABLE IF NOT EXISTS api_key (
    key_id      VARCHAR(32)  PRIMARY KEY,
    secret_hash CHAR(64)     NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    account_id  VARCHAR(64),
    description VARCHAR(255),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    created_by  VARCHAR(64)  NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  VARCHAR(64)
);

-- hash = SHA-256(previous hash of the aggregate + canonical event), written in the events' transaction.
CREATE TABLE IF NOT EXISTS event_hash (
    aggregate_id    VARCHAR(255) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    hash            CHAR(64)     NOT NULL,
    PRIMARY KEY (aggregate_id, sequence_number)
);

DROP TRIGGER IF EXISTS event_hash_append_only ON event_hash;
CREATE TRIGGER event_hash_append_only
    BEFORE UPDATE OR DELETE ON event_hash
    FOR EACH ROW EXECUTE FUNCTION refuse_event_rewrite();
