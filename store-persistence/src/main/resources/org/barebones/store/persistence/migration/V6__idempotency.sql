-- Answers kept for requests sent with an Idempotency-Key (version 1.2), written in the
-- transaction of the change each answers for. A request claims its owner's key by inserting the
-- row first (no answer yet, expiring at once), so that the unique key is held by its uncommitted
-- row while it is carried out; the same transaction then fills in the answer and its expiry. Plain
-- SQL for PostgreSQL and H2 alike.
CREATE TABLE idempotency_record (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- producer:<id> or address:<client address>
    owner_scope  VARCHAR(320)  NOT NULL,
    idem_key     VARCHAR(255)  NOT NULL,
    -- SHA-256 of the request's operation and body, hex; NULL while the row is only a claim.
    fingerprint  VARCHAR(64),
    status       INTEGER,
    -- The answer's headers, one "Name: value" per line (unbounded: a Location holds the
    -- request's Host, which the client chose).
    headers      VARCHAR,
    body         BYTEA,
    kept_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotency_record_key_uk UNIQUE (owner_scope, idem_key)
);

-- The sweep's walk, oldest expiry first.
CREATE INDEX idempotency_record_expires_ix ON idempotency_record (expires_at);
