package org.parley.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.testkit.ApiClient;
import org.parley.testkit.TcpProxy;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestRedis;
import org.parley.testkit.TestServer;

/**
 * {@code /readyz} of a node whose PostgreSQL and Redis are reached through proxies the test can
 * hang (they accept connections and never answer) or cut: it answers within a second whatever
 * the dependencies do, 503 naming the dependency that is down, and 200 again once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadinessTest {
    private static final long ANSWER_WITHIN_MILLIS = 1000;
    private static final long CHANGE_WITHIN_MILLIS = 30_000;

    private final TestDatabase database = TestDatabase.postgres();
    private final TcpProxy databaseProxy = TcpProxy.to(database.address().getHostString(), database.address().getPort());
    private final TcpProxy redisProxy;
    private final TestServer server;
    private final ApiClient api;

    ReadinessTest() {
        var redis = java.net.URI.create(TestRedis.url());
        redisProxy = TcpProxy.to(redis.getHost(), redis.getPort());
        server = TestServer.start(database.through(databaseProxy),
                Map.of("redis-url", "redis://127.0.0.1:" + redisProxy.port()));
        api = server.api();
    }

    @AfterEach
    void bringEverythingBack() {
        databaseProxy.restore();
        redisProxy.restore();
        awaitReadiness(r -> r.status() == 200);
    }

    @AfterAll
    void stop() {
        server.close();
        databaseProxy.close();
        redisProxy.close();
        database.close();
    }

    @Test
    void readyListsEveryDependencyAsUp() {
        var r = api.get("/readyz", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asString()).isEqualTo("ready");
        assertThat(r.json().path("checks").path("database").asString()).isEqualTo("up");
        assertThat(r.json().path("checks").path("bus").asString()).isEqualTo("up");
    }

    @Test
    void aRedisThatNeverAnswersMakesTheNodeUnavailableWithoutHangingTheProbe() {
        redisProxy.hang();
        var r = awaitReadiness(x -> x.status() == 503);
        assertThat(r.json().path("status").asString()).isEqualTo("unavailable");
        assertThat(r.json().path("checks").path("bus").asString()).isEqualTo("down");
        assertThat(r.json().path("checks").path("database").asString()).isEqualTo("up");
        redisProxy.restore();
        assertThat(awaitReadiness(x -> x.status() == 200).json().path("checks").path("bus").asString()).isEqualTo("up");
    }

    @Test
    void aDatabaseThatNeverAnswersMakesTheNodeUnavailableWithoutHangingTheProbe() {
        databaseProxy.hang();
        var r = awaitReadiness(x -> x.status() == 503);
        assertThat(r.json().path("status").asString()).isEqualTo("unavailable");
        assertThat(r.json().path("checks").path("database").asString()).isEqualTo("down");
        assertThat(r.json().path("checks").path("bus").asString()).isEqualTo("up");
        databaseProxy.restore();
        assertThat(awaitReadiness(x -> x.status() == 200).json().path("checks").path("database").asString())
                .isEqualTo("up");
    }

    @Test
    void aDatabaseThatIsDownMakesTheNodeUnavailable() {
        databaseProxy.cut();
        var r = awaitReadiness(x -> x.status() == 503);
        assertThat(r.json().path("checks").path("database").asString()).isEqualTo("down");
        databaseProxy.restore();
        awaitReadiness(x -> x.status() == 200);
    }

    /**
     * Asks {@code /readyz} until an answer matches; every answer, matching or not, must come
     * within {@value #ANSWER_WITHIN_MILLIS} ms.
     */
    private ApiClient.Response awaitReadiness(Predicate<ApiClient.Response> matches) {
        long deadline = System.nanoTime() + CHANGE_WITHIN_MILLIS * 1_000_000;
        while (true) {
            long start = System.nanoTime();
            var r = api.get("/readyz", null);
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(tookMillis).as("/readyz answered %s after %d ms", r.text(), tookMillis)
                    .isLessThan(ANSWER_WITHIN_MILLIS);
            if (matches.test(r)) return r;
            assertThat(System.nanoTime()).as("/readyz still answers %s", r.text()).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }
}
