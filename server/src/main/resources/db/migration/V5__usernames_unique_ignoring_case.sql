-- Usernames are unique ignoring case. username_lower is the lower-cased username under a unique index. Accounts
-- created before this rule may hold names that differ only in case ("Alice", "alice"): the oldest of them gets
-- username_lower, the others keep NULL (a unique index allows many NULLs on H2 and PostgreSQL), so this migration
-- works on such a database too; they still log in with their exact spelling, and no new one can be made.
ALTER TABLE accounts ADD COLUMN username_lower VARCHAR(64);

UPDATE accounts SET username_lower = LOWER(username)
WHERE id = (SELECT MIN(earlier.id) FROM accounts earlier WHERE LOWER(earlier.username) = LOWER(accounts.username));

CREATE UNIQUE INDEX accounts_by_username_lower ON accounts (username_lower);
