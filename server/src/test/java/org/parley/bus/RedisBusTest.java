package org.parley.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testkit.TestRedis;

/** Two buses on the local Redis, as two nodes: routing by topic, counted interest, own events once. */
class RedisBusTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;
    private RedisCommands<String, String> redis;
    private final List<RedisBus> buses = new ArrayList<>();

    @BeforeEach
    void connect() {
        admin = RedisClient.create(TestRedis.url());
        adminConnection = admin.connect();
        redis = adminConnection.sync();
    }

    @AfterEach
    void close() {
        buses.forEach(RedisBus::close);
        adminConnection.close();
        admin.shutdown();
    }

    private RedisBus bus() {
        RedisBus bus = new RedisBus(TestRedis.url());
        buses.add(bus);
        return bus;
    }

    /** A room id no other test is likely to use at the same time on the same Redis. */
    private static long freshRoom() {
        return ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
    }

    private static BlockingQueue<BusEvent> heard(RedisBus bus) {
        BlockingQueue<BusEvent> events = new LinkedBlockingQueue<>();
        bus.subscribe(events::add);
        return events;
    }

    private static BusEvent next(BlockingQueue<BusEvent> events) throws InterruptedException {
        BusEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within " + WAIT).isNotNull();
        return event;
    }

    private long subscribers(Topic topic) {
        String channel = RedisBus.channel(topic);
        return redis.pubsubShardNumsub(channel).getOrDefault(channel, 0L);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + WAIT);
            Thread.sleep(10);
        }
    }

    @Test
    void aTopicsEventsReachTheNodesInterestedInItAndThePublisherOnce() throws Exception {
        RedisBus one = bus();
        RedisBus two = bus();
        BlockingQueue<BusEvent> onOne = heard(one);
        BlockingQueue<BusEvent> onTwo = heard(two);
        Topic room = Topic.room(freshRoom());
        one.addInterest(room);
        two.addInterest(room);
        one.interestCarried().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        two.interestCarried().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(subscribers(room)).isEqualTo(2);

        BusEvent first = new BusEvent.TypingChanged(room.id(), 1, "ann", true);
        one.publish(first);
        assertThat(next(onTwo)).isEqualTo(first);
        BusEvent second = new BusEvent.TypingChanged(room.id(), 2, "bob", true);
        two.publish(second);
        // Redis brings node one its own event back before the second, published after the first arrived
        assertThat(next(onOne)).as("delivered when published").isEqualTo(first);
        assertThat(next(onOne)).as("its own copy from Redis dropped").isEqualTo(second);
        assertThat(next(onTwo)).isEqualTo(second);
        assertThat(one.received(room)).as("both came through Redis").isEqualTo(2);
    }

    @Test
    void aNodeWithoutInterestHearsNothingOfTheTopicButWhatEveryNodeHears() throws Exception {
        RedisBus publisher = bus();
        RedisBus idle = bus();
        BlockingQueue<BusEvent> onIdle = heard(idle);
        Topic room = Topic.room(freshRoom());
        Topic marker = Topic.room(freshRoom());
        idle.addInterest(marker);
        idle.interestCarried().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        publisher.publish(new BusEvent.TypingChanged(room.id(), 1, "ann", true));
        BusEvent presence = new BusEvent.PresenceChanged(1, "online", null, List.of(2L));
        publisher.publish(presence);
        BusEvent last = new BusEvent.TypingChanged(marker.id(), 1, "ann", true);
        publisher.publish(last);
        // different channels, so different delivery lanes: no order between the two
        assertThat(List.of(next(onIdle), next(onIdle))).as("every node hears presence, and the marker")
                .containsExactlyInAnyOrder(presence, last);
        assertThat(idle.received(room)).as("published before the marker, on a topic it has no interest in").isZero();
        assertThat(idle.receivedForEveryNode()).isPositive();
    }

    @Test
    void interestIsCountedAndADropThatOvertakesItsAddLeavesNone() throws Exception {
        RedisBus bus = bus();
        Topic room = Topic.room(freshRoom());
        bus.dropInterest(room);
        bus.addInterest(room);
        bus.interestCarried().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(subscribers(room)).isZero();

        bus.addInterest(room);
        bus.addInterest(room);
        bus.interestCarried().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(subscribers(room)).isEqualTo(1);
        assertThat(bus.carriedTopics()).isEqualTo(1);

        bus.dropInterest(room);
        Topic other = Topic.user(freshRoom());
        bus.addInterest(other);
        bus.interestCarried().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(subscribers(room)).as("one holder is left").isEqualTo(1);

        bus.dropInterest(room);
        await(() -> subscribers(room) == 0, "unsubscribed with the last holder gone");
        assertThat(subscribers(other)).isEqualTo(1);
    }
}
