package org.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.storage.Dialect;
import org.parley.testkit.Accounts;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tus upload API and file serving as clients rely on them; run on SQLite and on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilesApiContract {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final Jdbi jdbi;

    FilesApiContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("upload-max-bytes", "3000000",
                "upload-quota-bytes", "8000000", "uploads-concurrent-per-user", "4", "uploads-per-minute", "10",
                "allowed-origins", "https://app.example"));
        this.api = server.api();
        this.jdbi = Jdbi.create(database.url());
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private TusClient tus(Accounts.Account who) {
        return new TusClient(server.baseUrl(), who.accessToken());
    }

    private static String location(java.net.http.HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String header(java.net.http.HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    @Test
    void optionsDescribeTheServer() {
        var r = new TusClient(server.baseUrl(), null).sendRaw("OPTIONS", "/api/uploads", null, Map.of(), false);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(header(r, "Tus-Version")).isEqualTo("1.0.0");
        assertThat(header(r, "Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(header(r, "Tus-Extension")).isEqualTo("creation,creation-with-upload,termination,expiration,checksum");
        assertThat(header(r, "Tus-Max-Size")).isEqualTo("3000000");
        assertThat(header(r, "Tus-Checksum-Algorithm")).isEqualTo("sha1");
    }

    @Test
    void anUploadInTwoPatchesBecomesAFileWithTheSameId() {
        var ann = Accounts.register(api, "up");
        TusClient t = tus(ann);
        byte[] bytes = "hello, files! this is plain text.".getBytes(StandardCharsets.UTF_8);
        var c = t.create(bytes.length, "notes.txt", "image/png");
        assertThat(c.statusCode()).isEqualTo(201);
        String loc = location(c);
        assertThat(loc).matches("/api/uploads/[A-Za-z0-9_-]{22}");
        assertThat(header(c, "Upload-Offset")).isEqualTo("0");
        assertThat(header(c, "Upload-Expires")).endsWith("GMT");

        var p1 = t.patch(loc, 0, java.util.Arrays.copyOfRange(bytes, 0, 10));
        assertThat(p1.statusCode()).isEqualTo(204);
        assertThat(header(p1, "Upload-Offset")).isEqualTo("10");
        var h = t.head(loc);
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(header(h, "Upload-Offset")).isEqualTo("10");
        assertThat(header(h, "Upload-Length")).isEqualTo(Integer.toString(bytes.length));
        assertThat(header(h, "Cache-Control")).isEqualTo("no-store");
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        assertThat(api.get("/api/files/" + id, ann.accessToken()).status()).as("unfinished").isEqualTo(404);

        var p2 = t.patch(loc, 10, java.util.Arrays.copyOfRange(bytes, 10, bytes.length));
        assertThat(p2.statusCode()).isEqualTo(204);
        assertThat(header(p2, "Upload-Offset")).isEqualTo(Integer.toString(bytes.length));

        var info = api.get("/api/files/" + id, ann.accessToken());
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("id").asString()).isEqualTo(id);
        assertThat(info.json().path("name").asString()).isEqualTo("notes.txt");
        assertThat(info.json().path("size").asLong()).isEqualTo(bytes.length);
        assertThat(info.json().path("contentType").asString()).as("sniffed, not claimed").startsWith("text/plain");
        assertThat(info.json().path("kind").asString()).isEqualTo("file");
        assertThat(info.json().path("url").asString()).isEqualTo("/api/files/" + id + "/content");
        assertThat(info.json().has("thumbnailUrl")).isFalse();
        assertThat(info.json().has("width")).isFalse();
        var content = t.get("/api/files/" + id + "/content", Map.of());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(bytes);
        assertThat(content.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
    }

    @Test
    void creationWithUploadStoresTheFirstBytes() {
        var t = tus(Accounts.register(api, "cwu"));
        var c = t.createWith(8, "a.bin", "abcd".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.statusCode()).isEqualTo(201);
        assertThat(header(c, "Upload-Offset")).isEqualTo("4");
        assertThat(t.patch(location(c), 4, "efgh".getBytes(StandardCharsets.US_ASCII)).statusCode()).isEqualTo(204);
    }

    @Test
    void offsetsAndLengthsAreEnforced() {
        var t = tus(Accounts.register(api, "off"));
        String loc = location(t.create(10, "x.bin", null));
        var wrong = t.patch(loc, 3, new byte[] {1, 2});
        assertThat(wrong.statusCode()).isEqualTo(409);
        assertThat(json(wrong.body()).path("error").path("code").asString()).isEqualTo("conflict");
        var beyond = t.patch(loc, 0, new byte[11]);
        assertThat(beyond.statusCode()).isEqualTo(413);
        assertThat(header(t.head(loc), "Upload-Offset")).as("nothing kept").isEqualTo("0");
        var noVersion = t.sendRaw("PATCH", loc, new byte[] {1}, Map.of("Upload-Offset", "0",
                "Content-Type", TusRoutes.OCTETS), false);
        assertThat(noVersion.statusCode()).isEqualTo(412);
        var badType = t.send("PATCH", loc, new byte[] {1}, Map.of("Upload-Offset", "0",
                "Content-Type", "application/octet-stream"));
        assertThat(badType.statusCode()).isEqualTo(415);
        assertThat(t.patch(loc, 0, new byte[10]).statusCode()).isEqualTo(204);
        assertThat(t.patch(loc, 10, new byte[1]).statusCode()).as("already complete").isEqualTo(409);
    }

    @Test
    void sizesAndNamesAreChecked() {
        var t = tus(Accounts.register(api, "names"));
        assertThat(t.create(0, "empty.txt", null).statusCode()).isEqualTo(400);
        var big = t.create(3_000_001, "big.bin", null);
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big.body()).path("error").path("code").asString()).isEqualTo("too_large");
        var noLength = t.send("POST", "/api/uploads", null, Map.of("Upload-Metadata", TusClient.metadata("a", null)));
        assertThat(noLength.statusCode()).isEqualTo(400);
        for (String bad : List.of("", " ", "a/b", "a\\b", "..", "x..y", "nul\u0000.txt", "tab\t.txt", "bell\u0007",
                "evil\u202Etxt.exe", "iso\u2066late", "a".repeat(256), "b".repeat(5000))) {
            var r = t.create(5, bad, null);
            assertThat(r.statusCode()).as("name %s", bad.length() > 20 ? bad.length() + " chars" : bad).isEqualTo(400);
            assertThat(json(r.body()).path("error").path("code").asString()).isEqualTo("invalid_input");
        }
        var noName = t.send("POST", "/api/uploads", null, Map.of("Upload-Length", "5"));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(t.create(5, "a".repeat(255), null).statusCode()).isEqualTo(201);
        assertThat(t.create(5, "résumé 2026 (final).pdf", null).statusCode()).isEqualTo(201);
    }

    @Test
    void quotaConcurrencyAndRateAreLimited() {
        var q = tus(Accounts.register(api, "quota"));
        assertThat(q.create(3_000_000, "a", null).statusCode()).isEqualTo(201);
        assertThat(q.create(3_000_000, "b", null).statusCode()).isEqualTo(201);
        assertThat(q.create(2_000_000, "c", null).statusCode()).isEqualTo(201);
        var over = q.create(1, "d", null);
        assertThat(over.statusCode()).isEqualTo(403);
        assertThat(json(over.body()).path("error").path("code").asString()).isEqualTo("quota_exceeded");

        var c = tus(Accounts.register(api, "conc"));
        for (int i = 0; i < 4; i++) assertThat(c.create(5, "f" + i, null).statusCode()).isEqualTo(201);
        var fifth = c.create(5, "f5", null);
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(json(fifth.body()).path("error").path("code").asString()).isEqualTo("rate_limited");

        var r = tus(Accounts.register(api, "rate"));
        for (int i = 0; i < 10; i++) {
            var created = r.create(5, "r" + i, null);
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(r.delete(location(created)).statusCode()).isEqualTo(204);
        }
        var limited = r.create(5, "r10", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(header(limited, "Retry-After")).isNotNull();
    }

    @Test
    void checksumsAreVerified() throws Exception {
        var t = tus(Accounts.register(api, "sum"));
        String loc = location(t.create(6, "s.bin", null));
        byte[] bytes = "abcdef".getBytes(StandardCharsets.US_ASCII);
        String good = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(bytes));
        var bad = t.patch(loc, 0, bytes, Map.of("Upload-Checksum", "sha1 " + Base64.getEncoder().encodeToString(new byte[20])));
        assertThat(bad.statusCode()).isEqualTo(460);
        assertThat(header(t.head(loc), "Upload-Offset")).isEqualTo("0");
        assertThat(t.patch(loc, 0, bytes, Map.of("Upload-Checksum", "md5 xyz")).statusCode()).isEqualTo(400);
        assertThat(t.patch(loc, 0, bytes, Map.of("Upload-Checksum", "sha1 " + good)).statusCode()).isEqualTo(204);
    }

    @Test
    void anotherUsersUploadDoesNotExist() {
        var owner = tus(Accounts.register(api, "own"));
        var other = tus(Accounts.register(api, "oth"));
        String loc = location(owner.create(4, "o.bin", null));
        assertThat(other.head(loc).statusCode()).isEqualTo(404);
        assertThat(other.patch(loc, 0, new byte[4]).statusCode()).isEqualTo(404);
        assertThat(other.delete(loc).statusCode()).isEqualTo(404);
        assertThat(new TusClient(server.baseUrl(), null).head(loc).statusCode()).isEqualTo(401);
        assertThat(owner.patch(loc, 0, new byte[4]).statusCode()).isEqualTo(204);
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        assertThat(other.get("/api/files/" + id, Map.of()).statusCode()).isEqualTo(404);
        assertThat(other.get("/api/files/" + id + "/content", Map.of()).statusCode()).isEqualTo(404);
        assertThat(owner.head("/api/uploads/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    void terminationRemovesTheUpload() {
        var t = tus(Accounts.register(api, "term"));
        String loc = location(t.create(4, "t.bin", null));
        t.patch(loc, 0, new byte[2]);
        assertThat(t.delete(loc).statusCode()).isEqualTo(204);
        assertThat(t.head(loc).statusCode()).isEqualTo(404);
    }

    @Test
    void expiredUploadsAreGone() {
        var t = tus(Accounts.register(api, "exp"));
        String loc = location(t.create(4, "e.bin", null));
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        jdbi.useHandle(h -> h.execute("UPDATE files SET expires_at = 1 WHERE id = ?", id));
        assertThat(t.head(loc).statusCode()).isEqualTo(410);
        assertThat(t.patch(loc, 0, new byte[4]).statusCode()).isEqualTo(410);
    }

    @Test
    void contentIsServedWithRangesEtagsAndSafeHeaders() {
        var ann = Accounts.register(api, "serve");
        var t = tus(ann);
        byte[] png = Images.of(40, 30, "png");
        String id = t.upload("pic.png", png);
        String path = "/api/files/" + id + "/content";
        var full = t.get(path, Map.of());
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(png);
        assertThat(full.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/png");
        assertThat(full.headers().allValues("Content-Security-Policy")).containsExactly("sandbox; default-src 'none'");
        assertThat(full.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(full.headers().firstValue("Cache-Control").orElseThrow()).startsWith("private, max-age=");
        assertThat(full.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("inline; filename=\"pic.png\"; filename*=UTF-8''pic.png");
        String etag = full.headers().firstValue("ETag").orElseThrow();

        var part = t.get(path, Map.of("Range", "bytes=2-5", "Accept-Encoding", "gzip"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(png, 2, 6));
        assertThat(part.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes 2-5/" + png.length);
        assertThat(part.headers().firstValue("Content-Encoding")).as("ranges are never compressed").isEmpty();
        var tail = t.get(path, Map.of("Range", "bytes=-3"));
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(png, png.length - 3, png.length));
        var outside = t.get(path, Map.of("Range", "bytes=" + png.length + "-"));
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(outside.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes */" + png.length);
        assertThat(t.get(path, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(t.get(path + "?download=1", Map.of()).headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;");

        var info = api.get("/api/files/" + id, ann.accessToken()).json();
        assertThat(info.path("kind").asString()).isEqualTo("image");
        assertThat(info.path("width").asInt()).isEqualTo(40);
        assertThat(info.path("height").asInt()).isEqualTo(30);
    }

    @Test
    void htmlClaimingToBeAnImageIsServedAsAnAttachment() {
        var ann = Accounts.register(api, "html");
        var t = tus(ann);
        byte[] html = "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>hi</body></html>"
                .getBytes(StandardCharsets.UTF_8);
        var c = t.create(html.length, "cat.png", "image/png");
        String loc = location(c);
        t.patch(loc, 0, html);
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        var info = api.get("/api/files/" + id, ann.accessToken()).json();
        assertThat(info.path("contentType").asString()).startsWith("text/html");
        assertThat(info.path("kind").asString()).isEqualTo("file");
        var r = t.get("/api/files/" + id + "/content", Map.of());
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly("sandbox; default-src 'none'");
    }

    @Test
    void anSvgWithAScriptIsNeverServedInlineNorPreviewed() {
        var ann = Accounts.register(api, "svg");
        var t = tus(ann);
        byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        String loc = location(t.create(svg.length, "logo.svg", "image/svg+xml"));
        t.patch(loc, 0, svg);
        String id = loc.substring(loc.lastIndexOf('/') + 1);
        var info = api.get("/api/files/" + id, ann.accessToken()).json();
        assertThat(info.path("kind").asString()).isEqualTo("file");
        assertThat(info.has("thumbnailUrl")).isFalse();
        var r = t.get("/api/files/" + id + "/content", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
        assertThat(r.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");
        assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly("sandbox; default-src 'none'");
    }

    @Test
    void namesAreEncodedForDownload() {
        var t = tus(Accounts.register(api, "enc"));
        String id = t.upload("Résumé \"2026\".txt", "plain words".getBytes(StandardCharsets.UTF_8));
        var r = t.get("/api/files/" + id + "/content", Map.of());
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"R_sum_ _2026_.txt\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%222026%22.txt");
    }

    private long room(Accounts.Account owner, Accounts.Account... members) {
        List<Long> ids = java.util.Arrays.stream(members).map(Accounts.Account::id).toList();
        return api.post("/api/rooms", Map.of("name", "files " + System.nanoTime(), "memberIds", ids), owner.accessToken())
                .json().path("id").asLong();
    }

    /** Sends a message and links the files to it through the seam messages use. */
    private long sendWithFiles(Accounts.Account sender, long roomId, List<String> fileIds) {
        long seq = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", "see attached"), sender.accessToken())
                .json().path("seq").asLong();
        Dialect dialect = database.isPostgres() ? Dialect.POSTGRES : Dialect.SQLITE;
        jdbi.useTransaction(h -> new Attachments().attach(h, sender.id(), roomId, seq, fileIds, System.currentTimeMillis()));
        return seq;
    }

    @Test
    void roomMembersReadAttachedFilesAndLoseAccessWhenRemoved() {
        var ann = Accounts.register(api, "ra");
        var ben = Accounts.register(api, "rb");
        var cat = Accounts.register(api, "rc");
        long roomId = room(ann, ben);
        String id = tus(ann).upload("shared.txt", "for the room".getBytes(StandardCharsets.UTF_8));
        assertThat(tus(ben).get("/api/files/" + id, Map.of()).statusCode()).isEqualTo(404);
        long seq = sendWithFiles(ann, roomId, List.of(id));
        assertThat(tus(ben).get("/api/files/" + id + "/content", Map.of()).statusCode()).isEqualTo(200);
        assertThat(tus(cat).get("/api/files/" + id + "/content", Map.of()).statusCode()).isEqualTo(404);

        var list = api.get("/api/rooms/" + roomId + "/files", ben.accessToken());
        assertThat(list.status()).isEqualTo(200);
        JsonNode first = list.json().path("files").get(0);
        assertThat(first.path("id").asString()).isEqualTo(id);
        assertThat(first.path("roomId").asLong()).isEqualTo(roomId);
        assertThat(first.path("seq").asLong()).isEqualTo(seq);
        assertThat(first.path("sender").path("id").asLong()).isEqualTo(ann.id());
        assertThat(first.path("sentAt").asLong()).isPositive();
        assertThat(api.get("/api/rooms/" + roomId + "/files", cat.accessToken()).status()).isEqualTo(404);

        var links = api.post("/api/files/links", Map.of("ids", List.of(id, "AAAAAAAAAAAAAAAAAAAAAA")), ben.accessToken());
        assertThat(links.status()).isEqualTo(200);
        assertThat(links.json().path("links").has("AAAAAAAAAAAAAAAAAAAAAA")).isFalse();
        String url = links.json().path("links").path(id).path("url").asString();
        assertThat(url).startsWith("/api/files/" + id + "/content?u=" + ben.id() + "&exp=");
        assertThat(links.json().path("links").path(id).path("expiresAt").asLong()).isPositive();
        var anonymous = new TusClient(server.baseUrl(), null);
        assertThat(anonymous.get(url, Map.of()).statusCode()).isEqualTo(200);
        assertThat(anonymous.get(url.replace("&sig=", "&sig=x"), Map.of()).statusCode()).isEqualTo(401);
        assertThat(anonymous.get(url.replace("u=" + ben.id(), "u=" + cat.id()), Map.of()).statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/files/" + id, Map.of()).statusCode()).isEqualTo(401);

        assertThat(api.delete("/api/rooms/" + roomId + "/members/" + ben.id(), ann.accessToken()).status()).isIn(200, 204);
        assertThat(anonymous.get(url, Map.of()).statusCode()).as("signed link after removal").isEqualTo(404);
        assertThat(tus(ben).get("/api/files/" + id + "/content", Map.of()).statusCode()).isEqualTo(404);
        assertThat(tus(ann).delete("/api/uploads/" + id).statusCode()).as("attached files stay").isEqualTo(409);
    }

    @Test
    void aPatchLargerThanTheApiBodyLimitIsStreamed() {
        var ann = Accounts.register(api, "large");
        byte[] big = new byte[2_900_000];
        new java.util.Random(7).nextBytes(big);
        String id = tus(ann).upload("big.bin", big);
        var r = tus(ann).get("/api/files/" + id + "/content", Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(big);
    }

    @Test
    void corsLetsBrowsersReadTheTusHeaders() {
        var t = tus(Accounts.register(api, "cors"));
        var pre = t.sendRaw("OPTIONS", "/api/uploads", null, Map.of("Origin", "https://app.example",
                "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "upload-offset,tus-resumable,upload-checksum"), false);
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(header(pre, "Access-Control-Allow-Methods")).contains("PATCH", "HEAD", "DELETE");
        assertThat(header(pre, "Access-Control-Allow-Headers")).contains("Upload-Offset", "Upload-Checksum", "Tus-Resumable");
        var created = t.send("POST", "/api/uploads", null, Map.of("Origin", "https://app.example",
                "Upload-Length", "3", "Upload-Metadata", TusClient.metadata("c.txt", null)));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(header(created, "Access-Control-Expose-Headers"))
                .contains("Location", "Upload-Offset", "Upload-Length", "Upload-Expires", "Tus-Resumable", "Tus-Version",
                        "Tus-Extension", "Tus-Max-Size");
    }

}
