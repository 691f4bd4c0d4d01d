package org.parley.socketio.engine;

/** What a polling request is answered with. */
record PollResponse(int status, String body, String contentType) {

    static final String TEXT = "text/plain; charset=UTF-8";
    static final String JSON = "application/json";

    static PollResponse ok(String body) {
        return new PollResponse(200, body, TEXT);
    }

    static PollResponse error(int status, int code, String message) {
        return new PollResponse(status, "{\"code\":" + code + ",\"message\":\"" + message + "\"}", JSON);
    }

    static PollResponse badRequest() {
        return error(400, 3, "Bad request");
    }

    /** The client holds too many sessions that were never admitted; it may retry later. */
    static PollResponse tooManyPending() {
        return error(429, 3, "Too many pending sessions");
    }

    static PollResponse unknownSession() {
        return error(400, 1, "Session ID unknown");
    }
}
