-- Mentions: the members a message names (",3,7,", so a member is found with LIKE '%,3,%'), and
-- whether it calls on the whole room (@room, owners and admins only). Set when a message is stored
-- or edited; the unread mention count of a member reads them after the member's read mark.
ALTER TABLE messages ADD COLUMN mention_ids text;
ALTER TABLE messages ADD COLUMN mentions_room boolean NOT NULL DEFAULT false;

-- What a member is notified of in a room: everything, mentions only, or nothing; and, while
-- muted_until (epoch ms) is in the future, nothing whatever the level.
ALTER TABLE room_members ADD COLUMN notify_level text NOT NULL DEFAULT 'all'
    CHECK (notify_level IN ('all', 'mentions', 'nothing'));
ALTER TABLE room_members ADD COLUMN muted_until bigint;
