package org.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.Accounts;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestServer;

/** The account and sign-in API as clients rely on it; run on SQLite and on PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthApiContract {
    private final TestDatabase database;
    private final TestServer server;
    private final ApiClient api;

    AuthApiContract(TestDatabase database) {
        this.database = database;
        this.server = TestServer.start(database, Map.of("login-max-failures", "3",
                "trusted-proxies", "127.0.0.1"));
        this.api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
        database.close();
    }

    private static Map<String, Object> registration(String username, String email, String password) {
        return Map.of("username", username, "email", email, "password", password);
    }

    @Test
    void registerReturnsTheUserAndBothTokens() {
        var r = api.post("/api/auth/register", Map.of("username", "Grace.H", "email", "Grace@Example.com",
                "password", "hopper1906", "displayName", "Grace Hopper"), null);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("user").path("username").asString()).isEqualTo("grace.h");
        assertThat(r.json().path("user").path("email").asString()).isEqualTo("grace@example.com");
        assertThat(r.json().path("user").path("displayName").asString()).isEqualTo("Grace Hopper");
        assertThat(r.json().path("user").has("passwordHash")).isFalse();
        assertThat(r.json().path("accessToken").asString()).contains(".");
        assertThat(r.json().path("refreshToken").asString()).hasSizeGreaterThan(30);
        assertThat(r.json().path("expiresIn").asLong()).isEqualTo(900);
    }

    @Test
    void displayNameDefaultsToTheUsername() {
        var r = api.post("/api/auth/register", registration("nodisplay", "nodisplay@example.com", "longenough"), null);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("user").path("displayName").asString()).isEqualTo("nodisplay");
    }

    @Test
    void usernamesFollowTheRules() {
        for (String bad : new String[] {"ab", "a".repeat(33), "has space", "emoji😀", "semi;colon", ""}) {
            var r = api.post("/api/auth/register", registration(bad, "rules" + bad.hashCode() + "@example.com", "longenough"), null);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("invalid_input");
            assertThat(r.json().path("error").path("fields").has("username")).as(bad).isTrue();
        }
        assertThat(api.post("/api/auth/register", registration("ok_name.x-1", "okname@example.com", "longenough"), null)
                .status()).isEqualTo(201);
    }

    @Test
    void usernamesAndEmailsAreUniqueIgnoringCase() {
        assertThat(api.post("/api/auth/register", registration("taken", "taken@example.com", "longenough"), null)
                .status()).isEqualTo(201);
        var sameName = api.post("/api/auth/register", registration("TAKEN", "other@example.com", "longenough"), null);
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.json().path("error").path("fields").has("username")).isTrue();
        var sameEmail = api.post("/api/auth/register", registration("other", "Taken@EXAMPLE.com", "longenough"), null);
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.json().path("error").has("fields")).isFalse();
    }

    @Test
    void aTakenEmailGetsAnAnswerThatNamesNoFieldAndCreatesNothing() {
        assertThat(api.post("/api/auth/register", registration("enum_owner", "enum@example.com", "longenough"), null)
                .status()).isEqualTo(201);
        var taken = api.post("/api/auth/register", registration("enum_probe", "ENUM@example.com", "longenough"), null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("conflict");
        assertThat(taken.json().path("error").has("fields")).isFalse();
        assertThat(taken.text().toLowerCase()).doesNotContain("email");
        // the same answer for another taken email: nothing in it depends on whose address it is
        api.post("/api/auth/register", registration("enum_owner2", "enum2@example.com", "longenough"), null);
        var taken2 = api.post("/api/auth/register", registration("enum_probe2", "enum2@example.com", "longenough"), null);
        assertThat(taken2.json()).isEqualTo(taken.json());
        assertThat(api.post("/api/auth/login", Map.of("login", "enum_probe", "password", "longenough"), null).status())
                .isEqualTo(401);
    }

    @Test
    void theMostCommonPasswordsAndTheAccountsOwnNamesAreRefused() {
        for (String common : new String[] {"password", "12345678", "Password1", "iloveyou", "qwerty123", "11111111"}) {
            var r = api.post("/api/auth/register", registration("common_pw", "common_pw@example.com", common), null);
            assertThat(r.status()).as(common).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").path("password").asString()).as(common).contains("common");
        }
        var sameAsName = api.post("/api/auth/register", registration("samename1", "samename1@example.com", "SameName1"), null);
        assertThat(sameAsName.status()).isEqualTo(400);
        assertThat(sameAsName.json().path("error").path("fields").path("password").asString()).contains("username");
        var sameAsEmail = api.post("/api/auth/register", registration("sameemail", "Me.Myself@example.com",
                "me.myself@EXAMPLE.com"), null);
        assertThat(sameAsEmail.status()).isEqualTo(400);
        assertThat(api.post("/api/auth/login", Map.of("login", "samename1", "password", "SameName1"), null).status())
                .isEqualTo(401);
    }

    @Test
    void passwordsNeedEightCharactersAndAtMost1024Bytes() {
        var tooShort = api.post("/api/auth/register", registration("shortpw", "shortpw@example.com", "1234567"), null);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("error").path("fields").has("password")).isTrue();
        var tooLong = api.post("/api/auth/register", registration("longpw", "longpw@example.com", "é".repeat(513)), null);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("error").path("fields").has("password")).isTrue();
        assertThat(api.post("/api/auth/register", registration("maxpw", "maxpw@example.com", "x".repeat(1024)), null)
                .status()).isEqualTo(201);
    }

    @Test
    void invalidEmailIsRejectedAndNothingIsCreated() {
        var r = api.post("/api/auth/register", registration("noemail", "not-an-email", "longenough"), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("fields").has("email")).isTrue();
        assertThat(api.post("/api/auth/login", Map.of("login", "noemail", "password", "longenough"), null).status())
                .isEqualTo(401);
    }

    @Test
    void displayNamesAreNormalisedAndMustBeVisible() {
        int n = 0;
        for (String bad : new String[] {"Admin\u202E", "\u2067x", "Zero\u200Dwidth", "\uFEFFbom", "\u3164", "\u3164\u3164",
                "\u200B", "\u0300", "\u2800"}) {
            n++;
            var r = api.post("/api/auth/register", Map.of("username", "invisible" + n, "email", "invisible" + n + "@example.com",
                    "password", "longenough", "displayName", bad), null);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().path("error").path("fields").has("displayName")).as(bad).isTrue();
        }
        var wide = api.post("/api/auth/register", Map.of("username", "widename", "email", "widename@example.com",
                "password", "longenough", "displayName", "\uFF21\uFF44\uFF41"), null);
        assertThat(wide.status()).isEqualTo(201);
        assertThat(wide.json().path("user").path("displayName").asString()).isEqualTo("Ada");
        String token = wide.json().path("accessToken").asString();
        assertThat(api.patch("/api/me", Map.of("displayName", "Ada\u202E"), token).status()).isEqualTo(400);
        assertThat(api.patch("/api/me", Map.of("displayName", "\u3164"), token).status()).isEqualTo(400);
    }

    @Test
    void loginWorksWithUsernameOrEmail() {
        var a = Accounts.register(api, "login");
        var byName = api.post("/api/auth/login", Map.of("login", a.username().toUpperCase(), "password", Accounts.PASSWORD), null);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().path("user").path("id").asLong()).isEqualTo(a.id());
        assertThat(byName.json().path("refreshToken").asString()).isNotEqualTo(a.refreshToken());
        var byEmail = api.post("/api/auth/login", Map.of("login", a.email(), "password", Accounts.PASSWORD), null);
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.json().path("accessToken").asString()).isNotBlank();
    }

    @Test
    void unknownUserAndWrongPasswordGiveTheSameError() {
        var a = Accounts.register(api, "same");
        var wrong = api.post("/api/auth/login", Map.of("login", a.username(), "password", "wrong password"), null);
        var unknown = api.post("/api/auth/login", Map.of("login", "nobody_here", "password", "wrong password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(unknown.json());
    }

    @Test
    void repeatedFailuresThrottleTheAccountEvenWithTheRightPassword() {
        var a = Accounts.register(api, "throttle");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/auth/login", Map.of("login", a.username(), "password", "guess" + i), null).status())
                    .isEqualTo(401);
        }
        var throttled = api.post("/api/auth/login", Map.of("login", a.username(), "password", Accounts.PASSWORD), null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.errorCode()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
        // other accounts are unaffected
        var b = Accounts.register(api, "unthrottled");
        assertThat(api.post("/api/auth/login", Map.of("login", b.username(), "password", Accounts.PASSWORD), null)
                .status()).isEqualTo(200);
    }

    private ApiClient.Response loginFrom(String address, String login, String password) {
        return api.send("POST", "/api/auth/login", Map.of("login", login, "password", password), null,
                Map.of("X-Forwarded-For", address));
    }

    @Test
    void usernameAndEmailCountAsOneAccount() {
        var a = Accounts.register(api, "onebucket");
        assertThat(loginFrom("203.0.113.21", a.username(), "guess one").status()).isEqualTo(401);
        assertThat(loginFrom("203.0.113.21", a.email(), "guess two").status()).isEqualTo(401);
        assertThat(loginFrom("203.0.113.21", a.username().toUpperCase(), "guess three").status()).isEqualTo(401);
        assertThat(loginFrom("203.0.113.21", a.email(), Accounts.PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void theOwnerSignsInFromAnAddressThatHasNotFailed() {
        var a = Accounts.register(api, "owner");
        for (int i = 0; i < 3; i++) {
            assertThat(loginFrom("203.0.113.30", a.username(), "guess" + i).status()).isEqualTo(401);
        }
        assertThat(loginFrom("203.0.113.30", a.username(), Accounts.PASSWORD).status()).isEqualTo(429);
        assertThat(loginFrom("198.51.100.30", a.username(), Accounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aGuesserSpreadOverManyAddressesGetsOneGuessPerNewAddress() {
        var a = Accounts.register(api, "spread");
        // ten addresses use up their three guesses each: the account-wide budget (ten times three) is spent
        for (int n = 0; n < 10; n++) {
            for (int i = 0; i < 3; i++) {
                assertThat(loginFrom("203.0.113." + (100 + n), a.username(), "guess" + n + i).status()).isEqualTo(401);
            }
        }
        assertThat(loginFrom("203.0.113.200", a.username(), "fresh guess").status()).isEqualTo(401);
        assertThat(loginFrom("203.0.113.200", a.username(), "second guess").status()).isEqualTo(429);
        assertThat(loginFrom("198.51.100.200", a.username(), Accounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheTokenAndSpendsTheOldOne() {
        var a = Accounts.register(api, "rotate");
        var first = api.post("/api/auth/refresh", Map.of("refreshToken", a.refreshToken()), null);
        assertThat(first.status()).isEqualTo(200);
        String next = first.json().path("refreshToken").asString();
        assertThat(next).isNotEqualTo(a.refreshToken());
        assertThat(first.json().path("user").path("id").asLong()).isEqualTo(a.id());
        assertThat(api.get("/api/me", first.json().path("accessToken").asString()).status()).isEqualTo(200);

        var second = api.post("/api/auth/refresh", Map.of("refreshToken", next), null);
        assertThat(second.status()).isEqualTo(200);
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() {
        var a = Accounts.register(api, "reuse");
        var rotated = api.post("/api/auth/refresh", Map.of("refreshToken", a.refreshToken()), null);
        String current = rotated.json().path("refreshToken").asString();

        var replay = api.post("/api/auth/refresh", Map.of("refreshToken", a.refreshToken()), null);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.errorCode()).isEqualTo("unauthorized");
        // the legitimate holder's newer token is dead too
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", current), null).status()).isEqualTo(401);
        // a separate sign-in is a separate family and keeps working
        var other = api.post("/api/auth/login", Map.of("login", a.username(), "password", Accounts.PASSWORD), null);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", other.json().path("refreshToken").asString()), null)
                .status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() {
        var a = Accounts.register(api, "logout");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", a.refreshToken()), null).status()).isEqualTo(204);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", a.refreshToken()), null).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", a.refreshToken()), null).status()).isEqualTo(204);
    }

    @Test
    void garbageRefreshTokensAreRejected() {
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", "nope"), null).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of(), null).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", "x".repeat(5000)), null).status()).isEqualTo(401);
    }

    @Test
    void meNeedsAValidAccessToken() {
        var a = Accounts.register(api, "me");
        var me = api.get("/api/me", a.accessToken());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("id").asLong()).isEqualTo(a.id());
        assertThat(me.json().path("email").asString()).isEqualTo(a.email());

        assertThat(api.get("/api/me", null).status()).isEqualTo(401);
        assertThat(api.get("/api/me", "not.a.jwt").status()).isEqualTo(401);
        String tampered = a.accessToken().substring(0, a.accessToken().length() - 3) + "AAA";
        assertThat(api.get("/api/me", tampered).status()).isEqualTo(401);
        assertThat(api.get("/api/me", a.refreshToken()).status()).isEqualTo(401);
    }

    @Test
    void displayNameCanBeChanged() {
        var a = Accounts.register(api, "rename");
        var r = api.patch("/api/me", Map.of("displayName", "  Ada Lovelace  "), a.accessToken());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(api.get("/api/me", a.accessToken()).json().path("displayName").asString()).isEqualTo("Ada Lovelace");

        assertThat(api.patch("/api/me", Map.of("displayName", " "), a.accessToken()).status()).isEqualTo(400);
        assertThat(api.patch("/api/me", Map.of("displayName", "x".repeat(65)), a.accessToken()).status()).isEqualTo(400);
        assertThat(api.get("/api/me", a.accessToken()).json().path("displayName").asString()).isEqualTo("Ada Lovelace");
    }

    @Test
    void themeIsKeptPerAccountAndRefusedWhenUnknown() {
        var a = Accounts.register(api, "theme");
        assertThat(api.get("/api/me", a.accessToken()).json().path("theme").asString()).isEqualTo("system");

        var dark = api.patch("/api/me", Map.of("theme", "dark"), a.accessToken());
        assertThat(dark.status()).isEqualTo(200);
        assertThat(dark.json().path("theme").asString()).isEqualTo("dark");
        // another sign-in (another device) reads the same choice, and the display name is untouched
        var other = api.post("/api/auth/login", Map.of("login", a.username(), "password", Accounts.PASSWORD), null);
        assertThat(other.json().path("user").path("theme").asString()).isEqualTo("dark");
        var me = api.get("/api/me", other.json().path("accessToken").asString()).json();
        assertThat(me.path("theme").asString()).isEqualTo("dark");
        assertThat(me.path("displayName").asString()).isEqualTo(dark.json().path("displayName").asString());

        for (Object bad : java.util.List.of("DARK", "blue", "", 1, true, java.util.List.of("dark"))) {
            var refused = api.patch("/api/me", Map.of("theme", bad), a.accessToken());
            assertThat(refused.status()).as("theme %s", bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("invalid_input");
            assertThat(refused.json().path("error").path("fields").has("theme")).as("theme %s", bad).isTrue();
        }
        // a refused field changes nothing, not even the valid one beside it
        var mixed = api.patch("/api/me", Map.of("displayName", "Grace", "theme", "sepia"), a.accessToken());
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(api.patch("/api/me", Map.of(), a.accessToken()).status()).isEqualTo(400);
        var after = api.get("/api/me", a.accessToken()).json();
        assertThat(after.path("theme").asString()).isEqualTo("dark");
        assertThat(after.path("displayName").asString()).isNotEqualTo("Grace");

        var both = api.patch("/api/me", Map.of("displayName", "Grace", "theme", "light"), a.accessToken());
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.json().path("theme").asString()).isEqualTo("light");
        assertThat(both.json().path("displayName").asString()).isEqualTo("Grace");
        var renamed = api.patch("/api/me", Map.of("displayName", "Grace H"), a.accessToken());
        assertThat(renamed.json().path("theme").asString()).isEqualTo("light");
        assertThat(api.patch("/api/me", Map.of("theme", "dark"), null).status()).isEqualTo(401);
    }

    @Test
    void userSearchFindsByPrefixWithoutEmails() {
        var a = Accounts.register(api, "searcher");
        Accounts.register(api, "zebra");
        var r = api.get("/api/users?query=ZEB", a.accessToken());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("users")).isNotEmpty();
        r.json().path("users").forEach(u -> {
            assertThat(u.path("username").asString()).startsWith("zebra");
            assertThat(u.has("email")).isFalse();
        });
        assertThat(api.get("/api/users?query=%25", a.accessToken()).json().path("users")).isEmpty();
        assertThat(api.get("/api/users?query=", a.accessToken()).json().path("users")).isEmpty();
        assertThat(api.get("/api/users?query=zeb", null).status()).isEqualTo(401);
    }

    @Test
    void malformedBodiesGetAClearErrorAndChangeNothing() {
        var r = api.send("POST", "/api/auth/register", "{\"username\": ", null, Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_input");
        var wrongType = api.send("POST", "/api/auth/register", "[1,2,3]", null, Map.of());
        assertThat(wrongType.status()).isEqualTo(400);
        var huge = api.send("POST", "/api/auth/register", "{\"username\":\"" + "a".repeat(2_000_000) + "\"}", null, Map.of());
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("too_large");
    }
}
