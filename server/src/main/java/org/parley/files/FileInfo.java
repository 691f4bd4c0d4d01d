package org.parley.files;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A file's metadata as {@code GET /api/files/{id}} answers it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileInfo(String id, String name, long size, String contentType, String kind, Integer width,
                       Integer height, String url, String thumbnailUrl, long createdAt) {}
