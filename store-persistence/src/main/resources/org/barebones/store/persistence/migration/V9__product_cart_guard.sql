-- Where a cart line and the deletion of its product meet on H2, away from the product's row.
-- A cart line needs its product to exist, not the product's stock: on PostgreSQL, putting a line
-- takes the product row FOR KEY SHARE, which a checkout's decrement (FOR NO KEY UPDATE) does not
-- wait for and a DELETE does. H2 has exclusive row locks only, and its foreign key checks do not
-- see other transactions' uncommitted rows; so on H2 putting a line and deleting a product both
-- write this product's row here first (created on first use, removed with the product), and the
-- two are ordered while checkouts, which never touch it, go on. PostgreSQL leaves it empty.
CREATE TABLE product_cart_guard (
    product_id BIGINT NOT NULL,
    CONSTRAINT product_cart_guard_pk PRIMARY KEY (product_id)
);
