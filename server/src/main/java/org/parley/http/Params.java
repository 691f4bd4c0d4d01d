package org.parley.http;

import io.javalin.http.Context;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/** Reads numeric path and query parameters with clear errors. */
public final class Params {
    private Params() {}

    /** A positive id from the path; a malformed one is "not found", like an id that does not exist. */
    public static long pathId(Context ctx, String name) {
        try {
            long v = Long.parseLong(ctx.pathParam(name));
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ParleyException(ErrorCode.NOT_FOUND, "Not found.");
    }

    /** An optional whole-number query parameter. */
    public static Long queryLong(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return null;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ParleyException.invalid(name, name + " must be a whole number.");
        }
    }

    public static Integer queryInt(Context ctx, String name) {
        Long v = queryLong(ctx, name);
        if (v == null) return null;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw ParleyException.invalid(name, name + " is out of range.");
        return v.intValue();
    }
}
