-- Who opened a case by hand (on a tip from HR, or a worker the scans score below the opening level);
-- NULL for a case a scan opened. Later scans keep such a case up to date as any other.
ALTER TABLE case_file ADD COLUMN opened_by VARCHAR(200);
