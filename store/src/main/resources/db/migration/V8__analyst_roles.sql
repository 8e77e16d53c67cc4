-- What a person who signs in may do: an analyst works the cases; a viewer (HR, legal, a manager
-- being briefed) reads them, their briefs and records, and changes nothing.
ALTER TABLE analyst ADD COLUMN role VARCHAR(16) DEFAULT 'analyst' NOT NULL;
