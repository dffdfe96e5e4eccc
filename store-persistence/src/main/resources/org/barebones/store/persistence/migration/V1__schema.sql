-- The store's schema. Plain SQL that runs unchanged on PostgreSQL 15 and on H2 2.x in
-- PostgreSQL mode (MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE), so no TIMESTAMPTZ, no ON CONFLICT,
-- no RETURNING. Ids are identity columns: a sequence never hands out a deleted row's id again.

CREATE TABLE producer (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username           VARCHAR(64)  NOT NULL,
    -- Lower-cased username (the domain's Username.canonical()): uniqueness ignores case.
    username_canonical VARCHAR(64)  NOT NULL,
    password_hash      VARCHAR(512) NOT NULL,
    CONSTRAINT producer_username_canonical_uk UNIQUE (username_canonical),
    CONSTRAINT producer_username_canonical_ck CHECK (username_canonical = LOWER(username))
);

CREATE TABLE product (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    producer_id     BIGINT         NOT NULL,
    -- 255 code points may take 510 UTF-16 units, which is what H2 counts; the domain enforces 255.
    title           VARCHAR(510)   NOT NULL,
    price           NUMERIC(12, 2) NOT NULL,
    inventory_count INTEGER        NOT NULL,
    version         BIGINT         NOT NULL,
    CONSTRAINT product_producer_fk FOREIGN KEY (producer_id) REFERENCES producer (id),
    CONSTRAINT product_title_ck CHECK (CHAR_LENGTH(title) >= 1),
    CONSTRAINT product_price_ck CHECK (price >= 0.10),
    CONSTRAINT product_inventory_count_ck CHECK (inventory_count >= 0)
);

-- A producer's products in id order (listByProducers, the producer_id filter of the catalogue,
-- and the foreign key). The catalogue's inventory filter walks the primary key in id order and
-- stops after one page, which beats any index on inventory_count while most products are in
-- stock.
CREATE INDEX product_producer_id_ix ON product (producer_id, id);

CREATE TABLE shopping_cart (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status       VARCHAR(16)    NOT NULL,
    -- Sum of quantity * unit_price over the lines; wide enough for many lines at the maximum
    -- price and quantity (10^6 * 10^6 each).
    cached_price NUMERIC(20, 2) NOT NULL,
    -- No foreign key: purchase_order names its cart, and one of the two must be written first.
    order_id     BIGINT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    -- A cart names its order exactly when it is checked out.
    CONSTRAINT shopping_cart_status_ck CHECK (
        (status = 'open' AND order_id IS NULL)
        OR (status = 'checked_out' AND order_id IS NOT NULL)),
    CONSTRAINT shopping_cart_cached_price_ck CHECK (cached_price >= 0)
);

CREATE TABLE shopping_cart_entry (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shopping_cart_id BIGINT         NOT NULL,
    -- No ON DELETE CASCADE: deleting a product removes its entries explicitly and recomputes the
    -- open carts' prices; a line added concurrently makes the delete fail (and retry) instead of
    -- vanishing silently and leaving a cart's cached price stale.
    product_id       BIGINT         NOT NULL,
    quantity         INTEGER        NOT NULL,
    unit_price       NUMERIC(12, 2) NOT NULL,
    CONSTRAINT shopping_cart_entry_cart_fk FOREIGN KEY (shopping_cart_id)
        REFERENCES shopping_cart (id) ON DELETE CASCADE,
    CONSTRAINT shopping_cart_entry_product_fk FOREIGN KEY (product_id) REFERENCES product (id),
    -- Also the index that loads a cart's lines.
    CONSTRAINT shopping_cart_entry_cart_product_uk UNIQUE (shopping_cart_id, product_id),
    CONSTRAINT shopping_cart_entry_quantity_ck CHECK (quantity > 0),
    CONSTRAINT shopping_cart_entry_unit_price_ck CHECK (unit_price >= 0)
);

-- Finding the carts that hold a product when it is deleted (and the foreign key's check).
CREATE INDEX shopping_cart_entry_product_id_ix ON shopping_cart_entry (product_id);

CREATE TABLE purchase_order (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- No foreign key: an order outlives the deletion of its cart.
    shopping_cart_id BIGINT         NOT NULL,
    total            NUMERIC(20, 2) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- One order per cart, whatever races.
    CONSTRAINT purchase_order_cart_uk UNIQUE (shopping_cart_id)
);

CREATE TABLE purchase_order_line (
    order_id   BIGINT         NOT NULL,
    line_no    INTEGER        NOT NULL,
    -- No foreign key: a product may be deleted; the order keeps its own copy of title and price.
    product_id BIGINT         NOT NULL,
    title      VARCHAR(510)   NOT NULL,
    unit_price NUMERIC(12, 2) NOT NULL,
    quantity   INTEGER        NOT NULL,
    CONSTRAINT purchase_order_line_pk PRIMARY KEY (order_id, line_no),
    CONSTRAINT purchase_order_line_order_fk FOREIGN KEY (order_id)
        REFERENCES purchase_order (id) ON DELETE CASCADE,
    CONSTRAINT purchase_order_line_quantity_ck CHECK (quantity > 0)
);
