-- FALSE once a submission's bytes are not in the upload store: a refusal decided before they were stored (deadline,
-- daily limit, uploads in flight), or a refused file pruned after its retention period.
ALTER TABLE submissions ADD COLUMN bytes_kept BOOLEAN DEFAULT TRUE NOT NULL;
CREATE INDEX submissions_by_state ON submissions (state, id);
