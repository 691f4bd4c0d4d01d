package org.parley.rooms;

/** A room's own facts. {@code lastSeq} is the seq of its newest message; {@code lastRev} its change counter. */
public record Room(long id, String kind, String name, String description, long createdBy, long createdAt,
                   long updatedAt, long lastSeq, long lastRev, Long lastMessageAt) {
    public static final String DIRECT = "direct";
    public static final String GROUP = "group";

    public boolean isDirect() {
        return DIRECT.equals(kind);
    }
}
