-- Finer planner statistics for the two search columns. With the default sample, PostgreSQL
-- misjudges how many messages a part of a word such as '%viro%' matches, and walks the whole
-- table newest first where the trigram index would find the few matches at once. A larger
-- sample of the folded text lets it estimate such patterns from the data.
ALTER TABLE messages ALTER COLUMN search_text SET STATISTICS 1000;
ALTER TABLE messages ALTER COLUMN search_vector SET STATISTICS 1000;
ANALYZE messages;
