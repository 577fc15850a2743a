-- Settings staff edit per competition (DESIGN.md "Competitions are the root"). rules_md NULL: the rules file or the
-- built-in text. VARCHAR(100000) rather than CLOB/TEXT: one type that H2 2.x and PostgreSQL both read as a string.
ALTER TABLE competitions ADD COLUMN rules_md VARCHAR(100000);
-- TRUE: only staff and the accounts in competition_members may enter the competition.
ALTER TABLE competitions ADD COLUMN restricted BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE competition_members (
    competition_id BIGINT NOT NULL REFERENCES competitions (id),
    account_id     BIGINT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (competition_id, account_id)
);
CREATE INDEX competition_members_by_account ON competition_members (account_id);
