package org.parley.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.parley.bus.BusEvent;
import org.parley.json.Json;
import org.parley.messages.ThreadParticipants;
import org.parley.rooms.Memberships;
import org.parley.rooms.NotificationLevel;
import org.parley.rooms.NotificationSettings;
import org.parley.rooms.Room;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Pushes a direct message, or a message that mentions someone, to those of its recipients who have
 * no connection anywhere in the cluster, as their notification level for the room allows (a
 * mention gets through a mute; only the level {@code nothing} silences it). A reply in a thread
 * counts as a mention of everyone who took part in the thread ({@link ThreadParticipants}). It is told of the
 * messages published on this node ({@link #published}), so each message is pushed once however
 * many nodes hear it; everything runs on its own small thread, never the sender's, and a failure
 * only costs that notification. A recipient still connected when the message came who goes
 * offline soon after (the app was closed as it arrived) gets it then, unless they read it first.
 */
public final class PushNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PushNotifier.class);
    static final int BODY_CHARS = 140;
    private final Database db;
    private final Memberships rooms;
    private final PushService subscriptions;
    private final PushSender sender;
    private final Function<List<Long>, Set<Long>> offline;
    private final Clock clock;
    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), Thread.ofPlatform().name("parley-push").daemon(true).factory());
    /** Messages pushed lately: a retried send publishes its message again. */
    private final Map<String, Boolean> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 4096;
        }
    };

    /** {@code offline}: of the given users, those with no connection on any node. */
    public PushNotifier(Database db, Memberships rooms, PushService subscriptions, VapidKeys keys, String subject,
                        Function<List<Long>, Set<Long>> offline, Clock clock) {
        this.db = db;
        this.rooms = rooms;
        this.subscriptions = subscriptions;
        this.sender = new PushSender(keys, subject, clock);
        this.offline = offline;
        this.clock = clock;
    }

    /**
     * Messages published here whose recipients were still connected, by recipient: if one of them
     * goes offline soon after (the app was closed as the message came, within the offline grace),
     * the message is pushed then, unless they read it first.
     */
    private final Map<Long, List<Waiting>> waiting = new java.util.HashMap<>();
    /** How long a message waits for a connected recipient to go offline. */
    static final long WAIT_MILLIS = 15_000;

    private record Waiting(BusEvent.MessageCreated created, JsonNode message, String roomName, long since) {}

    /** Every event this node hears: a recipient going offline may release a message that waited. */
    public void heard(BusEvent event) {
        if (event instanceof BusEvent.PresenceChanged changed && "offline".equals(changed.status())) {
            queue(() -> wentOffline(changed.userId()), "offline " + changed.userId());
        }
    }

    private void queue(Runnable work, String what) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.debug("Push ({}) failed", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Push queue full or closed; {} not pushed", what);
        }
    }

    private void wentOffline(long userId) {
        List<Waiting> messages = waiting.remove(userId);
        if (messages == null) return;
        long now = clock.millis();
        for (Waiting w : messages) {
            if (now - w.since() > WAIT_MILLIS) continue;
            long readTo = db.withHandle(h -> rooms.find(h, w.created().roomId(), userId)
                    .map(m -> m.member().lastReadSeq()).orElse(Long.MAX_VALUE));
            if (readTo >= w.created().seq()) continue;
            byte[] payload = payload(w.created(), w.message(), w.roomName());
            for (PushSubscription s : subscriptions.subscriptionsOf(List.of(userId))) send(s, payload);
        }
    }

    private void await(long userId, Waiting w) {
        List<Waiting> list = waiting.computeIfAbsent(userId, k -> new ArrayList<>());
        list.removeIf(old -> w.since() - old.since() > WAIT_MILLIS);
        if (list.size() < 100) list.add(w);
        if (waiting.size() > 10_000) waiting.entrySet().removeIf(e -> e.getValue().stream().allMatch(old -> w.since() - old.since() > WAIT_MILLIS));
    }

    /** An event this node published; a new text message may deserve pushes. Never blocks. */
    public void published(BusEvent event) {
        if (!(event instanceof BusEvent.MessageCreated created)) return;
        synchronized (recent) {
            if (recent.put(created.roomId() + ":" + created.seq(), Boolean.TRUE) != null) return;
        }
        try {
            worker.execute(() -> {
                try {
                    push(created);
                } catch (RuntimeException e) {
                    log.debug("Push for message {} in room {} failed", created.seq(), created.roomId(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Push queue full or closed; message {} in room {} not pushed", created.seq(), created.roomId());
        }
    }

    private void push(BusEvent.MessageCreated created) {
        JsonNode message = Json.MAPPER.readTree(created.message().json());
        if (!"text".equals(message.path("kind").asString("")) || message.path("deleted").asBoolean(false)) return;
        long senderId = message.path("sender").path("id").asLong(0);
        if (senderId == 0) return;
        Set<Long> mentioned = new java.util.HashSet<>();
        for (JsonNode id : message.path("mentions")) mentioned.add(id.asLong());
        boolean room = message.path("mentionsRoom").asBoolean(false);
        JsonNode threadRoot = message.path("threadRootSeq");
        Long rootSeq = threadRoot.isIntegralNumber() ? threadRoot.asLong() : null;
        long now = clock.millis();
        List<Long> recipients = new ArrayList<>();
        String[] roomName = {null};
        db.withHandle(h -> {
            var found = rooms.room(h, created.roomId());
            if (found.isEmpty()) return null;
            boolean direct = Room.DIRECT.equals(found.get().kind());
            if (!direct) roomName[0] = found.get().name();
            Set<Long> inThread = rootSeq == null ? Set.of() : ThreadParticipants.of(h, created.roomId(), rootSeq);
            for (var e : rooms.notificationsOf(h, created.roomId()).entrySet()) {
                long user = e.getKey();
                if (user == senderId) continue;
                boolean mention = room || mentioned.contains(user) || inThread.contains(user);
                if (deserves(e.getValue(), direct, mention, now)) recipients.add(user);
            }
            return null;
        });
        if (recipients.isEmpty()) return;
        Set<Long> away = offline.apply(recipients);
        List<Long> absent = recipients.stream().filter(away::contains).toList();
        for (long user : recipients) if (!away.contains(user)) await(user, new Waiting(created, message, roomName[0], now));
        if (absent.isEmpty()) return;
        byte[] payload = payload(created, message, roomName[0]);
        for (PushSubscription s : subscriptions.subscriptionsOf(absent)) send(s, payload);
    }

    /**
     * A direct message at the level all (not muted), or a mention (a reply in a thread one took part
     * in counts as one) at any level but nothing.
     */
    static boolean deserves(NotificationSettings settings, boolean direct, boolean mention, long now) {
        if (settings.level() == NotificationLevel.NOTHING) return false;
        if (mention) return true;
        boolean muted = settings.mutedUntil() != null && settings.mutedUntil() > now;
        return direct && settings.level() == NotificationLevel.ALL && !muted;
    }

    /** {@code roomName}: the group's name (the title says who wrote where), null for a direct room. */
    private static byte[] payload(BusEvent.MessageCreated created, JsonNode message, String roomName) {
        JsonNode who = message.path("sender");
        String name = who.path("displayName").asString("");
        if (name.isBlank()) name = who.path("username").asString("");
        if (roomName != null) name = name + " in " + roomName;
        String text = message.path("content").asString("").replaceAll("\\s+", " ").strip();
        if (text.isEmpty() && !message.path("attachments").isEmpty()) text = "Sent a file";
        if (text.codePointCount(0, text.length()) > BODY_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, BODY_CHARS - 1)) + "…";
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roomId", created.roomId());
        body.put("seq", created.seq());
        JsonNode threadRoot = message.path("threadRootSeq");
        if (threadRoot.isIntegralNumber()) body.put("threadRootSeq", threadRoot.asLong());
        body.put("title", name);
        body.put("body", text);
        return Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }

    private void send(PushSubscription s, byte[] payload) {
        try {
            int status = sender.send(s, payload);
            if (status == 404 || status == 410) {
                subscriptions.expired(s.endpoint());
                log.debug("Push subscription gone ({}), removed", status);
            } else if (status >= 300) {
                log.debug("Push service answered {}", status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Push not delivered: {}", e.toString());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
