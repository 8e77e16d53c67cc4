-- The "what to check next" steps an analyst marked done on a case: the step by a key of its team and
-- text (a step reworded by the team's own checks is a new step), who marked it and when. Marking
-- and unmarking go into the case's history too.
CREATE TABLE case_step (
    case_id  BIGINT NOT NULL REFERENCES case_file (id),
    step_key CHAR(16) NOT NULL,
    done_by  VARCHAR(200) NOT NULL,
    done_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (case_id, step_key)
);
