-- Calls: one row per call, live (ringing or active) or ended. At most one live call per room
-- (calls_live_room). call_participants holds who is in a live call now, one device each, with the
-- time its node last vouched for the device's socket (heartbeat_at); a user is in at most one call
-- at a time (the primary key on user_id). Rows leave the table when the person leaves or is
-- dropped, and with their call when it ends. call_declines remembers who declined a ringing call.
CREATE TABLE calls (
    id           TEXT    PRIMARY KEY,
    room_id      BIGINT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL CHECK (kind IN ('audio', 'video')),
    state        TEXT    NOT NULL CHECK (state IN ('ringing', 'active', 'ended')),
    started_by   BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    answered_at  BIGINT,
    ended_at     BIGINT,
    end_reason   TEXT CHECK (end_reason IN ('completed', 'missed', 'declined', 'failed'))
);

CREATE UNIQUE INDEX calls_live_room ON calls (room_id) WHERE state <> 'ended';
CREATE INDEX calls_ringing ON calls (created_at) WHERE state = 'ringing';

CREATE TABLE call_participants (
    user_id      BIGINT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    call_id      TEXT    NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    device_id    TEXT    NOT NULL UNIQUE,
    joined_at    BIGINT NOT NULL,
    muted        BOOLEAN NOT NULL DEFAULT FALSE,
    camera_off   BOOLEAN NOT NULL DEFAULT FALSE,
    heartbeat_at BIGINT NOT NULL
);

CREATE INDEX call_participants_call ON call_participants (call_id);
CREATE INDEX call_participants_heartbeat ON call_participants (heartbeat_at);

CREATE TABLE call_declines (
    call_id  TEXT    NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (call_id, user_id)
);
