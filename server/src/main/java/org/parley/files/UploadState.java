package org.parley.files;

/** Where an upload stands after a tus call: its id, length, offset and expiry (epoch ms, null once attached). */
public record UploadState(String id, long length, long offset, Long expiresAt) {}
