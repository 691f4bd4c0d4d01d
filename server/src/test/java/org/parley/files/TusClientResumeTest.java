package org.parley.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.socketio.NodeScripts;
import org.parley.testkit.Accounts;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/** The tus-js-client library (4.3) uploads to the real server, is aborted part-way and resumes. */
class TusClientResumeTest {

    @Test
    void anAbortedUploadResumesWhereTheServerStopped() throws Exception {
        try (TestServer server = TestServer.start()) {
            var ann = Accounts.register(server.api(), "tusjs");
            JsonNode result = NodeScripts.run("tus-resume.mjs", server.baseUrl(), ann.accessToken());

            long size = result.path("size").asLong();
            long resumedFrom = result.path("resumedFrom").asLong();
            assertThat(resumedFrom).as("resumed, not restarted").isGreaterThan(0).isLessThan(size);
            assertThat(resumedFrom % (256 * 1024)).as("at a chunk boundary").isZero();

            String uploadUrl = result.path("uploadUrl").asString();
            String id = uploadUrl.substring(uploadUrl.lastIndexOf('/') + 1);
            var tus = new TusClient(server.baseUrl(), ann.accessToken());
            var content = tus.get("/api/files/" + id + "/content", Map.of());
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.body()).hasSize((int) size);
            String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content.body()));
            assertThat(sha1).isEqualTo(result.path("sha1").asString());
            assertThat(server.api().get("/api/files/" + id, ann.accessToken()).json().path("name").asString())
                    .isEqualTo("résumé.bin");
        }
    }
}
