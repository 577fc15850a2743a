-- The public board follows newly decided submissions by this index alone (it works the same whichever server
-- process scored them).
CREATE INDEX submissions_by_decision ON submissions (competition_id, decided_ms, id);
