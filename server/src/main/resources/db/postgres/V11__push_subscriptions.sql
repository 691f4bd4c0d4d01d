-- Web Push subscriptions: where a user's browsers take notifications while the app is closed.
-- One row per endpoint (a browser's push channel); session_id ties it to the sign-in that made
-- it, so signing out of that session drops it.
CREATE TABLE push_subscriptions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id  TEXT,
    endpoint    TEXT   NOT NULL UNIQUE,
    p256dh      TEXT   NOT NULL,
    auth        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);
CREATE INDEX push_subscriptions_session ON push_subscriptions (session_id);
