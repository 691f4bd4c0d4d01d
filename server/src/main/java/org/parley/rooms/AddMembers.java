package org.parley.rooms;

import java.util.List;

/** Add these users to a group room. */
public record AddMembers(long roomId, List<Long> userIds) {}
