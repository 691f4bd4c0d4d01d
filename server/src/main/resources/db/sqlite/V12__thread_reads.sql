-- Thread read marks: how far each member has read each thread, kept by the server so every
-- device of an account shows the same unread threads. A row exists once the member marked the
-- thread read, with when the mark last moved (sync hands back the latest ones); it goes with the
-- membership. A root's summary also keeps the seq of its newest reply, which a thread is unread
-- up to and which a mark is capped at.
ALTER TABLE messages ADD COLUMN thread_last_reply_seq INTEGER;

UPDATE messages SET thread_last_reply_seq = (
    SELECT MAX(r.seq) FROM messages r WHERE r.room_id = messages.room_id AND r.thread_root_seq = messages.seq)
 WHERE thread_reply_count > 0;

CREATE TABLE thread_reads (
    room_id       INTEGER NOT NULL,
    root_seq      INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    last_read_seq INTEGER NOT NULL,
    read_at       INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id, root_seq),
    FOREIGN KEY (room_id, user_id) REFERENCES room_members (room_id, user_id) ON DELETE CASCADE
);

CREATE INDEX thread_reads_latest ON thread_reads (room_id, user_id, read_at);
