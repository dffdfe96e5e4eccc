-- Version 1.2: a producer's part of an order can be canceled while it is pending (by the buyer or
-- by that producer), and its stock comes back. Plain SQL for PostgreSQL and H2 alike.

-- When, by whom ('buyer' or 'producer') and why (optional) a part was canceled. 255 code points may
-- take 510 UTF-16 units, which is what H2 counts; the domain enforces 255.
ALTER TABLE purchase_order_part ADD COLUMN canceled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE purchase_order_part ADD COLUMN canceled_by VARCHAR(16);
ALTER TABLE purchase_order_part ADD COLUMN cancel_reason VARCHAR(510);

-- A part is pending, shipped or canceled, never two of them. (canceled_by's two values are not
-- checked here: see V3 on what H2 2.4 makes of a set of constants in a CHECK.)
ALTER TABLE purchase_order_part DROP CONSTRAINT purchase_order_part_status_ck;
ALTER TABLE purchase_order_part ADD CONSTRAINT purchase_order_part_status_ck CHECK (
    (status = 'pending' AND shipped_at IS NULL AND tracking IS NULL AND canceled_at IS NULL
        AND canceled_by IS NULL AND cancel_reason IS NULL)
    OR (status = 'shipped' AND shipped_at IS NOT NULL AND canceled_at IS NULL
        AND canceled_by IS NULL AND cancel_reason IS NULL)
    OR (status = 'canceled' AND canceled_at IS NOT NULL AND shipped_at IS NULL
        AND tracking IS NULL AND canceled_by IS NOT NULL));
ALTER TABLE purchase_order_part ADD CONSTRAINT purchase_order_part_reason_ck
    CHECK (cancel_reason IS NULL OR CHAR_LENGTH(cancel_reason) >= 1);

-- order.canceled in the outbox's typed columns (with order_id, producer_id and order_status); its
-- lines are the order's lines of that producer, which never change. product.back_in_stock uses
-- the product columns, like product.out_of_stock.
ALTER TABLE store_event ADD COLUMN canceled_by VARCHAR(16);
ALTER TABLE store_event ADD COLUMN reason VARCHAR(510);
ALTER TABLE store_event ADD COLUMN canceled_at TIMESTAMP WITH TIME ZONE;
