package org.parley.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;
import tools.jackson.databind.JsonNode;

/**
 * Message search over REST, as users would use it; runs on both databases. Every test makes its
 * own users and rooms, and a search only ever sees the searcher's rooms, so tests do not interfere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchApiContract {
    private final TestDatabase database;
    private final TestServer server;
    private final SearchClient c;

    SearchApiContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("message-burst", "100000"));
        this.c = new SearchClient(server.api());
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    @Test
    void everyWordMustMatchAndQuotesAskForAPhrase() {
        Account a = c.user("words");
        long room = c.group(a, "Ops");
        c.send(a, room, "deploy the staging cluster");
        c.send(a, room, "deploy production now");
        c.send(a, room, "the exact phrase is here");
        c.send(a, room, "Exact, phrase! with punctuation");
        c.send(a, room, "phrase exact in the wrong order");

        assertThat(c.contents(a, "deploy staging")).containsExactly("deploy the staging cluster");
        assertThat(c.contents(a, "staging deploy")).containsExactly("deploy the staging cluster");
        assertThat(c.contents(a, "\"exact phrase\""))
                .containsExactlyInAnyOrder("the exact phrase is here", "Exact, phrase! with punctuation");
        assertThat(c.contents(a, "deploy \"exact phrase\"")).isEmpty();
    }

    @Test
    void prefixesAndTheWordBeingTyped() {
        Account a = c.user("prefix");
        long room = c.group(a, "Release");
        c.send(a, room, "the deployment finished");
        c.send(a, room, "we redeploy tomorrow");
        c.send(a, room, "kubectl apply");
        c.send(a, room, "ku is short");

        assertThat(c.contents(a, "deplo*")).containsExactly("the deployment finished");
        assertThat(c.contents(a, "kub")).containsExactly("kubectl apply");
        assertThat(c.contents(a, "ku")).containsExactlyInAnyOrder("kubectl apply", "ku is short");
        assertThat(c.contents(a, "ku ")).containsExactly("ku is short");
        assertThat(c.contents(a, "deploy")).containsExactlyInAnyOrder("the deployment finished", "we redeploy tomorrow");
    }

    @Test
    void shortWordsNextToLongerTermsStillNarrowTheResults() {
        Account a = c.user("short");
        long room = c.group(a, "Short words");
        c.send(a, room, "fix me later please");
        c.send(a, room, "fix the build");
        c.send(a, room, "a fix is on its way");
        c.send(a, room, "tell me when it is fixed");

        assertThat(c.contents(a, "fix me")).containsExactlyInAnyOrder("fix me later please", "tell me when it is fixed");
        assertThat(c.contents(a, "fix on")).containsExactly("a fix is on its way");
        assertThat(c.contents(a, "fix me fix")).containsExactlyInAnyOrder("fix me later please", "tell me when it is fixed");
        assertThat(c.contents(a, "build to")).isEmpty();
        assertThat(c.contents(a, "is from:" + a.username())).containsExactlyInAnyOrder(
                "a fix is on its way", "tell me when it is fixed");
    }

    @Test
    void minusLeavesMessagesOut() {
        Account a = c.user("minus");
        long room = c.group(a, "Builds");
        c.send(a, room, "build failed on staging");
        c.send(a, room, "build failed on production");
        c.send(a, room, "build failed in CI");

        assertThat(c.contents(a, "build -staging")).containsExactlyInAnyOrder("build failed on production", "build failed in CI");
        assertThat(c.contents(a, "build -staging -\"in ci\"")).containsExactly("build failed on production");
        assertThat(c.contents(a, "build -prod*")).containsExactlyInAnyOrder("build failed on staging", "build failed in CI");
        assertThat(c.contents(a, "-build")).isEmpty();
    }

    @Test
    void caseAndAccentsDoNotMatter() {
        Account a = c.user("accents");
        long room = c.group(a, "Café");
        c.send(a, room, "Un café crème à Paris");
        c.send(a, room, "my resume is attached");

        assertThat(c.contents(a, "cafe creme")).containsExactly("Un café crème à Paris");
        assertThat(c.contents(a, "CAFÉ")).containsExactly("Un café crème à Paris");
        assertThat(c.contents(a, "\"A PARIS\"")).containsExactly("Un café crème à Paris");
        assertThat(c.contents(a, "résumé")).containsExactly("my resume is attached");
    }

    @Test
    void partsOfWordsNumbersAndIdentifiersAreFound() {
        Account a = c.user("parts");
        long room = c.group(a, "Code");
        c.send(a, room, "Merged PR-1234 into main");
        c.send(a, room, "java.lang.NullPointerError at startup");
        c.send(a, room, "ticket ABC_778 closed");

        assertThat(c.contents(a, "1234")).containsExactly("Merged PR-1234 into main");
        assertThat(c.contents(a, "pr-1234")).containsExactly("Merged PR-1234 into main");
        assertThat(c.contents(a, "\"pr 1234\"")).containsExactly("Merged PR-1234 into main");
        assertThat(c.contents(a, "Error")).containsExactly("java.lang.NullPointerError at startup");
        assertThat(c.contents(a, "pointer")).containsExactly("java.lang.NullPointerError at startup");
        assertThat(c.contents(a, "778")).containsExactly("ticket ABC_778 closed");
    }

    @Test
    void wholeWordsRankAboveParts() {
        Account a = c.user("rank");
        long room = c.group(a, "Errors");
        c.send(a, room, "error: disk full");
        c.send(a, room, "NullPointerError again");
        c.send(a, room, "errors everywhere");

        assertThat(c.contents(a, "error"))
                .containsExactly("error: disk full", "errors everywhere", "NullPointerError again");
        JsonNode hits = c.hits(a, "error");
        assertThat(hits.get(0).path("score").asInt()).isGreaterThan(hits.get(2).path("score").asInt());
    }

    @Test
    void filtersNarrowBySenderRoomDateAndLinks() {
        Account a = c.user("filtera"), b = c.user("filterb");
        long general = c.group(a, "General chat", b);
        long random = c.group(a, "random", b);
        c.send(a, general, "lunch plans from a");
        c.send(b, general, "lunch plans from b, see https://example.com/menu");
        c.send(b, random, "lunch plans in random");

        assertThat(c.contents(a, "lunch from:" + b.username()))
                .containsExactlyInAnyOrder("lunch plans from b, see https://example.com/menu", "lunch plans in random");
        assertThat(c.contents(a, "lunch from:@" + b.username().toUpperCase())).hasSize(2);
        assertThat(c.contents(a, "lunch from:me")).containsExactly("lunch plans from a");
        assertThat(c.contents(a, "lunch from:nobody_at_all")).isEmpty();
        assertThat(c.contents(a, "lunch in:random")).containsExactly("lunch plans in random");
        assertThat(c.contents(a, "lunch in:\"general CHAT\"")).hasSize(2);
        assertThat(c.contents(a, "lunch in:nowhere")).isEmpty();
        assertThat(c.contents(a, "lunch has:link")).containsExactly("lunch plans from b, see https://example.com/menu");
        assertThat(c.contents(a, "has:link in:\"General chat\"")).hasSize(1);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(c.contents(a, "lunch after:" + today.minusDays(1))).hasSize(3);
        assertThat(c.contents(a, "lunch after:" + today)).isEmpty();
        assertThat(c.contents(a, "lunch before:" + today.plusDays(1))).hasSize(3);
        assertThat(c.contents(a, "lunch before:" + today)).isEmpty();
        assertThat(c.contents(a, "from:" + b.username() + " in:random")).containsExactly("lunch plans in random");
    }

    @Test
    void directRoomsAreNamedAfterTheOtherPerson() {
        Account a = c.user("dira"), b = c.user("dirb");
        long room = c.direct(a, b);
        c.send(b, room, "secret handshake");

        JsonNode hit = c.hits(a, "handshake").get(0);
        assertThat(hit.path("room").path("id").asLong()).isEqualTo(room);
        assertThat(hit.path("room").path("kind").asString()).isEqualTo("direct");
        assertThat(hit.path("room").path("name").asString()).isEqualTo("dirb");
        assertThat(c.contents(a, "handshake in:" + b.username())).hasSize(1);
    }

    @Test
    void editsAndDeletesAreFollowed() {
        Account a = c.user("edits");
        long room = c.group(a, "Edits");
        long seq = c.send(a, room, "the original wording").path("seq").asLong();
        long gone = c.send(a, room, "this will vanish").path("seq").asLong();

        assertThat(c.api().patch("/api/rooms/" + room + "/messages/" + seq, Map.of("content", "the revised text"),
                a.accessToken()).status()).isEqualTo(200);
        assertThat(c.contents(a, "original")).isEmpty();
        assertThat(c.contents(a, "revised")).containsExactly("the revised text");
        assertThat(c.hits(a, "revised").get(0).path("message").path("editedAt").isNull()).isFalse();

        assertThat(c.contents(a, "vanish")).hasSize(1);
        assertThat(c.api().delete("/api/rooms/" + room + "/messages/" + gone, a.accessToken()).status()).isEqualTo(200);
        assertThat(c.contents(a, "vanish")).isEmpty();
    }

    @Test
    void onlyCurrentMembersFindARoomsMessages() {
        Account owner = c.user("owner"), member = c.user("member"), outsider = c.user("outsider");
        long room = c.group(owner, "Private", member);
        c.send(owner, room, "quarterly numbers attached");

        assertThat(c.contents(member, "quarterly")).hasSize(1);
        assertThat(c.contents(outsider, "quarterly")).isEmpty();
        assertThat(c.contents(outsider, "in:Private")).isEmpty();

        assertThat(c.api().delete("/api/rooms/" + room + "/members/" + member.id(), owner.accessToken()).status())
                .isEqualTo(204);
        assertThat(c.contents(member, "quarterly")).isEmpty();
        assertThat(c.contents(member, "in:Private")).isEmpty();
        assertThat(c.contents(owner, "quarterly")).hasSize(1);
    }

    @Test
    void systemMessagesAreNotSearchable() {
        Account a = c.user("system"), b = c.user("newcomer");
        long room = c.group(a, "Announcements");
        c.api().post("/api/rooms/" + room + "/members", Map.of("userIds", List.of(b.id())), a.accessToken());
        assertThat(c.contents(a, "added")).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutRepeatsOrGaps() {
        Account a = c.user("pages");
        long room = c.group(a, "Pages");
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            String text = i % 3 == 0 ? "invoice " + i : i % 3 == 1 ? "invoices batch " + i : "reinvoice request number " + i;
            sent.add(c.send(a, room, text).path("id").asLong());
        }
        List<JsonNode> all = c.allPages(a, "invoice", 5);
        List<Long> ids = all.stream().map(h -> h.path("message").path("id").asLong()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        for (int i = 1; i < all.size(); i++) {
            int prev = all.get(i - 1).path("score").asInt(), cur = all.get(i).path("score").asInt();
            assertThat(cur).isLessThanOrEqualTo(prev);
            if (cur == prev) assertThat(ids.get(i)).isLessThan(ids.get(i - 1));
        }
        assertThat(all.getFirst().path("message").path("content").asString()).startsWith("invoice ");
    }

    @Test
    void newMessagesDoNotShiftPagesAlreadyStarted() {
        Account a = c.user("shift");
        long room = c.group(a, "Shift");
        for (int i = 0; i < 12; i++) c.send(a, room, "standup note " + i);
        var first = c.search(a, "standup", 5, null);
        String cursor = first.json().path("nextCursor").asString();
        for (int i = 0; i < 5; i++) c.send(a, room, "standup late " + i);
        List<Long> ids = new ArrayList<>();
        first.json().path("hits").forEach(h -> ids.add(h.path("message").path("id").asLong()));
        while (cursor != null) {
            var page = c.search(a, "standup", 5, cursor);
            page.json().path("hits").forEach(h -> ids.add(h.path("message").path("id").asLong()));
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asString();
        }
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(new HashSet<>(c.contents(a, "standup late"))).hasSize(5);
    }

    @Test
    void aHitCarriesTheMessageItsRoomAndAPlainTextSnippet() {
        Account a = c.user("shape");
        long room = c.group(a, "Shape");
        String filler = "word ".repeat(60);
        JsonNode sent = c.send(a, room, filler + "the <b>needle</b> is here " + filler);

        var r = c.search(a, "needle");
        assertThat(r.json().path("nextCursor").isNull()).isTrue();
        JsonNode hit = r.json().path("hits").get(0);
        assertThat(hit.path("message")).isEqualTo(sent);
        assertThat(hit.path("room").path("name").asString()).isEqualTo("Shape");
        assertThat(hit.path("room").path("kind").asString()).isEqualTo("group");
        StringBuilder text = new StringBuilder();
        List<String> matched = new ArrayList<>();
        for (JsonNode s : hit.path("snippet")) {
            text.append(s.path("text").asString());
            if (s.path("match").asBoolean()) matched.add(s.path("text").asString());
        }
        assertThat(matched).containsExactly("needle");
        assertThat(text.toString()).contains("the <b>needle</b> is here").startsWith("\u2026").endsWith("\u2026");
        assertThat(text.length()).isLessThan(200);
    }

    @Test
    void badQueriesGetAnAnswerOrAClearRefusalNeverAFailure() {
        Account a = c.user("badq");
        long room = c.group(a, "Bad");
        c.send(a, room, "a normal message about NEAR and OR");
        List<String> queries = List.of("\"", "\"unbalanced", "-", "*", "-*", "()", "(near", "NEAR(a b)", "a OR b",
                "x AND", "^start", "col:value", "'; DROP TABLE messages; --", "\" OR 1=1 --", "from:", "in:",
                "before:", "has:", "*deploy", "deploy**", "-\"\"", "\u00e9\u0301", "\uD83D\uDE00 emoji", "%_%", "\\",
                "NEAR", "near/2", "{body}: x", "body:near", "a".repeat(500));
        for (String q : queries) {
            var r = c.search(a, q);
            assertThat(r.status()).as(q + " -> " + r.text()).isIn(200, 400);
            if (r.status() == 400) assertThat(r.errorCode()).isEqualTo("invalid_input");
        }
        assertThat(c.contents(a, "NEAR")).hasSize(1);
        assertThat(c.contents(a, "\"and OR\"")).hasSize(1);

        for (String q : List.of("", "   ", "a".repeat(501), "x".repeat(5_000), "nul\u0000byte", "before:2024-13-01",
                "after:yesterday", "has:emoji", "-from:someone")) {
            var r = c.search(a, q);
            assertThat(r.status()).as(q + " -> " + r.text()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_input");
        }
        var huge = c.search(a, "x".repeat(10_000));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.errorCode()).isEqualTo("invalid_input");
        assertThat(c.api().get("/api/search", a.accessToken()).status()).isEqualTo(400);
        assertThat(c.search(a, "normal", 0, null).status()).isEqualTo(400);
        assertThat(c.search(a, "normal", 51, null).status()).isEqualTo(400);
        assertThat(c.search(a, "normal", 10, "not-a-cursor").status()).isEqualTo(400);
        assertThat(c.api().get("/api/search?q=normal", null).status()).isEqualTo(401);
    }
}
