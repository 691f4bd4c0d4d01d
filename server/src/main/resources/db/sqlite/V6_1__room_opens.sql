-- Which members have taken part in which rooms (sent a message, read one that arrived after they
-- joined, or created the room). A member's presence is shown to a group's other members only
-- once they have; existing memberships count as taken part, so nothing changes for them.
CREATE TABLE room_opens (
    room_id   INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    opened_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_opens_user ON room_opens (user_id);

INSERT INTO room_opens (room_id, user_id, opened_at) SELECT room_id, user_id, joined_at FROM room_members;
