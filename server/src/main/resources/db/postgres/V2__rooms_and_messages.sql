CREATE TABLE rooms (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('direct', 'group')),
    name            TEXT    NOT NULL,
    description     TEXT    NOT NULL DEFAULT '',
    direct_key      TEXT    UNIQUE,
    created_by      BIGINT  NOT NULL REFERENCES users (id),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    last_seq        BIGINT  NOT NULL DEFAULT 0,
    last_rev        BIGINT  NOT NULL DEFAULT 0,
    last_message_at BIGINT 
);

CREATE TABLE room_members (
    room_id       BIGINT  NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at     BIGINT  NOT NULL,
    last_read_seq BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_members_user ON room_members (user_id);

CREATE TABLE messages (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id     BIGINT  NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq         BIGINT  NOT NULL,
    rev         BIGINT  NOT NULL,
    sender_id   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('text', 'system')),
    content     TEXT    NOT NULL,
    client_id   TEXT,
    reply_to    BIGINT ,
    created_at  BIGINT  NOT NULL,
    edited_at   BIGINT ,
    deleted_at  BIGINT ,
    UNIQUE (room_id, seq)
);

CREATE UNIQUE INDEX messages_client_id ON messages (sender_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX messages_room_rev ON messages (room_id, rev);

CREATE TABLE reactions (
    message_id BIGINT  NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);
