-- Attachments in search. A message stored with files keeps, in its own row, the names of its
-- files one a line (file_names, NULL without files) and whether it has any file and any image
-- (has_file, has_image); the message writer sets them in the insert that stores the message, and a
-- tombstone clears them. The search index (see V3) now holds the file names after the text, so
-- their words are found like words of the message:
--   U1 U2 R1 R2 ' ' text ' ' names ' '      (the newline between them is a separator)
-- has:file and has:image are checked on the flags.

ALTER TABLE messages ADD COLUMN file_names TEXT;
ALTER TABLE messages ADD COLUMN has_file INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN has_image INTEGER NOT NULL DEFAULT 0;

CREATE INDEX messages_with_files ON messages (id) WHERE has_file = 1;

DROP TRIGGER messages_search_insert;
DROP TRIGGER messages_search_update;

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
WHEN new.kind = 'text' AND new.deleted_at IS NULL
BEGIN
    INSERT INTO message_search (rowid, body) VALUES (new.id,
        char(1, 57344 + COALESCE(new.sender_id, 0) / 6400 % 6400, 57344 + COALESCE(new.sender_id, 0) % 6400)
        || char(2, 57344 + new.room_id / 6400 % 6400, 57344 + new.room_id % 6400)
        || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.content || COALESCE(char(10) || new.file_names, ''), char(9), ' '), char(10), ' '), char(13), ' '), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' '), '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' '), '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' '), '}', ' '), '~', ' '), '“', ' '), '”', ' '), '‘', ' '), '’', ' '), '—', ' '), '–', ' '), '…', ' '), '«', ' '), '»', ' '), '¡', ' '), '¿', ' '), '·', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') || ' ');
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF content, kind, deleted_at, file_names ON messages
BEGIN
    DELETE FROM message_search WHERE rowid = old.id;
    INSERT INTO message_search (rowid, body) SELECT new.id,
        char(1, 57344 + COALESCE(new.sender_id, 0) / 6400 % 6400, 57344 + COALESCE(new.sender_id, 0) % 6400)
        || char(2, 57344 + new.room_id / 6400 % 6400, 57344 + new.room_id % 6400)
        || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.content || COALESCE(char(10) || new.file_names, ''), char(9), ' '), char(10), ' '), char(13), ' '), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' '), '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' '), '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' '), '}', ' '), '~', ' '), '“', ' '), '”', ' '), '‘', ' '), '’', ' '), '—', ' '), '–', ' '), '…', ' '), '«', ' '), '»', ' '), '¡', ' '), '¿', ' '), '·', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') || ' '
     WHERE new.kind = 'text' AND new.deleted_at IS NULL;
END;

-- Messages that already hold files (the update re-indexes them through the trigger above).
UPDATE messages
   SET file_names = (SELECT group_concat(name, char(10)) FROM (
                        SELECT f.name FROM message_files mf JOIN files f ON f.id = mf.file_id
                         WHERE mf.room_id = messages.room_id AND mf.seq = messages.seq ORDER BY mf.position)),
       has_file = 1,
       has_image = EXISTS (SELECT 1 FROM message_files mf JOIN files f ON f.id = mf.file_id
                            WHERE mf.room_id = messages.room_id AND mf.seq = messages.seq AND f.kind = 'image')
 WHERE deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM message_files mf WHERE mf.room_id = messages.room_id AND mf.seq = messages.seq);
