-- Threads. A reply in a thread names the seq of its root, a top-level message of the same room
-- (thread_root_seq; NULL for a top-level message). A root keeps the summary clients show, updated
-- in the transaction that stores each reply: how many replies it has, when the last one came, and
-- the ids of its last three distinct repliers, newest first, comma-separated.
ALTER TABLE messages ADD COLUMN thread_root_seq BIGINT;
ALTER TABLE messages ADD COLUMN thread_reply_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN thread_last_reply_at BIGINT;
ALTER TABLE messages ADD COLUMN thread_last_repliers text;

CREATE INDEX messages_thread ON messages (room_id, thread_root_seq, seq) WHERE thread_root_seq IS NOT NULL;
