package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import tools.jackson.databind.JsonNode;

/** Rooms, messages and searches over REST for the search tests. */
final class SearchClient {
    private final ApiClient api;

    SearchClient(ApiClient api) {
        this.api = api;
    }

    ApiClient api() {
        return api;
    }

    Account user(String name) {
        return Accounts.register(api, name);
    }

    long group(Account owner, String name, Account... members) {
        List<Long> ids = new ArrayList<>();
        for (Account m : members) ids.add(m.id());
        var r = api.post("/api/rooms", Map.of("name", name, "memberIds", ids), owner.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    long direct(Account a, Account b) {
        var r = api.post("/api/rooms/direct", Map.of("userId", b.id()), a.accessToken());
        assertThat(r.status()).as(r.text()).isIn(200, 201);
        return r.json().path("id").asLong();
    }

    JsonNode send(Account who, long roomId, String content) {
        var r = api.post("/api/rooms/" + roomId + "/messages", Map.of("content", content), who.accessToken());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    ApiClient.Response search(Account who, String q) {
        return api.get("/api/search?q=" + encode(q), who.accessToken());
    }

    ApiClient.Response search(Account who, String q, int limit, String cursor) {
        return api.get("/api/search?q=" + encode(q) + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor)),
                who.accessToken());
    }

    /** The hits of a search that must succeed. */
    JsonNode hits(Account who, String q) {
        var r = search(who, q);
        assertThat(r.status()).as(q + " -> " + r.text()).isEqualTo(200);
        return r.json().path("hits");
    }

    /** The contents of the hits, best first. */
    List<String> contents(Account who, String q) {
        List<String> out = new ArrayList<>();
        hits(who, q).forEach(h -> out.add(h.path("message").path("content").asString()));
        return out;
    }

    /** Every hit over all pages of {@code limit}, following the cursors. */
    List<JsonNode> allPages(Account who, String q, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var r = search(who, q, limit, cursor);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            r.json().path("hits").forEach(all::add);
            assertThat(r.json().path("hits").size()).isLessThanOrEqualTo(limit);
            if (r.json().path("nextCursor").isNull()) return all;
            assertThat(r.json().path("hits").size()).isEqualTo(limit);
            cursor = r.json().path("nextCursor").asString();
        }
        throw new AssertionError("more than 100 pages");
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
