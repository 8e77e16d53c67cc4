-- When a batch's file was deleted from the spool under the retention period (serve --keep-days):
-- the record that it came, and what it held, stays.
ALTER TABLE ingest_batch ADD COLUMN removed_at TIMESTAMP WITH TIME ZONE;
