-- Need to know: a viewer (HR, legal, a manager being briefed) reads only the cases an analyst has
-- shared with them. Each sharing and its end is also written in the case's history.
CREATE TABLE case_viewer (
    case_id   BIGINT NOT NULL REFERENCES case_file (id),
    viewer    VARCHAR(100) NOT NULL,
    shared_at TIMESTAMP WITH TIME ZONE NOT NULL,
    shared_by VARCHAR(200) NOT NULL,
    PRIMARY KEY (case_id, viewer)
);
CREATE INDEX case_viewer_viewer ON case_viewer (viewer);

-- Viewers of a store from before this read every case: they keep the cases there are now.
INSERT INTO case_viewer (case_id, viewer, shared_at, shared_by)
    SELECT c.id, a.name, CURRENT_TIMESTAMP, 'unravel'
    FROM case_file c CROSS JOIN analyst a
    WHERE a.role = 'viewer' AND a.removed_at IS NULL;
