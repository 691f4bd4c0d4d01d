-- Full-text search over text messages: one FTS5 trigram index, message_search, keyed by message
-- id and contentless (the text lives in messages only). Triggers keep it in step with every
-- insert, edit, delete and tombstone; system messages and deleted messages are not indexed.
--
-- What is indexed for a message is
--   U1 U2 R1 R2 ' ' text ' '
-- where U1 = char(1) and U2 two private-use characters encoding the sender id, R1 = char(2) and
-- R2 two encoding the room id (so that from: and in: are single trigrams of the index; control
-- characters never occur in messages), and text is the content with white space and
-- punctuation turned into single spaces. The tokenizer folds case and accents. Then:
--   a part of a word           'error'          is the substring  error
--   a whole word               'go'             is  ' go '
--   the start of a word        'deplo*'         is  ' deplo'
--   words in order             '"exact phrase"' is  ' exact phrase '
-- The query side (SqliteSearchSql) normalizes the user's text with the same rules.
-- Ids of 40,960,000 and above share markers with smaller ones; the query checks ids in SQL too.

CREATE VIRTUAL TABLE message_search USING fts5 (
    body,
    tokenize = 'trigram remove_diacritics 1',
    content = '',
    contentless_delete = 1
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
WHEN new.kind = 'text' AND new.deleted_at IS NULL
BEGIN
    INSERT INTO message_search (rowid, body) VALUES (new.id,
        char(1, 57344 + COALESCE(new.sender_id, 0) / 6400 % 6400, 57344 + COALESCE(new.sender_id, 0) % 6400)
        || char(2, 57344 + new.room_id / 6400 % 6400, 57344 + new.room_id % 6400)
        || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.content, char(9), ' '), char(10), ' '), char(13), ' '), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' '), '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' '), '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' '), '}', ' '), '~', ' '), '“', ' '), '”', ' '), '‘', ' '), '’', ' '), '—', ' '), '–', ' '), '…', ' '), '«', ' '), '»', ' '), '¡', ' '), '¿', ' '), '·', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') || ' ');
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF content, kind, deleted_at ON messages
BEGIN
    DELETE FROM message_search WHERE rowid = old.id;
    INSERT INTO message_search (rowid, body) SELECT new.id,
        char(1, 57344 + COALESCE(new.sender_id, 0) / 6400 % 6400, 57344 + COALESCE(new.sender_id, 0) % 6400)
        || char(2, 57344 + new.room_id / 6400 % 6400, 57344 + new.room_id % 6400)
        || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(new.content, char(9), ' '), char(10), ' '), char(13), ' '), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' '), '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' '), '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' '), '}', ' '), '~', ' '), '“', ' '), '”', ' '), '‘', ' '), '’', ' '), '—', ' '), '–', ' '), '…', ' '), '«', ' '), '»', ' '), '¡', ' '), '¿', ' '), '·', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') || ' '
     WHERE new.kind = 'text' AND new.deleted_at IS NULL;
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages
BEGIN
    DELETE FROM message_search WHERE rowid = old.id;
END;

INSERT INTO message_search (rowid, body) SELECT m.id,
        char(1, 57344 + COALESCE(m.sender_id, 0) / 6400 % 6400, 57344 + COALESCE(m.sender_id, 0) % 6400)
        || char(2, 57344 + m.room_id / 6400 % 6400, 57344 + m.room_id % 6400)
        || ' ' || replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(m.content, char(9), ' '), char(10), ' '), char(13), ' '), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' '), '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' '), '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' '), '}', ' '), '~', ' '), '“', ' '), '”', ' '), '‘', ' '), '’', ' '), '—', ' '), '–', ' '), '…', ' '), '«', ' '), '»', ' '), '¡', ' '), '¿', ' '), '·', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') || ' '
  FROM messages m WHERE m.kind = 'text' AND m.deleted_at IS NULL;
