-- Files: one row for a file's whole life. An upload (tus) is a row with completed_at NULL and an
-- expiry; its last byte makes it a file (completed_at set, content sniffed). Attaching it to a
-- message links it in message_files (at most once). Deleting the message marks it deleted; its
-- bytes are purged after a grace (purged_at). Bytes live in the blob store under blob_key (and thumb_key).
CREATE TABLE files (
    id            TEXT    PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    claimed_type  TEXT,
    content_type  TEXT,
    kind          TEXT CHECK (kind IN ('image', 'video', 'audio', 'pdf', 'file')),
    width         INTEGER,
    height        INTEGER,
    upload_offset INTEGER NOT NULL DEFAULT 0,
    blob_key      TEXT    NOT NULL,
    thumb_key     TEXT,
    preview_state TEXT,
    created_at    INTEGER NOT NULL,
    completed_at  INTEGER,
    expires_at    INTEGER,
    deleted_at    INTEGER,
    -- set when a deleted file's bytes were removed from the blob store (after the grace)
    purged_at     INTEGER
);

CREATE INDEX files_owner ON files (owner_id, created_at);
CREATE INDEX files_expiry ON files (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX files_deleted ON files (deleted_at) WHERE deleted_at IS NOT NULL AND purged_at IS NULL;

CREATE TABLE message_files (
    room_id  INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    position INTEGER NOT NULL,
    file_id  TEXT    NOT NULL UNIQUE REFERENCES files (id) ON DELETE CASCADE,
    PRIMARY KEY (room_id, seq, position)
);
