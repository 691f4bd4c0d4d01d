package org.parley.calls;

/** The texts calls show in a room's timeline, as system messages. */
final class CallNotices {
    private CallNotices() {}

    static String started(String caller, String kind) {
        return caller + " started a " + ("video".equals(kind) ? "video" : "voice") + " call";
    }

    static String missed(String caller) {
        return "Missed call from " + caller;
    }

    static String declined(String callee) {
        return callee + " declined the call";
    }

    static String ended(long durationMs) {
        return "Call ended, " + duration(durationMs);
    }

    /** {@code m:ss} under an hour, {@code h:mm:ss} from one hour on. */
    static String duration(long durationMs) {
        long seconds = Math.max(0, durationMs) / 1000;
        long h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        return h > 0 ? "%d:%02d:%02d".formatted(h, m, s) : "%d:%02d".formatted(m, s);
    }
}
