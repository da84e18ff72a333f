-- The sender's delivery id (its Webhook-Id header, the same on every attempt of one delivery), so
-- a support request can name the deliveries the sender's log shows. Not indexed: it is read in
-- exports, never looked up.
ALTER TABLE receiver_webhooks ADD COLUMN delivery_id TEXT;
