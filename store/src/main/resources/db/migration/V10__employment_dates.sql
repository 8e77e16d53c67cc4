-- A worker's hire and termination dates as the latest scan's HR records give them (yyyy-MM-dd), so
-- that a case's timeline can count from the first day and mark the last: code taken in the first
-- week, an account used after leaving. Null for applicants and for cases saved before this.
ALTER TABLE case_file ADD COLUMN hire_date VARCHAR(10);
ALTER TABLE case_file ADD COLUMN termination_date VARCHAR(10);
