package org.parley.rooms;

import java.util.List;

/** Create a group room owned by the caller, with these members. */
public record CreateRoom(String name, String description, List<Long> memberIds) {}
