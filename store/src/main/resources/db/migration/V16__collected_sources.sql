-- The logs the console pulls from vendors' APIs (serve --collect) are kept in the spool as batches
-- too, each run's file one batch: they have no token, as no sender brought them. The Sources page,
-- /api/sources, 'unravel ingest batches' and the silent-source checks see them as any feed.
ALTER TABLE ingest_batch ALTER COLUMN token_id DROP NOT NULL;

-- Each log the console collects, by the name its state is kept under (source, organisation, log):
-- how its runs go. A collection that keeps failing (a token revoked, a permission taken away) is a
-- feed about to fall silent, and says why before it does.
CREATE TABLE collect_source (
    name         VARCHAR(200) PRIMARY KEY,
    source       VARCHAR(40) NOT NULL,
    what         VARCHAR(300) NOT NULL,
    first_run    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_success TIMESTAMP WITH TIME ZONE,
    last_brought TIMESTAMP WITH TIME ZONE,
    runs         BIGINT NOT NULL,
    records      BIGINT NOT NULL,
    last_records BIGINT NOT NULL,
    failing      BIGINT NOT NULL,
    last_error   VARCHAR(1000)
);
