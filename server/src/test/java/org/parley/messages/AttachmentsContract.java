package org.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.config.ParleyConfig;
import org.parley.json.Json;
import org.parley.limits.RateLimiter;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestFiles;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Messages that carry files, on both databases: sent over REST and sockets, shown on every path
 * (live, history, sync, room list, search), refused for each reason without storing anything,
 * released with their message, and announced again when a preview becomes ready. Files are made
 * as finished uploads straight in the database ({@link TestFiles}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttachmentsContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final TestFiles files;
    private final List<ChatSocket> sockets = new ArrayList<>();
    /** A second service on the same database, for what the files feature calls directly. */
    private final Database sideDb;
    private final MessageService side;
    private final List<BusEvent> sidePublished = new CopyOnWriteArrayList<>();

    AttachmentsContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("message-burst", "1000"));
        this.api = server.api();
        this.files = new TestFiles(database);
        this.sideDb = Database.open(new ParleyConfig.Database(database.url(), "", "", 2));
        this.side = new MessageService(sideDb, new Memberships(sideDb.dialect()), new MessageRules(4000),
                new RateLimiter(1000, 1000, Duration.ofMinutes(1), Clock.systemUTC()), new RecordingBus(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        sockets.forEach(ChatSocket::close);
        side.close();
        sideDb.close();
        server.close();
        database.close();
    }

    @Test
    void filesSentOverRestReachEveryPathWithTheirFields() {
        Account a = user("att_rest"), b = user("att_rest_b");
        long room = group(a, b);
        ChatSocket sb = connect(b);
        String image = files.image(a.id(), "holiday.png");
        String doc = files.document(a.id(), "report.pdf");

        var sent = api.post(messages(room), Map.of("content", "see these", "attachments", List.of(image, doc)), a.accessToken());
        assertThat(sent.status()).as(sent.text()).isEqualTo(201);
        JsonNode m = sent.json();
        assertThat(ids(m)).containsExactly(image, doc);
        JsonNode first = m.path("attachments").path(0);
        assertThat(first.path("name").asString()).isEqualTo("holiday.png");
        assertThat(first.path("size").asLong()).isEqualTo(1234);
        assertThat(first.path("contentType").asString()).isEqualTo("image/png");
        assertThat(first.path("kind").asString()).isEqualTo("image");
        assertThat(first.path("width").asInt()).isEqualTo(64);
        assertThat(first.path("height").asInt()).isEqualTo(48);
        assertThat(first.path("url").asString()).isEqualTo("/api/files/" + image + "/content");
        assertThat(first.has("thumbnailUrl")).isFalse();
        JsonNode second = m.path("attachments").path(1);
        assertThat(second.path("kind").asString()).isEqualTo("pdf");
        assertThat(second.has("width")).isFalse();

        JsonNode live = sb.awaitFirst("receive_message", x -> x.path("roomId").asLong() == room
                && x.path("seq").asLong() == m.path("seq").asLong());
        assertThat(live.path("attachments")).isEqualTo(m.path("attachments"));
        JsonNode history = api.get(messages(room), b.accessToken()).json().path("messages");
        assertThat(history.get(history.size() - 1).path("attachments")).isEqualTo(m.path("attachments"));
        JsonNode synced = sb.call("sync", Map.of("rooms", Map.of(String.valueOf(room), 0))).path("ok");
        JsonNode syncedMessages = synced.path("rooms").path(0).path("messages");
        assertThat(syncedMessages.get(syncedMessages.size() - 1).path("attachments")).isEqualTo(m.path("attachments"));
        JsonNode summary = api.get("/api/rooms/" + room, b.accessToken()).json();
        assertThat(summary.path("lastMessage").path("attachments")).isEqualTo(m.path("attachments"));
    }

    @Test
    void aMessageOfFilesAloneIsSentOverTheSocketAndOthersCarryAnEmptyList() {
        Account a = user("att_sock"), b = user("att_sock_b");
        long room = group(a, b);
        ChatSocket sa = connect(a), sb = connect(b);
        String doc = files.document(a.id(), "minutes.pdf");

        JsonNode ack = sa.call("send_message", Map.of("roomId", room, "attachments", List.of(doc)));
        assertThat(ack.has("ok")).as(ack.toString()).isTrue();
        assertThat(ack.path("ok").path("content").asString()).isEmpty();
        assertThat(ids(ack.path("ok"))).containsExactly(doc);
        JsonNode live = sb.awaitFirst("receive_message", x -> x.path("roomId").asLong() == room
                && x.path("seq").asLong() == ack.path("ok").path("seq").asLong());
        assertThat(ids(live)).containsExactly(doc);

        JsonNode plain = sa.call("send_message", Map.of("roomId", room, "content", "no files")).path("ok");
        assertThat(plain.path("attachments").isArray()).isTrue();
        assertThat(plain.path("attachments")).isEmpty();
        JsonNode plainLive = sb.awaitFirst("receive_message", x -> x.path("content").asString().equals("no files"));
        assertThat(plainLive.path("attachments").isArray()).isTrue();
        assertThat(plainLive.path("attachments")).isEmpty();
        var rest = api.post(messages(room), Map.of("content", "plain over rest"), a.accessToken());
        assertThat(rest.json().path("attachments").isArray()).isTrue();
        assertThat(rest.json().path("attachments")).isEmpty();
        JsonNode history = api.get(messages(room), a.accessToken()).json().path("messages");
        assertThat(history).allSatisfy(x -> assertThat(x.path("attachments").isArray()).isTrue());
        List<JsonNode> texts = new ArrayList<>();
        history.forEach(x -> {
            if (x.path("kind").asString().equals("text")) texts.add(x);
        });
        assertThat(ids(texts.get(0))).containsExactly(doc);
        assertThat(texts.get(1).path("attachments")).isEmpty();
    }

    @Test
    void everyRefusalIsClearAndStoresNothing() {
        Account a = user("att_no"), b = user("att_no_b"), outsider = user("att_no_x");
        long room = group(a, b);
        long other = group(b);
        String mine = files.image(a.id(), "mine.png");
        String theirs = files.image(b.id(), "theirs.png");
        String unfinished = files.unfinished(a.id(), "half.bin");
        String expired = files.expired(a.id(), "old.bin");
        String finishedButExpired = files.finishedButExpired(a.id(), "late.bin");
        String taken = files.document(a.id(), "taken.pdf");
        assertThat(api.post(messages(room), Map.of("content", "first", "attachments", List.of(taken)), a.accessToken())
                .status()).isEqualTo(201);
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) eleven.add(files.document(a.id(), "n" + i + ".pdf"));
        long lastSeq = lastSeq(a, room);

        assertRefused(a, room, Map.of("content", "x", "attachments", eleven), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(mine, mine)), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(mine, theirs)), 404, null);
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of("AAAAAAAAAAAAAAAAAAAAAA")), 404, null);
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(mine, unfinished)), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(expired)), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(finishedButExpired)), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(mine, taken)), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of(42)), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", mine), 400, "attachments");
        assertRefused(a, room, Map.of("content", "x", "attachments", List.of("not an id!")), 400, "attachments");
        assertRefused(a, room, Map.of("attachments", List.of()), 400, "content");
        assertRefused(a, room, Map.of("content", "  "), 400, "content");
        assertRefused(outsider, room, Map.of("content", "x", "attachments", List.of(files.image(outsider.id(), "o.png"))),
                404, null);
        assertRefused(a, other, Map.of("content", "x", "attachments", List.of(mine)), 404, null);
        ChatSocket sa = connect(a);
        JsonNode ack = sa.call("send_message", Map.of("roomId", room, "content", "x", "attachments", List.of(mine, mine)));
        assertThat(ack.path("error").path("code").asString()).isEqualTo("invalid_input");
        assertThat(ack.path("error").path("fields").has("attachments")).isTrue();
        assertThat(sa.call("send_message", Map.of("roomId", room, "attachments", List.of(theirs)))
                .path("error").path("code").asString()).isEqualTo("not_found");

        assertThat(lastSeq(a, room)).isEqualTo(lastSeq);
        var after = api.post(messages(room), Map.of("content", "now it works", "attachments", List.of(mine)), a.accessToken());
        assertThat(after.status()).as(after.text()).isEqualTo(201);
        assertThat(after.json().path("seq").asLong()).isEqualTo(lastSeq + 1);
        assertThat(ids(after.json())).containsExactly(mine);
    }

    @Test
    void aRetriedClientIdReturnsTheStoredMessageWithItsFiles() {
        Account a = user("att_retry");
        long room = group(a);
        String image = files.image(a.id(), "again.png");
        Map<String, Object> body = Map.of("content", "once", "clientId", "c-files-1", "attachments", List.of(image));

        var first = api.post(messages(room), body, a.accessToken());
        var retry = api.post(messages(room), body, a.accessToken());
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(ids(retry.json())).containsExactly(image);
        ChatSocket sa = connect(a);
        JsonNode overSocket = sa.call("send_message", Map.of("roomId", room, "content", "once", "clientId", "c-files-1",
                "attachments", List.of(image))).path("ok");
        assertThat(overSocket).isEqualTo(first.json());
    }

    @Test
    void deletingAMessageReleasesItsFiles() {
        Account a = user("att_del"), b = user("att_del_b");
        long room = group(a, b);
        ChatSocket sb = connect(b);
        String image = files.image(a.id(), "gone.png");
        long seq = api.post(messages(room), Map.of("content", "soon gone", "attachments", List.of(image)), a.accessToken())
                .json().path("seq").asLong();

        var deleted = api.delete(messages(room) + "/" + seq, a.accessToken());
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
        assertThat(deleted.json().path("attachments").isArray()).isTrue();
        assertThat(deleted.json().path("attachments")).isEmpty();
        assertThat(files.deletedAt(image)).isNotNull();
        JsonNode updated = sb.awaitFirst("message_updated", x -> x.path("seq").asLong() == seq && x.path("deleted").asBoolean());
        assertThat(updated.path("attachments")).isEmpty();
        JsonNode history = api.get(messages(room), b.accessToken()).json().path("messages");
        assertThat(history.get(history.size() - 1).path("attachments")).isEmpty();
        assertThat(side.attachmentChanged(image)).isEmpty();
    }

    @Test
    void aPreviewMadeAfterSendingAnnouncesTheMessageAgain() {
        Account a = user("att_thumb");
        long room = group(a);
        String image = files.image(a.id(), "later.png");
        String doc = files.document(a.id(), "notes.pdf");
        JsonNode sent = api.post(messages(room), Map.of("content", "thumb soon", "attachments", List.of(doc, image)),
                a.accessToken()).json();
        long rev = sent.path("rev").asLong();
        files.previewReady(image);
        sidePublished.clear();

        Message changed = side.attachmentChanged(image).orElseThrow();

        assertThat(changed.seq()).isEqualTo(sent.path("seq").asLong());
        assertThat(changed.rev()).isGreaterThan(rev);
        assertThat(changed.attachments()).extracting(a1 -> a1.thumbnailUrl())
                .containsExactly(null, "/api/files/" + image + "/thumbnail");
        assertThat(sidePublished).hasSize(1);
        BusEvent.MessageChanged event = (BusEvent.MessageChanged) sidePublished.getFirst();
        JsonNode payload = Json.MAPPER.readTree(event.message().json());
        assertThat(payload.path("rev").asLong()).isEqualTo(changed.rev());
        assertThat(payload.path("attachments").path(1).path("thumbnailUrl").asString())
                .isEqualTo("/api/files/" + image + "/thumbnail");
        ChatSocket sa = connect(a);
        JsonNode synced = sa.call("sync", Map.of("rooms", Map.of(String.valueOf(room),
                Map.of("seq", sent.path("seq").asLong(), "rev", rev)))).path("ok").path("rooms").path(0);
        assertThat(synced.path("changed")).hasSize(1);
        assertThat(synced.path("changed").path(0).path("attachments").path(1).path("thumbnailUrl").asString())
                .isEqualTo("/api/files/" + image + "/thumbnail");
        assertThat(side.attachmentChanged("AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @Test
    void searchFindsFileNamesAndFiltersByFilesAndImages() {
        Account a = user("att_find"), b = user("att_find_b");
        long room = group(a, b);
        String doc = files.document(a.id(), "budget-2026.pdf");
        String image = files.image(a.id(), "holiday_beach.png");
        String goneImage = files.image(a.id(), "holiday_deleted.png");
        long withDoc = send(a, room, "quarterly numbers", doc).path("seq").asLong();
        send(a, room, "look at this", image);
        send(a, room, "plain text about the budget");
        long gone = send(a, room, "also a holiday", goneImage).path("seq").asLong();
        api.delete(messages(room) + "/" + gone, a.accessToken());

        assertThat(contents(b, "has:file")).containsExactlyInAnyOrder("quarterly numbers", "look at this");
        assertThat(contents(b, "has:image")).containsExactly("look at this");
        assertThat(contents(b, "holiday")).containsExactly("look at this");
        assertThat(contents(b, "beach")).containsExactly("look at this");
        assertThat(contents(b, "budget")).containsExactlyInAnyOrder("quarterly numbers", "plain text about the budget");
        assertThat(contents(b, "budget has:file")).containsExactly("quarterly numbers");
        assertThat(contents(b, "2026")).containsExactly("quarterly numbers");
        assertThat(contents(b, "\"budget 2026\"")).containsExactly("quarterly numbers");
        assertThat(contents(b, "holiday has:image from:" + a.username())).containsExactly("look at this");
        assertThat(contents(b, "-budget has:file")).containsExactly("look at this");
        assertThat(api.patch(messages(room) + "/" + withDoc, Map.of("content", "yearly numbers"), a.accessToken())
                .status()).isEqualTo(200);
        assertThat(contents(b, "budget has:file")).containsExactly("yearly numbers");
        assertThat(contents(b, "quarterly")).isEmpty();
        JsonNode hit = search(b, "holiday").json().path("hits").path(0);
        assertThat(ids(hit.path("message"))).containsExactly(image);
        JsonNode plainHit = search(b, "plain").json().path("hits").path(0);
        assertThat(plainHit.path("message").path("attachments").isArray()).isTrue();

        var unknown = search(b, "has:emoji");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("message").asString())
                .contains("has:link").contains("has:file").contains("has:image");
    }

    private void assertRefused(Account who, long room, Map<String, ?> body, int status, String field) {
        var r = api.post(messages(room), body, who.accessToken());
        assertThat(r.status()).as(body + " -> " + r.text()).isEqualTo(status);
        if (field != null) assertThat(r.json().path("error").path("fields").has(field)).as(r.text()).isTrue();
        if (status == 404) assertThat(r.errorCode()).isEqualTo("not_found");
    }

    private JsonNode send(Account who, long room, String content, String... fileIds) {
        Map<String, Object> body = new HashMap<>();
        body.put("content", content);
        if (fileIds.length > 0) body.put("attachments", List.of(fileIds));
        var r = api.post(messages(room), body, who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private ApiClient.Response search(Account who, String q) {
        return api.get("/api/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8),
                who.accessToken());
    }

    private List<String> contents(Account who, String q) {
        var r = search(who, q);
        assertThat(r.status()).as(q + " -> " + r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().path("hits").forEach(h -> out.add(h.path("message").path("content").asString()));
        return out;
    }

    private long lastSeq(Account who, long room) {
        return api.get("/api/rooms/" + room, who.accessToken()).json().path("lastSeq").asLong();
    }

    private static List<String> ids(JsonNode message) {
        List<String> out = new ArrayList<>();
        message.path("attachments").forEach(x -> out.add(x.path("id").asString()));
        return out;
    }

    private static String messages(long room) {
        return "/api/rooms/" + room + "/messages";
    }

    private Account user(String name) {
        return Accounts.register(api, name);
    }

    private ChatSocket connect(Account who) {
        ChatSocket s = ChatSocket.connect(server.baseUrl(), who.accessToken());
        sockets.add(s);
        return s;
    }

    private long group(Account owner, Account... members) {
        List<Long> ids = new ArrayList<>();
        for (Account m : members) ids.add(m.id());
        var r = api.post("/api/rooms", Map.of("name", "Files of " + owner.username(), "memberIds", ids), owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    /** Records what the side service publishes. */
    private final class RecordingBus implements EventBus {
        @Override
        public void publish(BusEvent event) {
            sidePublished.add(event);
        }

        @Override
        public void subscribe(Consumer<BusEvent> subscriber) {}

        @Override
        public void close() {}
    }
}
