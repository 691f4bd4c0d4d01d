package org.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * Many people registering at once, some of them for the same username or email, on one node and
 * on two nodes sharing the database: every answer is a new account or a clear 409 (naming the
 * username when that is what was taken), never a 500 nor a database that ran out of connections,
 * and each username and email ends up with at most one account. The one other answer allowed is
 * the password hashes' own "busy" 503, which a machine too slow to hash a hundred passwords within
 * the hashes' queue wait gives by design.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrentRegistrationContract {
    private static final int REQUESTS = 100;
    private final TestDatabase database;
    private final TestServer first;
    private final TestServer second;

    ConcurrentRegistrationContract(TestDatabase database) {
        this.database = database;
        this.first = TestServer.start(database, Map.of());
        this.second = TestServer.start(database, Map.of());
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
        database.close();
    }

    @Test
    void concurrentRegistrationsOnOneNodeSucceedOrConflict() throws Exception {
        registerAtOnce("one", List.of(first.api()));
    }

    @Test
    void concurrentRegistrationsOnTwoNodesSucceedOrConflict() throws Exception {
        registerAtOnce("two", List.of(first.api(), second.api()));
    }

    /**
     * {@value #REQUESTS} registrations released together: every third one repeats an earlier
     * username, every fifth an earlier email (so the emails of requests 2 and 4 of every five are
     * shared, the others are not).
     */
    private void registerAtOnce(String prefix, List<ApiClient> nodes) throws Exception {
        String tag = prefix + Long.toString(System.nanoTime() % 1_000_000, 36);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String username = tag + "_u" + (i % 3 == 2 ? i - 1 : i);
            String email = tag + "_e" + (i % 5 == 4 ? i - 2 : i) + "@example.com";
            bodies.add(Map.of("username", username, "email", email, "password", "correct horse battery"));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                ApiClient api = nodes.get(i % nodes.size());
                Map<String, Object> body = bodies.get(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/auth/register", body, null);
                }));
            }
            start.countDown();
        }
        Map<Object, Integer> created = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            var r = answers.get(i).get();
            assertThat(r.status()).as("registration %d answered %s", i, r.text()).isIn(201, 409, 503);
            if (r.status() == 503) {
                // the password hashes' queue, by design, on a machine too slow for a hundred at once;
                // never the database
                assertThat(r.errorCode()).isEqualTo("unavailable");
                assertThat(r.json().path("error").path("message").asString()).as(r.text())
                        .isEqualTo("The server is busy; try again shortly.");
            } else if (r.status() == 409) {
                assertThat(r.errorCode()).isEqualTo("conflict");
                if (i % 5 != 2 && i % 5 != 4) {
                    // nobody else asked for this email: the username is what was taken, and the answer says so
                    assertThat(r.json().path("error").path("fields").path("username").asString())
                            .as("registration %d answered %s", i, r.text()).isEqualTo("That username is taken.");
                }
            } else {
                created.merge(bodies.get(i).get("username"), 1, Integer::sum);
                created.merge(bodies.get(i).get("email"), 1, Integer::sum);
            }
        }
        assertThat(created.values()).as("accounts per username and email").allMatch(n -> n == 1);
        // every account someone was told about exists (a failed sign-in for the others would count
        // against the address's login throttle, so they are not tried)
        for (Map<String, Object> body : bodies) {
            if (!created.containsKey(body.get("username"))) continue;
            var login = nodes.getFirst().post("/api/auth/login",
                    Map.of("login", body.get("username"), "password", "correct horse battery"), null);
            assertThat(login.status()).as("login of %s", body.get("username")).isEqualTo(200);
        }
    }
}
