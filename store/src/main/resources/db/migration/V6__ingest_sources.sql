-- Each source's totals, kept with every batch received: the Sources page, /api/sources and the
-- silent-source checks read one row per source instead of adding up every batch ever received
-- (a shipper that sends every few seconds makes tens of thousands of batches a day).
CREATE TABLE ingest_source (
    source        VARCHAR(40) PRIMARY KEY,
    batches       BIGINT NOT NULL,
    records       BIGINT NOT NULL,
    events        BIGINT NOT NULL,
    rejected      BIGINT NOT NULL,
    last_received TIMESTAMP WITH TIME ZONE NOT NULL,
    last_event    TIMESTAMP WITH TIME ZONE
);
INSERT INTO ingest_source (source, batches, records, events, rejected, last_received, last_event)
    SELECT source, COUNT(*), SUM(records), SUM(events), SUM(rejected), MAX(received_at), MAX(last_event)
    FROM ingest_batch GROUP BY source;
-- One source's batches, newest first (unravel ingest batches --source), and a batch by its file
-- (the spool's retention notes each file it deletes): both searched every batch before.
CREATE INDEX ingest_batch_source ON ingest_batch (source, id);
CREATE INDEX ingest_batch_file ON ingest_batch (file);
