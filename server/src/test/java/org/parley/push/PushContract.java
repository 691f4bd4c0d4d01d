package org.parley.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.json.Json;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Web Push on both databases, against a push service of the test's own: a direct message to a
 * user with no connection arrives encrypted for the browser's keys and signed for the push
 * service's origin; nothing is pushed to someone connected, nor for a plain group message at the
 * level mentions; a reply in a thread reaches those who took part in it; a subscription the push
 * service calls gone is dropped; and the subscription
 * calls refuse what they cannot take.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PushContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;
    private final PushEndpoint endpoint = new PushEndpoint();
    private final List<ChatSocket> sockets = new ArrayList<>();

    PushContract(Supplier<TestDatabase> databases) {
        this.database = databases.get();
        this.server = TestServer.start(database, Map.of());
        this.api = server.api();
    }

    @AfterAll
    void stop() {
        sockets.forEach(ChatSocket::close);
        server.close();
        database.close();
        endpoint.close();
    }

    private BrowserKeys subscribe(Account who, String path) throws Exception {
        BrowserKeys keys = new BrowserKeys();
        var r = api.post("/api/push/subscriptions", subscription(endpoint.url(path), keys.p256dh(), keys.authSecret()),
                who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        return keys;
    }

    private static Map<String, Object> subscription(String url, String p256dh, String auth) {
        return Map.of("endpoint", url, "keys", Map.of("p256dh", p256dh, "auth", auth));
    }

    private long direct(Account a, Account b) {
        return api.post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken()).json().path("id").asLong();
    }

    private long send(Account from, long roomId, String text) {
        var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", text), from.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("seq").asLong();
    }

    private List<String> endpoints(Account who) {
        List<String> out = new ArrayList<>();
        api.get("/api/push/subscriptions", who.accessToken()).json().path("endpoints").forEach(e -> out.add(e.asString()));
        return out;
    }

    @Test
    void aDirectMessageToSomeoneWithNoConnectionIsPushedEncryptedAndSigned() throws Exception {
        Account alice = Accounts.register(api, "alice");
        Account bob = Accounts.register(api, "bob");
        BrowserKeys browser = subscribe(bob, "/bob-1");
        long room = direct(alice, bob);
        long seq = send(alice, room, "Lunch at   noon?");

        PushEndpoint.Received push = endpoint.next();
        assertThat(push.path()).isEqualTo("/bob-1");
        assertThat(push.headers()).containsEntry("content-encoding", "aes128gcm");
        assertThat(Long.parseLong(push.headers().get("ttl"))).isPositive();
        JsonNode payload = Json.MAPPER.readTree(browser.decrypt(push.body()));
        assertThat(payload.path("roomId").asLong()).isEqualTo(room);
        assertThat(payload.path("seq").asLong()).isEqualTo(seq);
        assertThat(payload.path("body").asString()).isEqualTo("Lunch at noon?");
        assertThat(payload.path("title").asString()).isEqualTo("alice");
        assertThat(payload.propertyNames()).containsExactlyInAnyOrder("roomId", "seq", "title", "body");

        String serverKey = api.get("/api/push/key", bob.accessToken()).json().path("publicKey").asString();
        assertVapid(push.headers().get("authorization"), serverKey);
    }

    private void assertVapid(String authorization, String serverKey) throws Exception {
        assertThat(authorization).startsWith("vapid ");
        Map<String, String> params = new HashMap<>();
        for (String part : authorization.substring(6).split(",")) {
            String[] kv = part.strip().split("=", 2);
            params.put(kv[0], kv[1]);
        }
        assertThat(params.get("k")).isEqualTo(serverKey);
        String[] jwt = params.get("t").split("\\.");
        assertThat(jwt).hasSize(3);
        Base64.Decoder b64 = Base64.getUrlDecoder();
        JsonNode header = Json.MAPPER.readTree(new String(b64.decode(jwt[0]), StandardCharsets.UTF_8));
        assertThat(header.path("alg").asString()).isEqualTo("ES256");
        JsonNode claims = Json.MAPPER.readTree(new String(b64.decode(jwt[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("aud").asString()).isEqualTo(endpoint.origin());
        long now = System.currentTimeMillis() / 1000;
        assertThat(claims.path("exp").asLong()).isGreaterThan(now).isLessThanOrEqualTo(now + 24 * 3600);
        assertThat(claims.path("sub").asString()).matches("(mailto:|https:).+");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(PushCrypto.publicKey(b64.decode(serverKey)));
        es256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(b64.decode(jwt[2]))).as("the JWT's signature verifies with the server's key").isTrue();
    }

    /**
     * Pushes go out one at a time in the order of the messages, so once the push of a later
     * message arrived, a push for an earlier one would have arrived before it.
     */
    @Test
    void noPushForSomeoneConnectedNorForAPlainGroupMessageAtTheLevelMentions() throws Exception {
        Account alice = Accounts.register(api, "alice");
        Account carol = Accounts.register(api, "carol");
        Account dave = Accounts.register(api, "dave");
        subscribe(carol, "/carol-1");
        BrowserKeys daves = subscribe(dave, "/dave-1");
        long withCarol = direct(alice, carol);
        ChatSocket alicesSocket = ChatSocket.connect(server.baseUrl(), alice.accessToken());
        sockets.add(alicesSocket);
        sockets.add(ChatSocket.connect(server.baseUrl(), carol.accessToken()));
        alicesSocket.awaitFirst("presence_batch", b -> b.path("users").valueStream().anyMatch(
                u -> u.path("userId").asLong() == carol.id() && "online".equals(u.path("status").asString())));

        send(alice, withCarol, "you are here anyway");
        long group = api.post("/api/rooms", Map.of("name", "Team", "memberIds", List.of(dave.id())), alice.accessToken())
                .json().path("id").asLong();
        var level = api.patch("/api/rooms/" + group + "/notifications", Map.of("level", "mentions"), dave.accessToken());
        assertThat(level.status()).as(level.text()).isEqualTo(200);
        send(alice, group, "a plain word to the team");
        long mention = send(alice, group, "@" + dave.username() + " a word for you");

        PushEndpoint.Received push = endpoint.next();
        assertThat(push.path()).as("the first push is the mention").isEqualTo("/dave-1");
        JsonNode payload = Json.MAPPER.readTree(daves.decrypt(push.body()));
        assertThat(payload.path("roomId").asLong()).isEqualTo(group);
        assertThat(payload.path("seq").asLong()).isEqualTo(mention);
        assertThat(payload.path("title").asString()).isEqualTo("alice in Team");
    }

    /**
     * A reply in a thread reaches those who took part in it (the root's author, earlier repliers)
     * as a mention would: through a mute, not at the level nothing; a member who never took part
     * gets nothing. Pushes go out in the order of the messages, so the direct messages sent last
     * show that no thread push was sent before them.
     */
    @Test
    void aReplyInAThreadIsPushedToThoseWhoTookPartInIt() throws Exception {
        Account alice = Accounts.register(api, "alice");
        Account kim = Accounts.register(api, "kim");
        Account jack = Accounts.register(api, "jack");
        Account leo = Accounts.register(api, "leo");
        BrowserKeys kims = subscribe(kim, "/kim-1");
        subscribe(jack, "/jack-1");
        subscribe(leo, "/leo-1");
        long group = api.post("/api/rooms", Map.of("name", "Crew", "memberIds", List.of(kim.id(), jack.id(), leo.id())),
                alice.accessToken()).json().path("id").asLong();
        var muted = api.patch("/api/rooms/" + group + "/notifications",
                Map.of("level", "mentions", "mutedUntil", System.currentTimeMillis() + 3_600_000), kim.accessToken());
        assertThat(muted.status()).as(muted.text()).isEqualTo(200);
        var silent = api.patch("/api/rooms/" + group + "/notifications", Map.of("level", "nothing"), jack.accessToken());
        assertThat(silent.status()).as(silent.text()).isEqualTo(200);

        long root = send(kim, group, "who takes the night shift?");
        long jacks = reply(jack, group, root, "not me");
        long alices = reply(alice, group, root, "I   will");
        send(alice, direct(alice, leo), "for leo");
        send(alice, direct(alice, jack), "for jack");

        PushEndpoint.Received first = endpoint.next();
        assertThat(first.path()).as("the root's author hears of the first reply, muted or not").isEqualTo("/kim-1");
        JsonNode firstPayload = Json.MAPPER.readTree(kims.decrypt(first.body()));
        assertThat(firstPayload.path("seq").asLong()).isEqualTo(jacks);
        assertThat(firstPayload.path("threadRootSeq").asLong()).isEqualTo(root);
        PushEndpoint.Received second = endpoint.next();
        assertThat(second.path()).isEqualTo("/kim-1");
        JsonNode payload = Json.MAPPER.readTree(kims.decrypt(second.body()));
        assertThat(payload.path("roomId").asLong()).isEqualTo(group);
        assertThat(payload.path("seq").asLong()).isEqualTo(alices);
        assertThat(payload.path("threadRootSeq").asLong()).isEqualTo(root);
        assertThat(payload.path("title").asString()).isEqualTo("alice in Crew");
        assertThat(payload.path("body").asString()).isEqualTo("I will");
        assertThat(endpoint.next().path()).as("leo never took part: his first push is the direct message").isEqualTo("/leo-1");
        assertThat(endpoint.next().path()).as("jack's level for the group is nothing").isEqualTo("/jack-1");
    }

    private long reply(Account from, long roomId, long rootSeq, String text) {
        var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", text, "threadRootSeq", rootSeq),
                from.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("seq").asLong();
    }

    @Test
    void someoneWhoClosesTheAppAsAMessageComesGetsItOnceOffline() throws Exception {
        Account alice = Accounts.register(api, "alice");
        Account ivy = Accounts.register(api, "ivy");
        BrowserKeys browser = subscribe(ivy, "/ivy-1");
        long room = direct(alice, ivy);
        ChatSocket alicesSocket = ChatSocket.connect(server.baseUrl(), alice.accessToken());
        sockets.add(alicesSocket);
        ChatSocket ivysSocket = ChatSocket.connect(server.baseUrl(), ivy.accessToken());
        alicesSocket.awaitFirst("presence_batch", b -> b.path("users").valueStream().anyMatch(
                u -> u.path("userId").asLong() == ivy.id() && "online".equals(u.path("status").asString())));

        long seq = send(alice, room, "are you still there?");
        ivysSocket.close();

        PushEndpoint.Received push = endpoint.next();
        assertThat(push.path()).isEqualTo("/ivy-1");
        assertThat(Json.MAPPER.readTree(browser.decrypt(push.body())).path("seq").asLong()).isEqualTo(seq);
    }

    @Test
    void aSubscriptionThePushServiceCallsGoneIsDropped() throws Exception {
        Account alice = Accounts.register(api, "alice");
        Account erin = Accounts.register(api, "erin");
        endpoint.answer("/erin-gone", 410);
        subscribe(erin, "/erin-gone");
        assertThat(endpoints(erin)).containsExactly(endpoint.url("/erin-gone"));
        send(alice, direct(alice, erin), "hello?");

        assertThat(endpoint.next().path()).isEqualTo("/erin-gone");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!endpoints(erin).isEmpty() && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(endpoints(erin)).isEmpty();
    }

    @Test
    void subscribingIsIdempotentPerEndpointAndBoundedPerUser() throws Exception {
        Account frank = Accounts.register(api, "frank");
        BrowserKeys keys = new BrowserKeys();
        for (int i = 0; i < 2; i++) {
            assertThat(api.post("/api/push/subscriptions", subscription(endpoint.url("/frank-0"), keys.p256dh(), keys.authSecret()),
                    frank.accessToken()).status()).isEqualTo(204);
        }
        assertThat(endpoints(frank)).containsExactly(endpoint.url("/frank-0"));
        for (int i = 1; i < PushService.MAX_PER_USER; i++) subscribe(frank, "/frank-" + i);
        var eleventh = api.post("/api/push/subscriptions", subscription(endpoint.url("/frank-x"), keys.p256dh(), keys.authSecret()),
                frank.accessToken());
        assertThat(eleventh.status()).isEqualTo(403);
        assertThat(eleventh.errorCode()).isEqualTo("quota_exceeded");
        assertThat(endpoints(frank)).hasSize(PushService.MAX_PER_USER);

        var gone = api.send("DELETE", "/api/push/subscriptions", Map.of("endpoint", endpoint.url("/frank-3")),
                frank.accessToken(), Map.of());
        assertThat(gone.status()).isEqualTo(204);
        assertThat(endpoints(frank)).hasSize(PushService.MAX_PER_USER - 1).doesNotContain(endpoint.url("/frank-3"));
    }

    @Test
    void badSubscriptionsAreRefusedAndChangeNothing() throws Exception {
        Account grace = Accounts.register(api, "grace");
        BrowserKeys keys = new BrowserKeys();
        String good = endpoint.url("/grace");
        List<Object> bad = List.of(
                subscription("http://push.example.com/x", keys.p256dh(), keys.authSecret()),
                subscription("ftp://127.0.0.1/x", keys.p256dh(), keys.authSecret()),
                subscription("not a url", keys.p256dh(), keys.authSecret()),
                subscription(good, "AAAA", keys.authSecret()),
                subscription(good, keys.p256dh(), "!!"),
                subscription(good, keys.p256dh(), Base64.getUrlEncoder().encodeToString(new byte[8])),
                Map.of("endpoint", good),
                Map.of("endpoint", good, "keys", Map.of("p256dh", keys.p256dh(), "auth", keys.authSecret()), "extra", 1),
                Map.of("endpoint", 42, "keys", Map.of("p256dh", keys.p256dh(), "auth", keys.authSecret())),
                Map.of("endpoint", good, "keys", Map.of("p256dh", keys.p256dh(), "auth", 7)));
        for (Object body : bad) {
            var r = api.post("/api/push/subscriptions", body, grace.accessToken());
            assertThat(r.status()).as(body.toString()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_input");
        }
        // a point that is not on the curve
        byte[] off = new byte[65];
        off[0] = 4;
        off[64] = 1;
        assertThat(api.post("/api/push/subscriptions", subscription(good, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(off), keys.authSecret()), grace.accessToken()).status()).isEqualTo(400);
        assertThat(api.post("/api/push/subscriptions", subscription(good, keys.p256dh(), keys.authSecret()), null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/push/key", null).status()).isEqualTo(401);
        assertThat(endpoints(grace)).isEmpty();
    }

    @Test
    void signingOutDropsTheSubscriptionsOfThatSession() throws Exception {
        Account henry = Accounts.register(api, "henry");
        subscribe(henry, "/henry-1");
        var other = api.post("/api/auth/login", Map.of("login", henry.username(), "password", Accounts.PASSWORD), null);
        Account elsewhere = Accounts.fromSession(other.json());
        subscribe(elsewhere, "/henry-2");
        assertThat(endpoints(elsewhere)).hasSize(2);

        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", henry.refreshToken()), null).status()).isEqualTo(204);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (endpoints(elsewhere).size() != 1 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(endpoints(elsewhere)).containsExactly(endpoint.url("/henry-2"));
    }
}
