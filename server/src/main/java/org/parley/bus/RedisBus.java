package org.parley.bus;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.function.Consumer;
import org.parley.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a cluster: every event is published on one Redis channel and every node, the
 * publisher included, delivers what it hears to its own subscribers, so all nodes see events in
 * the same order. Lettuce reconnects and resubscribes by itself; events published while Redis is
 * unreachable are dropped (they are wake-ups; clients catch up from the database with sync).
 *
 * <p>What travels is an {@link Envelope}: the event's topic key beside the event. Every node hears
 * every topic today. Routing by topic changes only this class: publish on the channel named after
 * the topic key, and subscribe to a topic's channel while the node has sockets in it (the gateway's
 * Socket.IO room of the same key is not empty), counting that interest per topic. Events of one
 * topic then still arrive in publish order; events of different topics no longer share one order.
 */
public final class RedisBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    static final String CHANNEL = "parley:events";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final OrderedDelivery delivery = new OrderedDelivery();

    public RedisBus(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.publisher = client.connect();
        this.subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String payload) {
                receive(payload);
            }
        });
        subscriber.sync().subscribe(CHANNEL);
        log.info("Event bus: Redis at {}", redisUrl.replaceAll("//[^@/]*@", "//***@"));
    }

    @Override
    public void publish(BusEvent event) {
        String payload = Json.MAPPER.writeValueAsString(new Envelope(event.topic().key(), event));
        publisher.async().publish(CHANNEL, payload).exceptionally(e -> {
            log.warn("Could not publish {} to Redis: {}", event.getClass().getSimpleName(), e.getMessage());
            return 0L;
        });
    }

    @Override
    public void subscribe(Consumer<BusEvent> s) {
        delivery.subscribe(s);
    }

    private void receive(String payload) {
        BusEvent event;
        try {
            event = Json.MAPPER.readValue(payload, Envelope.class).event();
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable event from Redis: {}", e.getMessage());
            return;
        }
        delivery.deliver(event);
    }

    /** One event as published: {@code topic} is the key of {@code event.topic()}. */
    record Envelope(String topic, BusEvent event) {}

    /** True when Redis answers a PING. */
    public boolean isReachable() {
        try {
            return "PONG".equals(publisher.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        subscriber.close();
        delivery.close();
        publisher.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
