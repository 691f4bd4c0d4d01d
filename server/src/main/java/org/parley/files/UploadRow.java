package org.parley.files;

/** A files row as the tus API sees it: who owns it, how long it is and how far it got. */
record UploadRow(String id, long ownerId, String name, long size, String claimedType, long offset, String blobKey,
                 Long completedAt, Long expiresAt, Long deletedAt, boolean attached) {

    boolean complete() {
        return completedAt != null;
    }

    boolean expired(long now) {
        return expiresAt != null && expiresAt <= now;
    }
}
