package org.parley.gateway;

/** An event whose arguments do not have the shape the event needs. */
final class BadPayloadException extends RuntimeException {
    BadPayloadException(String message) {
        super(message, null, false, false);
    }
}
