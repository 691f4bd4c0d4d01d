package org.parley.files;

import java.io.IOException;

/** The blob store has no room left for the bytes being written; the partial bytes were removed. */
public final class StorageFullException extends IOException {
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
