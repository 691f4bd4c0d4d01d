package org.parley.files;

/**
 * Told when a file's preview is stored, on a preview worker thread. Messages use it to announce
 * the new thumbnail of a message already sent; implementations must return quickly and not throw.
 */
@FunctionalInterface
public interface PreviewListener {
    void previewReady(String fileId);
}
