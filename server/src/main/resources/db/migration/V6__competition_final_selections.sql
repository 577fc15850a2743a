-- How many submissions a student may mark as final in each competition (DESIGN.md: "default 2").
ALTER TABLE competitions ADD COLUMN final_selections INT DEFAULT 2 NOT NULL;
