-- Sales reach the sellers: an order line remembers its producer (a copy, like its title and
-- price), and each producer who sold in an order has one part of it, which it ships.

-- NULL only on a line recorded before this migration whose product was gone by then: its
-- producer is unknown, and it belongs to no producer's part.
ALTER TABLE purchase_order_line ADD COLUMN producer_id BIGINT;

UPDATE purchase_order_line SET producer_id =
    (SELECT p.producer_id FROM product p WHERE p.id = purchase_order_line.product_id);

CREATE TABLE purchase_order_part (
    order_id    BIGINT      NOT NULL,
    producer_id BIGINT      NOT NULL,
    -- 'pending' until shipped; a column of its own (not only shipped_at) so that the listing's
    -- status filter is one index range.
    status      VARCHAR(16) NOT NULL,
    shipped_at  TIMESTAMP WITH TIME ZONE,
    -- 255 code points may take 510 UTF-16 units, which is what H2 counts; the domain enforces 255.
    tracking    VARCHAR(510),
    CONSTRAINT purchase_order_part_pk PRIMARY KEY (order_id, producer_id),
    CONSTRAINT purchase_order_part_order_fk FOREIGN KEY (order_id)
        REFERENCES purchase_order (id) ON DELETE CASCADE,
    CONSTRAINT purchase_order_part_producer_fk FOREIGN KEY (producer_id) REFERENCES producer (id),
    CONSTRAINT purchase_order_part_status_ck CHECK (
        (status = 'pending' AND shipped_at IS NULL AND tracking IS NULL)
        OR (status = 'shipped' AND shipped_at IS NOT NULL)),
    CONSTRAINT purchase_order_part_tracking_ck CHECK (tracking IS NULL OR CHAR_LENGTH(tracking) >= 1)
);

-- Old orders: one pending part per known producer of their lines (nothing was shipped before).
INSERT INTO purchase_order_part (order_id, producer_id, status)
    SELECT DISTINCT order_id, producer_id, 'pending' FROM purchase_order_line
    WHERE producer_id IS NOT NULL;

-- Every line with a known producer belongs to its producer's part of the same order (a NULL
-- producer is not checked: such a line belongs to none).
ALTER TABLE purchase_order_line ADD CONSTRAINT purchase_order_line_part_fk
    FOREIGN KEY (order_id, producer_id) REFERENCES purchase_order_part (order_id, producer_id);

-- A producer's orders in order id (the listing without a filter, keyset by order id), and with
-- the status filter.
CREATE INDEX purchase_order_part_producer_ix ON purchase_order_part (producer_id, order_id);
CREATE INDEX purchase_order_part_producer_status_ix
    ON purchase_order_part (producer_id, status, order_id);
