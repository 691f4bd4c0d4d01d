package org.parley.bus;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.parley.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus of a cluster, on Redis 7 sharded pub/sub. Each event is published ({@code SPUBLISH}) on
 * the channel of its topic, {@code parley:<topic key>} ({@code parley:room:12}, {@code
 * parley:user:7}), and a node subscribes ({@code SSUBSCRIBE}) to a topic's channel only while it
 * has an interest in the topic, that is while its gateway has sockets in the Socket.IO room of the
 * same key; the interest is counted, and the node unsubscribes when it falls to zero. The events
 * that {@link BusEvent#everyNode()} ({@code PresenceChanged}, {@code SessionRevoked}, {@code
 * MemberAdded}) go on one channel, {@value #EVERY_NODE}, that every node subscribes to.
 *
 * <p>An event is delivered to this node's subscribers at once, when it is published; Redis carries
 * it only to the other nodes: each envelope names the node that sent it, and a node drops its own.
 * Events of one topic from one node arrive in publish order; events of different topics, or from
 * different nodes, share no order (every room's messages carry a gap-free {@code seq} to merge by).
 * Received envelopes are decoded and delivered on the lane of their channel ({@link
 * OrderedDelivery}), not on Redis' I/O thread: one topic's events in order, different topics in
 * parallel; a node's own events are delivered on the same lanes when published.
 *
 * <p>Subscriptions change on a thread of their own, never on the caller's. When the subscription
 * connection drops, Lettuce reconnects it; the bus then subscribes again to everything it carries
 * and tells its {@link #onMissed} listeners of the topics whose events it may have missed, so that
 * the gateway can have those sockets catch up from the database. Events published while Redis is
 * unreachable are dropped: they are wake-ups, and the database is the record.
 */
public final class RedisBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);
    static final String CHANNEL_PREFIX = "parley:";
    static final String EVERY_NODE = "parley:cluster";
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final String nodeId = UUID.randomUUID().toString();
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final OrderedDelivery delivery = new OrderedDelivery();
    private final ScheduledExecutorService subscriptions = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("parley-bus-subscriptions").daemon(true).factory());

    /** Holders of an interest, per topic; a topic is absent when it has none. */
    private final Map<Topic, Integer> interest = new ConcurrentHashMap<>();
    /** Bumped after every added interest; {@link #carriedVersion} is the last one carried. */
    private final AtomicLong interestVersion = new AtomicLong();
    private volatile long carriedVersion;
    private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean reconcileQueued = new AtomicBoolean();
    /** The channels Redis confirmed; touched only on the subscriptions thread. */
    private final Set<String> subscribed = new HashSet<>();
    private volatile boolean interrupted;
    /** Set by a reconnect until the subscriptions are back; touched only on the subscriptions thread. */
    private boolean missedToTell;
    private boolean resubscribeAll;
    private volatile boolean closed;
    private final List<Consumer<Set<Topic>>> missedListeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

    private record Waiter(long version, CompletableFuture<Void> future) {}

    public RedisBus(String redisUrl) {
        this.client = RedisClient.create();
        // named, so that CLIENT LIST tells which node and which side a connection is
        this.publisher = client.connect(StringCodec.UTF8, named(redisUrl, "parley-" + nodeId + "-publish"));
        this.subscriber = client.connectPubSub(StringCodec.UTF8, named(redisUrl, "parley-" + nodeId + "-subscribe"));
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(String channel, String payload) {
                receive(channel, payload);
            }
        });
        subscriber.sync().ssubscribe(EVERY_NODE);
        subscribed.add(EVERY_NODE);
        subscriber.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed) {
                    interrupted = true;
                    log.warn("Event bus: lost the Redis subscription connection; reconnecting");
                }
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (interrupted && !closed) runOnSubscriptionThread(RedisBus.this::recover);
            }
        });
        log.info("Event bus: Redis at {}, node {}", redisUrl.replaceAll("//[^@/]*@", "//***@"), nodeId);
    }

    private static RedisURI named(String redisUrl, String name) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setClientName(name);
        return uri;
    }

    /** This node's id on the bus: its envelopes carry it, and its Redis connections are named after it. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void publish(BusEvent event) {
        delivery.deliver(event);
        String channel = event.everyNode() ? EVERY_NODE : channel(event.topic());
        String payload = Json.MAPPER.writeValueAsString(new Envelope(nodeId, event.topic().key(), event));
        publisher.async().spublish(channel, payload).exceptionally(e -> {
            log.warn("Could not publish {} to Redis: {}", event.getClass().getSimpleName(), e.getMessage());
            return 0L;
        });
    }

    @Override
    public void subscribe(Consumer<BusEvent> s) {
        delivery.subscribe(s);
    }

    @Override
    public void addInterest(Topic topic) {
        interest.compute(topic, (t, n) -> counted(n, 1));
        interestVersion.incrementAndGet();
        queueReconcile();
    }

    @Override
    public void dropInterest(Topic topic) {
        // counted, not flagged: a drop that overtakes its add leaves -1, and the add brings it back to none
        interest.compute(topic, (t, n) -> counted(n, -1));
        queueReconcile();
    }

    private static Integer counted(Integer holders, int change) {
        int now = (holders == null ? 0 : holders) + change;
        return now == 0 ? null : Integer.valueOf(now);
    }

    @Override
    public CompletableFuture<Void> interestCarried() {
        long version = interestVersion.get();
        if (carriedVersion >= version) return CompletableFuture.completedFuture(null);
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiters.add(new Waiter(version, future));
        completeWaiters();
        return future;
    }

    @Override
    public void onMissed(Consumer<Set<Topic>> listener) {
        missedListeners.add(listener);
    }

    /** How many envelopes this node heard on {@code topic}'s own channel (its own included), for tests and metrics. */
    public long received(Topic topic) {
        LongAdder count = received.get(channel(topic));
        return count == null ? 0 : count.sum();
    }

    /** How many envelopes this node heard on the channel of the events every node hears. */
    public long receivedForEveryNode() {
        LongAdder count = received.get(EVERY_NODE);
        return count == null ? 0 : count.sum();
    }

    /** How many envelopes this node heard from Redis on every channel (its own included). */
    public long receivedTotal() {
        return received.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** How many topics this node has an interest in, and so subscribes to. */
    public int carriedTopics() {
        return (int) interest.values().stream().filter(n -> n > 0).count();
    }

    static String channel(Topic topic) {
        return CHANNEL_PREFIX + topic.key();
    }

    /** On Redis' I/O thread: counts the envelope and hands it, still encoded, to its channel's lane. */
    private void receive(String channel, String payload) {
        received.computeIfAbsent(channel, c -> new LongAdder()).increment();
        String lane = EVERY_NODE.equals(channel) ? OrderedDelivery.EVERY_NODE : channel.substring(CHANNEL_PREFIX.length());
        delivery.deliver(lane, () -> decode(payload));
    }

    /** The event of an envelope, or null when it is unreadable or this node's own (delivered here when it was published). */
    private BusEvent decode(String payload) {
        Envelope envelope;
        try {
            envelope = Json.MAPPER.readValue(payload, Envelope.class);
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable event from Redis: {}", e.getMessage());
            return null;
        }
        return nodeId.equals(envelope.node()) ? null : envelope.event();
    }

    private void queueReconcile() {
        if (reconcileQueued.compareAndSet(false, true)) runOnSubscriptionThread(this::reconcile);
    }

    private void runOnSubscriptionThread(Runnable task) {
        try {
            subscriptions.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Bus closed; subscriptions stay as they are");
        }
    }

    /** Subscribes to the channels wanted and not yet confirmed, unsubscribes from those no longer wanted. */
    private void reconcile() {
        reconcileQueued.set(false);
        long version = interestVersion.get();
        Set<String> wanted = new HashSet<>();
        wanted.add(EVERY_NODE);
        interest.forEach((topic, holders) -> {
            if (holders > 0) wanted.add(channel(topic));
        });
        boolean everything = resubscribeAll;
        List<String> add = wanted.stream().filter(c -> everything || !subscribed.contains(c)).toList();
        List<String> remove = subscribed.stream().filter(c -> !wanted.contains(c)).toList();
        try {
            List<RedisFuture<Void>> pending = new ArrayList<>();
            for (String channel : add) pending.add(subscriber.async().ssubscribe(channel));
            for (String channel : remove) pending.add(subscriber.async().sunsubscribe(channel));
            for (RedisFuture<Void> f : pending) f.get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            subscribed.addAll(add);
            remove.forEach(subscribed::remove);
            resubscribeAll = false;
            carriedVersion = Math.max(carriedVersion, version);
            completeWaiters();
            if (missedToTell) {
                missedToTell = false;
                tellMissed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (closed) return;
            log.warn("Event bus: could not change subscriptions ({}); trying again", e.toString());
            try {
                subscriptions.schedule(this::queueReconcile, RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                log.debug("Bus closed; no retry");
            }
        }
    }

    /** After a reconnect: subscribes again to everything, then (once that is done) tells who may have missed what. */
    private void recover() {
        if (!interrupted) return;
        interrupted = false;
        // everything wanted again; what is no longer wanted is unsubscribed even if the client
        // resubscribed it by itself on reconnecting
        resubscribeAll = true;
        missedToTell = true;
        reconcile();
    }

    private void tellMissed() {
        Set<Topic> missed = Set.copyOf(interest.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey).toList());
        log.info("Event bus: Redis subscription restored; {} topics may have missed events", missed.size());
        for (Consumer<Set<Topic>> listener : missedListeners) {
            try {
                listener.accept(missed);
            } catch (RuntimeException e) {
                log.error("A listener of missed events failed", e);
            }
        }
    }

    private void completeWaiters() {
        long carried = carriedVersion;
        waiters.removeIf(w -> {
            if (w.version() > carried) return false;
            w.future().complete(null);
            return true;
        });
    }

    /** One event as published: by node {@code node}; {@code topic} is the key of {@code event.topic()}. */
    record Envelope(String node, String topic, BusEvent event) {}

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
        closed = true;
        subscriptions.shutdownNow();
        subscriber.close();
        delivery.close();
        publisher.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
