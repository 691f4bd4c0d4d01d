package org.parley.errors;

/** What went wrong, as clients see it: a stable code and the HTTP status that carries it. */
public enum ErrorCode {
    INVALID_INPUT("invalid_input", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    CONFLICT("conflict", 409),
    /** A call: the user is in another call already. */
    BUSY("busy", 409),
    /** A call: the room has one already ({@code fields.callId}); join it instead. */
    CALL_IN_PROGRESS("call_in_progress", 409),
    /** A call: it has as many participants as it may. */
    CALL_FULL("call_full", 409),
    TOO_LARGE("too_large", 413),
    RATE_LIMITED("rate_limited", 429),
    UNAVAILABLE("unavailable", 503),
    /** A user's files would take more than their quota. */
    QUOTA_EXCEEDED("quota_exceeded", 403),
    /** An upload that expired (or was finished) and can no longer be written. */
    GONE("gone", 410),
    /** A tus request without the protocol version this server speaks. */
    UNSUPPORTED_VERSION("unsupported_version", 412),
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** A Range header that asks for bytes beyond the end. */
    RANGE_NOT_SATISFIABLE("range_not_satisfiable", 416),
    /** The bytes of a tus PATCH do not match its Upload-Checksum. */
    CHECKSUM_MISMATCH("checksum_mismatch", 460),
    /** The file store has no room left; nothing of the request was kept. */
    STORAGE_FULL("storage_full", 507);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
