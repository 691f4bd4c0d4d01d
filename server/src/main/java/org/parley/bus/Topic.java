package org.parley.bus;

/**
 * What a bus event is about, and so which sockets may need to hear it: a room's members, one
 * user's connections, or the room-mates of a user whose presence changed. {@link #key()} is the
 * name the event is routed by; the gateway names its Socket.IO rooms with the same keys, so "this
 * node has sockets in topic T" means "the Socket.IO room {@code T.key()} is not empty".
 */
public record Topic(Kind kind, long id) {

    /** The kinds of topic; each names its keys. */
    public enum Kind {
        ROOM("room"), USER("user"), PRESENCE("presence");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Everything the members of room {@code roomId} hear. */
    public static Topic room(long roomId) {
        return new Topic(Kind.ROOM, roomId);
    }

    /** Everything addressed to one user, on all of their connections. */
    public static Topic user(long userId) {
        return new Topic(Kind.USER, userId);
    }

    /** A user's presence, heard by the users who share a room with them. */
    public static Topic presence(long userId) {
        return new Topic(Kind.PRESENCE, userId);
    }

    /** The routing name: {@code "room:12"}, {@code "user:7"}, {@code "presence:7"}. */
    public String key() {
        return kind.prefix + ":" + id;
    }
}
