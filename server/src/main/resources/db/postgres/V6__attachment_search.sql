-- Attachments in search. A message stored with files keeps, in its own row, the names of its
-- files one a line (file_names, NULL without files) and whether it has any file and any image
-- (has_file, has_image); the message writer sets them in the insert that stores the message, and a
-- tombstone clears them. The two search columns of V3 now hold the text followed by the file
-- names, so their words are found like words of the message; has:file and has:image are checked
-- on the flags. A generated column's expression cannot be changed in place before PostgreSQL 17,
-- so the columns (and their indexes) are made again.

ALTER TABLE messages
    ADD COLUMN file_names text,
    ADD COLUMN has_file boolean NOT NULL DEFAULT false,
    ADD COLUMN has_image boolean NOT NULL DEFAULT false;

UPDATE messages
   SET file_names = (SELECT string_agg(f.name, E'\n' ORDER BY mf.position)
                       FROM message_files mf JOIN files f ON f.id = mf.file_id
                      WHERE mf.room_id = messages.room_id AND mf.seq = messages.seq),
       has_file = true,
       has_image = EXISTS (SELECT 1 FROM message_files mf JOIN files f ON f.id = mf.file_id
                            WHERE mf.room_id = messages.room_id AND mf.seq = messages.seq AND f.kind = 'image')
 WHERE deleted_at IS NULL
   AND EXISTS (SELECT 1 FROM message_files mf WHERE mf.room_id = messages.room_id AND mf.seq = messages.seq);

ALTER TABLE messages DROP COLUMN search_text, DROP COLUMN search_vector;

ALTER TABLE messages
    ADD COLUMN search_text text GENERATED ALWAYS AS
        (CASE WHEN kind = 'text' AND deleted_at IS NULL
              THEN parley_search_fold(content || COALESCE(E'\n' || file_names, '')) END) STORED,
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
        (CASE WHEN kind = 'text' AND deleted_at IS NULL
              THEN parley_search_vector(content || COALESCE(E'\n' || file_names, '')) END) STORED;

CREATE INDEX messages_search_words ON messages USING gin (search_vector);

CREATE INDEX messages_search_trigrams ON messages USING gin (search_text gin_trgm_ops);

CREATE INDEX messages_search_sender ON messages (sender_id, id) WHERE search_text IS NOT NULL;

CREATE INDEX messages_with_files ON messages (id) WHERE has_file;

ALTER TABLE messages ALTER COLUMN search_text SET STATISTICS 1000;
ALTER TABLE messages ALTER COLUMN search_vector SET STATISTICS 1000;
ANALYZE messages;
