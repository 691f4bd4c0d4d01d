package org.parley.rooms;

/** Rename and/or describe a group room; a null field stays as it is. */
public record UpdateRoom(long roomId, String name, String description) {}
