-- A worker's hire and termination dates as the latest scan's HR records give them (yyyy-MM-dd), so
-- that a case's timeline can count from the first day and mark the last: code taken in the first
-- week, an account used after leaving. Null for applicants and for cases saved before this.
ALTER TABLE case_file ADD COLUMN hire_date VARCHAR(10);
ALTER TABLE case_file ADD COLUMN termination_date VARCHAR(10);

-- The identifiers a person shares with others (the latest scan's cluster ties), one row per tie and
-- other person: what a case page needs to show who else the scheme may have hired through them.
-- Addresses keep their text (display); the other identifiers are compared only as keyed hashes
-- and are never stored.
CREATE TABLE case_tie (
    case_id     BIGINT NOT NULL REFERENCES case_file (id),
    tie_kind    VARCHAR(32) NOT NULL,
    display     VARCHAR(300),
    person_kind VARCHAR(16) NOT NULL,
    person_id   VARCHAR(200) NOT NULL,
    person_name VARCHAR(300)
);
CREATE INDEX case_tie_case ON case_tie (case_id);
