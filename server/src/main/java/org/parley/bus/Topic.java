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

    /** The topic named by {@code key} ({@code "room:12"}), or empty when the key names no topic. */
    public static java.util.Optional<Topic> parse(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) return java.util.Optional.empty();
        String prefix = key.substring(0, colon);
        String digits = key.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return java.util.Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) return java.util.Optional.of(new Topic(kind, Long.parseLong(digits)));
        }
        return java.util.Optional.empty();
    }

    /** The routing name: {@code "room:12"}, {@code "user:7"}, {@code "presence:7"}. */
    public String key() {
        return kind.prefix + ":" + id;
    }
}
