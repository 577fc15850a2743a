-- A submission's message as data (issue 15), beside the English text in message: JSON {"key", "args"} that the
-- site renders in the student's language. NULL for messages stored before (they are shown in English).
ALTER TABLE submissions ADD COLUMN message_key VARCHAR(4000);
