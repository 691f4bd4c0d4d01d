package org.parley.files;

/**
 * A finished or unfinished file with what serving and access checks need: the message that
 * holds it ({@code roomId} null when none, {@code messageLive} false when that message is deleted).
 */
record FileRow(String id, long ownerId, String name, long size, String contentType, String kind, Integer width,
               Integer height, String blobKey, String thumbKey, long createdAt, Long completedAt, Long deletedAt,
               Long roomId, boolean messageLive) {

    FileInfo info() {
        return new FileInfo(id, name, size, contentType, kind, width, height, Attachment.contentUrl(id),
                thumbKey == null ? null : Attachment.thumbnailUrl(id), createdAt);
    }
}
