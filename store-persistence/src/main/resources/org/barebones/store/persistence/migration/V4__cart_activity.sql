-- When an open cart last changed (created, a line put or removed, repriced by a view with
-- use-cache=0), so that carts nobody touches for the idle lifetime can be swept away. NULL once the
-- cart is checked out: a sold cart never expires, and the sweep's index range (changed_at below a
-- cut-off) holds open carts only, so sweeps do not wade through years of sold carts.
ALTER TABLE shopping_cart ADD COLUMN changed_at TIMESTAMP WITH TIME ZONE;

UPDATE shopping_cart SET changed_at = created_at WHERE status = 'open';

ALTER TABLE shopping_cart ADD CONSTRAINT shopping_cart_changed_at_ck CHECK (
    (status = 'open' AND changed_at IS NOT NULL)
    OR (status <> 'open' AND changed_at IS NULL));

-- The sweep's oldest-first walk.
CREATE INDEX shopping_cart_changed_at_ix ON shopping_cart (changed_at);
