package org.parley.rooms;

/** Make a member of a group room an admin, or an admin a member ({@code role} is "admin" or "member"). */
public record SetRole(long roomId, long userId, String role) {}
