CREATE TABLE rooms (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL CHECK (kind IN ('direct', 'group')),
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    direct_key      TEXT    UNIQUE,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    last_seq        INTEGER NOT NULL DEFAULT 0,
    last_rev        INTEGER NOT NULL DEFAULT 0,
    last_message_at INTEGER
);

CREATE TABLE room_members (
    room_id       INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at     INTEGER NOT NULL,
    last_read_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user ON room_members (user_id);

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    rev         INTEGER NOT NULL,
    sender_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('text', 'system')),
    content     TEXT    NOT NULL,
    client_id   TEXT,
    reply_to    INTEGER,
    created_at  INTEGER NOT NULL,
    edited_at   INTEGER,
    deleted_at  INTEGER,
    UNIQUE (room_id, seq)
);

CREATE UNIQUE INDEX messages_client_id ON messages (sender_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_room_rev ON messages (room_id, rev);

CREATE TABLE reactions (
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);
