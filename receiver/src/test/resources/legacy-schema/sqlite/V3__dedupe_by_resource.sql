-- Redeliveries are found through receiver_webhooks_resource (resource_id, received_at): a dedupe
-- key is a hash, so its own index took an insert at a random place on every accepted webhook (one
-- more page written per webhook under load), while the resource index grows at its end.
DROP INDEX receiver_webhooks_dedupe;
