-- The outbox's housekeeping (version 1.2): deliveries are now also 'abandoned' (their target left
-- the configuration; settled_at is when), and settled deliveries and their events are deleted once
-- older than the retention. These indexes serve that sweep and the listing of set-aside deliveries
-- (status, then oldest settled first), and the sweep's look for old events.
CREATE INDEX event_delivery_settled_ix ON event_delivery (status, settled_at);
CREATE INDEX store_event_created_ix ON store_event (created_at);
