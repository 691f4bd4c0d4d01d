package org.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * What happens to images after an upload finishes: previews made in the background (thumbnails,
 * PDF pages, and the files that get none), and the GPS position removed from JPEGs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilePreviewsTest {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final Jdbi jdbi;

    FilePreviewsTest() throws java.io.IOException {
        this.database = TestDatabase.sqlite(java.nio.file.Files.createTempDirectory("parley-previews-"));
        this.server = TestServer.start(database, Map.of("upload-strip-gps", "true"));
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

    @Test
    void imagesGetAThumbnail() throws Exception {
        var ann = Accounts.register(api, "thumb");
        var t = tus(ann);
        String id = t.upload("big.jpg", Images.of(1600, 900, "jpeg"));
        JsonNode info = awaitThumbnail(ann, id);
        assertThat(info.path("thumbnailUrl").asString()).isEqualTo("/api/files/" + id + "/thumbnail");
        var thumb = t.get("/api/files/" + id + "/thumbnail", Map.of());
        assertThat(thumb.statusCode()).isEqualTo(200);
        assertThat(thumb.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("image/jpeg");
        var img = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void aTruncatedImageGetsNoPreview() throws Exception {
        var ann = Accounts.register(api, "trunc");
        byte[] png = Images.of(300, 300, "png");
        String id = tus(ann).upload("broken.png", java.util.Arrays.copyOf(png, png.length / 2));
        Thread.sleep(300);
        var info = api.get("/api/files/" + id, ann.accessToken());
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().has("thumbnailUrl")).isFalse();
        assertThat(tus(ann).get("/api/files/" + id + "/thumbnail", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPixelBombIsStoredButNeverDecoded() throws Exception {
        var ann = Accounts.register(api, "bomb");
        String id = tus(ann).upload("bomb.png", Images.pngClaiming(100_000, 100_000));
        Thread.sleep(300);
        var info = api.get("/api/files/" + id, ann.accessToken()).json();
        assertThat(info.path("kind").asString()).isEqualTo("image");
        assertThat(info.path("width").asInt()).isEqualTo(100_000);
        assertThat(info.has("thumbnailUrl")).isFalse();
        String state = jdbi.withHandle(h -> h.createQuery("SELECT preview_state FROM files WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(state).isEqualTo("too_large");
    }

    @Test
    void exifOrientationTurnsTheThumbnailAndTheSize() throws Exception {
        var ann = Accounts.register(api, "exif");
        String id = tus(ann).upload("turned.jpg", Images.jpegWithOrientation(200, 100, 6));
        JsonNode info = awaitThumbnail(ann, id);
        assertThat(info.path("width").asInt()).isEqualTo(100);
        assertThat(info.path("height").asInt()).isEqualTo(200);
        var img = ImageIO.read(new ByteArrayInputStream(tus(ann).get("/api/files/" + id + "/thumbnail", Map.of()).body()));
        assertThat(img.getWidth()).isEqualTo(100);
        assertThat(img.getHeight()).isEqualTo(200);
    }

    @Test
    void pdfsGetTheirFirstPageAsPreview() throws Exception {
        var ann = Accounts.register(api, "pdf");
        String id = tus(ann).upload("doc.pdf", Images.pdf());
        JsonNode info = awaitThumbnail(ann, id);
        assertThat(info.path("kind").asString()).isEqualTo("pdf");
        assertThat(info.path("contentType").asString()).isEqualTo("application/pdf");
        var thumb = tus(ann).get("/api/files/" + id + "/thumbnail", Map.of());
        var img = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(640);
        assertThat(tus(ann).get("/api/files/" + id + "/content", Map.of()).headers()
                .firstValue("Content-Disposition").orElseThrow()).startsWith("inline;");
    }

    @Test
    void gifsGetAThumbnailOfTheirFirstFrame() throws Exception {
        var ann = Accounts.register(api, "gif");
        String id = tus(ann).upload("anim.gif", Images.of(320, 200, "gif"));
        JsonNode info = awaitThumbnail(ann, id);
        assertThat(info.path("contentType").asString()).isEqualTo("image/gif");
        var img = ImageIO.read(new ByteArrayInputStream(tus(ann).get("/api/files/" + id + "/thumbnail", Map.of()).body()));
        assertThat(img.getWidth()).isEqualTo(320);
    }

    private JsonNode awaitThumbnail(Accounts.Account who, String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode info = api.get("/api/files/" + id, who.accessToken()).json();
            if (info.has("thumbnailUrl")) return info;
            Thread.sleep(50);
        }
        throw new AssertionError("no thumbnail for " + id);
    }

    @Test
    void theGpsPositionIsRemovedFromJpegs() throws Exception {
        var ann = Accounts.register(api, "gps");
        byte[] original = Images.jpegWithGps(120, 80);
        byte[] latitude = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(52).putInt(1).array();
        assertThat(Images.contains(original, latitude)).isTrue();
        String id = tus(ann).upload("where.jpg", original);
        byte[] served = tus(ann).get("/api/files/" + id + "/content", Map.of()).body();
        assertThat(served).hasSize(original.length);
        assertThat(Images.contains(served, latitude)).isFalse();
        assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(120);
        assertThat(awaitThumbnail(ann, id).path("width").asInt()).isEqualTo(120);
        String key = jdbi.withHandle(h -> h.createQuery("SELECT blob_key FROM files WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
        assertThat(key).isEqualTo(id + ".clean");
        assertThat(java.nio.file.Files.exists(server.dataDir().resolve("files/blobs/" + id))).as("original removed").isFalse();
    }
}
