-- The records of batches whose files the spool's retention deleted are pruned by that time
-- (serve --keep-batch-records): an index range, not a scan of every batch ever received.
CREATE INDEX ingest_batch_removed ON ingest_batch (removed_at);
