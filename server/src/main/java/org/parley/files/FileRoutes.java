package org.parley.files;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.auth.RequestAuth;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.http.Params;
import org.parley.http.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * REST handlers for files: metadata, bytes and previews (Range, ETag, caching and the headers
 * that keep a file from acting as a page of this site), signed links, and a room's file list.
 * Bytes are streamed from the blob store, never held whole. Every file response carries its own
 * {@code Content-Security-Policy: sandbox; default-src 'none'}, which replaces the web app's
 * policy set for every response, and {@code nosniff}; only the allow-list of
 * {@link FileKinds#inline} is ever shown inline.
 */
public final class FileRoutes {
    static final String CSP = "sandbox; default-src 'none'";
    private static final int BUFFER = 64 * 1024;

    private final FileService files;

    public FileRoutes(FileService files) {
        this.files = files;
    }

    /** Whether this request carries a signed link, so the route table lets it pass without a Bearer token. */
    public static boolean signed(Context ctx) {
        return ctx.queryParam("sig") != null && ctx.path().startsWith("/api/files/")
                && (ctx.path().endsWith("/content") || ctx.path().endsWith("/thumbnail"));
    }

    public void info(Context ctx) {
        ctx.json(files.info(RequestAuth.principal(ctx).userId(), ctx.pathParam("fileId")));
    }

    public void content(Context ctx) throws IOException {
        String id = ctx.pathParam("fileId");
        FileRow f = files.readable(viewer(ctx, Attachment.contentUrl(id)), id);
        boolean inline = FileKinds.inline(f.contentType()) && !"1".equals(ctx.queryParam("download"));
        serve(ctx, f.blobKey(), f.size(), f.contentType(), "\"" + id + "\"", ContentDisposition.of(inline, f.name()));
    }

    public void thumbnail(Context ctx) throws IOException {
        String id = ctx.pathParam("fileId");
        FileRow f = files.readable(viewer(ctx, Attachment.thumbnailUrl(id)), id);
        if (f.thumbKey() == null) throw new ParleyException(ErrorCode.NOT_FOUND, "This file has no preview.");
        String type = f.thumbKey().endsWith(".png") ? "image/png" : "image/jpeg";
        long size = files.size(f.thumbKey());
        String base = f.name().contains(".") ? f.name().substring(0, f.name().lastIndexOf('.')) : f.name();
        serve(ctx, f.thumbKey(), size, type, "\"" + id + ".t\"",
                ContentDisposition.of(true, base + (type.equals("image/png") ? ".png" : ".jpg")));
    }

    public void links(Context ctx) {
        JsonNode ids = RequestBody.object(ctx).path("ids");
        if (!ids.isArray()) throw ParleyException.invalid("ids", "ids must be a list of file ids.");
        List<String> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isString()) throw ParleyException.invalid("ids", "ids must be a list of file ids.");
            list.add(id.asString());
        }
        ctx.json(Map.of("links", files.links(RequestAuth.principal(ctx).userId(), list)));
    }

    public void inRoom(Context ctx) {
        ctx.json(Map.of("files", files.inRoom(RequestAuth.principal(ctx).userId(), Params.pathId(ctx, "roomId"),
                Params.queryLong(ctx, "before"), Params.queryInt(ctx, "limit"))));
    }

    private long viewer(Context ctx, String path) {
        if (ctx.queryParam("sig") == null) return RequestAuth.principal(ctx).userId();
        return files.signedUser(path, ctx.queryParam("u"), ctx.queryParam("exp"), ctx.queryParam("sig"))
                .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "This link is invalid or has expired."));
    }

    private void serve(Context ctx, String key, long size, String type, String etag, String disposition) throws IOException {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Content-Disposition", disposition);
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        String inm = ctx.header("If-None-Match");
        if (inm != null && (inm.strip().equals("*") || List.of(inm.split(",")).stream()
                .map(s -> s.strip().replaceFirst("^W/", "")).anyMatch(etag::equals))) {
            ctx.status(304);
            return;
        }
        ByteRange range = ByteRange.parse(ctx.header("Range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ParleyException(ErrorCode.RANGE_NOT_SATISFIABLE, "The range is outside the file.");
        }
        long from = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        ctx.status(range == null ? 200 : 206);
        if (range != null) ctx.header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
        ctx.contentType(type);
        var res = ctx.res();
        res.setContentLengthLong(length);
        try (InputStream in = files.open(key, from, length); OutputStream out = res.getOutputStream()) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
        }
    }
}
