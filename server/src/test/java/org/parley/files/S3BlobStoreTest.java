package org.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.TestServer;

/** The S3 blob store against a real S3-compatible server, alone and under the tus API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3BlobStoreTest {
    private final TestS3 s3;
    private final S3BlobStore store;

    S3BlobStoreTest() throws Exception {
        s3 = new TestS3();
        store = S3BlobStore.open(s3.config());
    }

    @AfterAll
    void stop() throws Exception {
        store.close();
        s3.close();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void appendsJoinIntoOneObjectOnlyWhenComplete() throws Exception {
        byte[] data = random(9 * 1024 * 1024 + 123);
        String key = FileIds.next();
        int cut = 3 * 1024 * 1024 + 7;
        var first = store.append(key, 0, new ByteArrayInputStream(data, 0, cut), data.length, null);
        assertThat(first.bytes()).isEqualTo(cut);
        // a second append at the same offset replaces what the first left beyond it
        store.append(key, 0, new ByteArrayInputStream(data, 0, cut), data.length, null);
        var rest = store.append(key, cut, new ByteArrayInputStream(data, cut, data.length - cut), data.length - cut, null);
        assertThat(rest.bytes()).isEqualTo(data.length - cut);
        assertThat(s3.names("blobs/" + key)).isEmpty();
        store.complete(key);
        assertThat(s3.names("partial/" + key)).isEmpty();
        assertThat(store.size(key)).isEqualTo(data.length);
        try (InputStream in = store.read(key, 0, data.length)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = store.read(key, 100, 50)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 150));
        }
        store.delete(key);
        assertThat(s3.names("blobs/" + key)).isEmpty();
    }

    @Test
    void overflowAndTruncationKeepNothingOfTheCall() throws Exception {
        String key = FileIds.next();
        store.append(key, 0, new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), 10, null);
        var over = store.append(key, 3, new ByteArrayInputStream(new byte[20]), 7, null);
        assertThat(over.overflow()).isTrue();
        store.append(key, 3, new ByteArrayInputStream("def".getBytes(StandardCharsets.US_ASCII)), 7, null);
        store.truncate(key, 3);
        store.append(key, 3, new ByteArrayInputStream("xyz".getBytes(StandardCharsets.US_ASCII)), 7, null);
        store.complete(key);
        try (InputStream in = store.read(key, 0, 6)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcxyz");
        }
    }

    @Test
    void theTusFlowWorksOnS3() {
        try (TestServer server = TestServer.start(null, Map.of("files-store", "s3", "s3-endpoint", s3.endpoint(),
                "s3-bucket", TestS3.BUCKET, "s3-access-key", TestS3.ACCESS, "s3-secret-key", TestS3.SECRET))) {
            var ann = Accounts.register(server.api(), "s3");
            var tus = new TusClient(server.baseUrl(), ann.accessToken());
            byte[] png = Images.of(800, 400, "png");
            var c = tus.create(png.length, "wide.png", null);
            String loc = c.headers().firstValue("Location").orElseThrow();
            assertThat(tus.patch(loc, 0, java.util.Arrays.copyOf(png, 100)).statusCode()).isEqualTo(204);
            assertThat(tus.head(loc).headers().firstValue("Upload-Offset").orElseThrow()).isEqualTo("100");
            assertThat(tus.patch(loc, 100, java.util.Arrays.copyOfRange(png, 100, png.length)).statusCode()).isEqualTo(204);
            String id = loc.substring(loc.lastIndexOf('/') + 1);
            var content = tus.get("/api/files/" + id + "/content", Map.of("Range", "bytes=0-9"));
            assertThat(content.statusCode()).isEqualTo(206);
            assertThat(content.body()).isEqualTo(java.util.Arrays.copyOf(png, 10));
            var info = server.api().get("/api/files/" + id, ann.accessToken()).json();
            assertThat(info.path("contentType").asString()).isEqualTo("image/png");
            assertThat(info.path("width").asInt()).isEqualTo(800);
        }
    }
}
