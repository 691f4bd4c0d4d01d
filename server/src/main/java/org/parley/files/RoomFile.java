package org.parley.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.parley.users.PublicUser;

/** A file in a room's file list: its metadata with the message that carries it. {@code sender} is null for a removed account. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomFile(String id, String name, long size, String contentType, String kind, Integer width,
                       Integer height, String url, String thumbnailUrl, long createdAt, long roomId, long seq,
                       PublicUser sender, long sentAt) {}
