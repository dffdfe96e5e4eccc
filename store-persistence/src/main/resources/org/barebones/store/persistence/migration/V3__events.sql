-- The events outbox (version 1.1). An event is written in the transaction of the change it
-- describes, with one delivery row per target (a webhook endpoint, an in-process listener), so
-- that both exist exactly when that change commits. Plain SQL for PostgreSQL and H2 alike.

-- The event's data is kept in typed columns rather than as rendered JSON, so this module needs no
-- JSON: order.placed names its order (orders never change once placed; the adapter rebuilds the
-- order as placed), product.out_of_stock keeps a copy of the product as the change left it.
CREATE TABLE store_event (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              VARCHAR(64)  NOT NULL,
    type            VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    order_id        BIGINT,
    producer_id     BIGINT,
    product_id      BIGINT,
    title           VARCHAR(510),
    price           NUMERIC(12, 2),
    inventory_count INTEGER,
    product_version BIGINT,
    tracking        VARCHAR(510),
    shipped_at      TIMESTAMP WITH TIME ZONE,
    order_status    VARCHAR(32),
    CONSTRAINT store_event_id_uk UNIQUE (id)
);

CREATE TABLE event_delivery (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_seq       BIGINT        NOT NULL,
    target          VARCHAR(1024) NOT NULL,
    -- pending (waiting, or claimed until next_attempt_at), delivered, failed (kept for an operator).
    -- No CHECK on the three values: H2 2.4 turns such a check into a constant set bound to the
    -- session that created it, and fails every later insert once that (Flyway's) session closed.
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    -- When its retry horizon started: the event's recording, or an operator's re-queue.
    queued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- When it is due; a claim moves it to the end of the claimer's lease, so a dead claimer's
    -- deliveries come due again by themselves.
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The claim that holds it; only that claim may settle it.
    claim_token     VARCHAR(64),
    last_error      VARCHAR(500),
    settled_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT event_delivery_event_fk FOREIGN KEY (event_seq) REFERENCES store_event (seq),
    CONSTRAINT event_delivery_event_target_uk UNIQUE (event_seq, target),
    CONSTRAINT event_delivery_attempts_ck CHECK (attempts >= 0)
);

-- The claim query (pending, due, oldest first), the pending count and the oldest pending.
CREATE INDEX event_delivery_due_ix ON event_delivery (status, next_attempt_at);
