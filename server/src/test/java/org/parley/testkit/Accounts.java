package org.parley.testkit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** Registers accounts with unique names for tests. */
public final class Accounts {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery";

    private Accounts() {}

    /** A signed-in account: its user object, tokens and the password it was registered with. */
    public record Account(long id, String username, String email, String accessToken, String refreshToken, JsonNode user) {}

    public static Account register(ApiClient api, String prefix) {
        String username = (prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid()).toLowerCase();
        if (username.length() > 32) username = username.substring(0, 32);
        var r = api.post("/api/auth/register", Map.of("username", username, "email", username + "@example.com",
                "password", PASSWORD, "displayName", prefix), null);
        if (r.status() != 201) throw new IllegalStateException("register failed: " + r.status() + " " + r.text());
        return fromSession(r.json());
    }

    public static Account fromSession(JsonNode session) {
        JsonNode user = session.path("user");
        return new Account(user.path("id").asLong(), user.path("username").asString(), user.path("email").asString(),
                session.path("accessToken").asString(), session.path("refreshToken").asString(), user);
    }
}
