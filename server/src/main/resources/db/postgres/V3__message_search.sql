-- Full-text search over text messages. Two stored columns, computed by PostgreSQL itself on
-- every insert, edit and delete (NULL for system and deleted messages), and their indexes:
--   search_text    the text folded (lower case, accents removed by unaccent): pg_trgm, for
--                  parts of words (LIKE '%...%');
--   search_vector  its words as a tsvector ('simple' configuration; ASCII punctuation separates
--                  words, so 'PR-1234' holds 'pr' and '1234'): words, prefixes, phrases.
-- They are stored, not only indexed, so that checking a candidate row reads them instead of
-- folding and parsing the text again. A partial index on (sender_id, id) serves from:.
-- Both extensions ship with PostgreSQL (contrib) and are trusted: the database owner can create them.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- SQL-standard bodies are bound when created, so they do not depend on the search_path later.
CREATE FUNCTION parley_search_fold(body text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(unaccent('unaccent'::regdictionary, body));

CREATE FUNCTION parley_search_vector(body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN to_tsvector('simple'::regconfig,
                       regexp_replace(parley_search_fold(body), '[!-/:-@\[-`{-~]+', ' ', 'g'));

-- Words in order as a tsquery, the last one a prefix when asked; empty (matches nothing) when
-- the words hold no lexeme.
CREATE FUNCTION parley_search_phrase(words text, prefix boolean) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN COALESCE(
        CASE WHEN prefix
             THEN to_tsquery('simple'::regconfig,
                             NULLIF(phraseto_tsquery('simple'::regconfig,
                                    regexp_replace(parley_search_fold(words), '[!-/:-@\[-`{-~]+', ' ', 'g'))::text, '')
                             || ':*')
             ELSE phraseto_tsquery('simple'::regconfig,
                                   regexp_replace(parley_search_fold(words), '[!-/:-@\[-`{-~]+', ' ', 'g'))
        END,
        ''::tsquery);

ALTER TABLE messages
    ADD COLUMN search_text text GENERATED ALWAYS AS
        (CASE WHEN kind = 'text' AND deleted_at IS NULL THEN parley_search_fold(content) END) STORED,
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
        (CASE WHEN kind = 'text' AND deleted_at IS NULL THEN parley_search_vector(content) END) STORED;

CREATE INDEX messages_search_words ON messages USING gin (search_vector);

CREATE INDEX messages_search_trigrams ON messages USING gin (search_text gin_trgm_ops);

CREATE INDEX messages_search_sender ON messages (sender_id, id) WHERE search_text IS NOT NULL;
