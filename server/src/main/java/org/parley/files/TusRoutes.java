package org.parley.files;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.parley.auth.RequestAuth;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/**
 * The tus 1.0.0 protocol at {@code /api/uploads}: core, creation, creation-with-upload,
 * termination, expiration and checksum (sha1). Headers are read and written here; the rules
 * are {@link Uploads}'. Every response names the protocol version; a request without
 * {@code Tus-Resumable: 1.0.0} is refused with 412. Bodies are read from the request stream in
 * chunks, never whole.
 */
public final class TusRoutes {
    static final String VERSION = "1.0.0";
    static final String OCTETS = "application/offset+octet-stream";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final Uploads uploads;

    public TusRoutes(Uploads uploads) {
        this.uploads = uploads;
    }

    public void options(Context ctx) {
        ctx.header("Tus-Resumable", VERSION);
        ctx.header("Tus-Version", VERSION);
        ctx.header("Tus-Extension", "creation,creation-with-upload,termination,expiration,checksum");
        ctx.header("Tus-Max-Size", Long.toString(uploads.maxBytes()));
        ctx.header("Tus-Checksum-Algorithm", "sha1");
        ctx.status(204);
    }

    public void create(Context ctx) throws IOException {
        requireVersion(ctx);
        if (ctx.header("Upload-Defer-Length") != null) {
            throw ParleyException.invalid("Upload-Length", "Uploads of unknown length are not supported.");
        }
        Map<String, String> meta = metadata(ctx.header("Upload-Metadata"));
        long userId = RequestAuth.principal(ctx).userId();
        UploadState s = uploads.create(userId, longHeader(ctx, "Upload-Length"), meta.get("filename"), meta.get("filetype"));
        if (OCTETS.equals(contentType(ctx)) && hasBody(ctx)) {
            s = uploads.append(userId, s.id(), 0, ctx.req().getInputStream(), ctx.req().getContentLengthLong(),
                    ctx.header("Upload-Checksum"));
        }
        ctx.header("Location", "/api/uploads/" + s.id());
        describe(ctx, s);
        ctx.status(201);
    }

    public void head(Context ctx) {
        requireVersion(ctx);
        UploadState s = uploads.status(RequestAuth.principal(ctx).userId(), ctx.pathParam("uploadId"));
        ctx.header("Upload-Length", Long.toString(s.length()));
        describe(ctx, s);
        ctx.header("Cache-Control", "no-store");
        ctx.status(200);
    }

    public void patch(Context ctx) throws IOException {
        requireVersion(ctx);
        if (!OCTETS.equals(contentType(ctx))) {
            throw new ParleyException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A PATCH carries Content-Type " + OCTETS + ".");
        }
        Long offset = longHeader(ctx, "Upload-Offset");
        if (offset == null) throw ParleyException.invalid("Upload-Offset", "Upload-Offset is required.");
        UploadState s = uploads.append(RequestAuth.principal(ctx).userId(), ctx.pathParam("uploadId"), offset,
                ctx.req().getInputStream(), ctx.req().getContentLengthLong(), ctx.header("Upload-Checksum"));
        describe(ctx, s);
        ctx.status(204);
    }

    public void delete(Context ctx) {
        requireVersion(ctx);
        uploads.terminate(RequestAuth.principal(ctx).userId(), ctx.pathParam("uploadId"));
        ctx.header("Tus-Resumable", VERSION);
        ctx.status(204);
    }

    private static void describe(Context ctx, UploadState s) {
        ctx.header("Tus-Resumable", VERSION);
        ctx.header("Upload-Offset", Long.toString(s.offset()));
        if (s.expiresAt() != null) ctx.header("Upload-Expires", HTTP_DATE.format(Instant.ofEpochMilli(s.expiresAt())));
    }

    private static void requireVersion(Context ctx) {
        ctx.header("Tus-Resumable", VERSION);
        if (!VERSION.equals(ctx.header("Tus-Resumable"))) {
            ctx.header("Tus-Version", VERSION);
            throw new ParleyException(ErrorCode.UNSUPPORTED_VERSION, "This server speaks tus " + VERSION
                    + "; send Tus-Resumable: " + VERSION + ".");
        }
    }

    private static boolean hasBody(Context ctx) {
        long n = ctx.req().getContentLengthLong();
        return n > 0 || (n < 0 && ctx.header("Transfer-Encoding") != null);
    }

    private static String contentType(Context ctx) {
        String t = ctx.header("Content-Type");
        if (t == null) return null;
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).strip().toLowerCase();
    }

    private static Long longHeader(Context ctx, String name) {
        String v = ctx.header(name);
        if (v == null) return null;
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ParleyException.invalid(name, name + " must be a non-negative whole number.");
        }
    }

    /** Upload-Metadata: comma-separated {@code key base64value} pairs (the value may be absent). */
    static Map<String, String> metadata(String header) {
        Map<String, String> out = new HashMap<>();
        if (header == null || header.isBlank()) return out;
        for (String pair : header.split(",")) {
            String p = pair.strip();
            if (p.isEmpty()) continue;
            int space = p.indexOf(' ');
            String key = space < 0 ? p : p.substring(0, space);
            String value = "";
            if (space >= 0) {
                try {
                    value = new String(Base64.getDecoder().decode(p.substring(space + 1).strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ParleyException.invalid("Upload-Metadata", "Upload-Metadata values must be base64.");
                }
            }
            out.put(key, value);
        }
        return out;
    }
}
