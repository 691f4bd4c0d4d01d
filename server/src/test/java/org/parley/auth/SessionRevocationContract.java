package org.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.Accounts.Account;
import org.parley.testkit.ApiClient;
import org.parley.testkit.ChatSocket;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/**
 * Ending a session ends its access tokens at once, not when they expire: sign-out, sign-out
 * everywhere, a password change and the reuse of a spent refresh token. Run on both databases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionRevocationContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;

    SessionRevocationContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of());
        this.api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private Account login(Account who) {
        var r = api.post("/api/auth/login", Map.of("login", who.username(), "password", Accounts.PASSWORD), null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return Accounts.fromSession(r.json());
    }

    private int me(String token) {
        return api.get("/api/me", token).status();
    }

    @Test
    void signingOutEndsTheAccessTokenAtOnce() {
        Account a = Accounts.register(api, "so");
        assertThat(me(a.accessToken())).isEqualTo(200);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", a.refreshToken()), null).status()).isEqualTo(204);
        assertThat(me(a.accessToken())).isEqualTo(401);
        assertThat(api.get("/api/rooms", a.accessToken()).status()).isEqualTo(401);
        assertThat(ChatSocket.attempt(server.baseUrl(), a.accessToken())).isEqualTo("error: unauthorized");
    }

    @Test
    void reusingASpentRefreshTokenEndsEveryAccessTokenOfTheSession() {
        Account a = Accounts.register(api, "reuse");
        var refreshed = api.post("/api/auth/refresh", Map.of("refreshToken", a.refreshToken()), null);
        assertThat(refreshed.status()).isEqualTo(200);
        String newer = refreshed.json().path("accessToken").asString();
        assertThat(me(newer)).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", a.refreshToken()), null).status()).isEqualTo(401);
        assertThat(me(a.accessToken())).isEqualTo(401);
        assertThat(me(newer)).isEqualTo(401);
    }

    @Test
    void signingOutEverywhereEndsEverySessionAndClosesTheirSockets() {
        Account first = Accounts.register(api, "all");
        Account second = login(first);
        Account untouched = Accounts.register(api, "other");
        try (ChatSocket socket = ChatSocket.connect(server.baseUrl(), second.accessToken())) {
            assertThat(api.post("/api/auth/logout-all", Map.of(), null).status()).as("needs a token").isEqualTo(401);
            assertThat(api.post("/api/auth/logout-all", Map.of(), first.accessToken()).status()).isEqualTo(204);
            socket.awaitFirst("session_ended", e -> true);
        }
        for (Account session : new Account[] {first, second}) {
            assertThat(me(session.accessToken())).isEqualTo(401);
            assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", session.refreshToken()), null).status())
                    .isEqualTo(401);
        }
        assertThat(me(untouched.accessToken())).as("other users keep their sessions").isEqualTo(200);
        assertThat(me(login(first).accessToken())).as("signing in again works").isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsEveryOtherSessionAndKeepsThisOne() {
        Account current = Accounts.register(api, "pw");
        Account other = login(current);
        String newPassword = "a brand new passphrase";

        var wrong = api.post("/api/me/password", Map.of("currentPassword", "not my password", "newPassword", newPassword),
                current.accessToken());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").path("fields").has("currentPassword")).isTrue();
        var weak = api.post("/api/me/password", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "short"),
                current.accessToken());
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("error").path("fields").has("newPassword")).isTrue();
        assertThat(api.post("/api/me/password", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", 42),
                current.accessToken()).status()).isEqualTo(400);
        assertThat(me(other.accessToken())).as("refusals change nothing").isEqualTo(200);

        assertThat(api.post("/api/me/password", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", newPassword),
                current.accessToken()).status()).isEqualTo(204);
        assertThat(me(other.accessToken())).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", other.refreshToken()), null).status())
                .isEqualTo(401);
        assertThat(me(current.accessToken())).as("the session that changed it stays").isEqualTo(200);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", current.refreshToken()), null).status())
                .isEqualTo(200);
        assertThat(api.post("/api/auth/login", Map.of("login", current.username(), "password", Accounts.PASSWORD), null)
                .status()).isEqualTo(401);
        assertThat(api.post("/api/auth/login", Map.of("login", current.username(), "password", newPassword), null)
                .status()).isEqualTo(200);
        assertThat(api.post("/api/me/password", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", newPassword),
                null).status()).isEqualTo(401);
    }
}
