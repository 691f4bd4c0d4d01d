package org.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.auth.Principal;
import org.parley.bus.BusEvent;
import org.parley.bus.EventBus;
import org.parley.config.ParleyConfig;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.rooms.Memberships;
import org.parley.json.Json;
import org.parley.storage.Database;
import org.parley.testkit.TestDatabase;
import org.parley.testkit.TestFiles;

/**
 * Several messages written as one batch: what a single send cannot show. Each batch here is
 * written as one transaction, exactly as the writer thread writes what it took from its queue.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MessageBatchContract {
    private static final long NOW = 1_750_000_000_000L;

    private final TestDatabase database;
    private final Database db;
    private final MessageStore messages;
    private final List<BusEvent> published = new ArrayList<>();
    private final MessageWriter writer;
    private int users;

    MessageBatchContract(TestDatabase database) {
        this.database = database;
        this.db = Database.open(new ParleyConfig.Database(database.url(), "", "", 2));
        this.messages = new MessageStore(db.dialect());
        this.writer = new MessageWriter(db, messages, new Memberships(db.dialect()), new RecordingBus(),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    @AfterAll
    void stop() {
        writer.close();
        db.close();
        database.close();
    }

    @Test
    void messagesForSeveralRoomsGetConsecutiveSeqsPerRoomInQueueOrder() {
        Principal ann = user("ann"), ben = user("ben");
        long first = room(ann, ben), second = room(ann, ben);
        sent(writer.writeAsOneBatch(List.of(text(ann, first, "before"))).getFirst());
        published.clear();

        List<Message> batch = sent(writer.writeAsOneBatch(List.of(
                text(ann, first, "one"), text(ben, second, "two"), text(ben, first, "three"),
                text(ann, second, "four"), text(ann, first, "five"))));

        assertThat(batch).extracting(Message::roomId).containsExactly(first, second, first, second, first);
        assertThat(batch).extracting(Message::seq).containsExactly(2L, 1L, 3L, 2L, 4L);
        assertThat(batch).extracting(Message::rev).containsExactly(2L, 1L, 3L, 2L, 4L);
        assertThat(batch).extracting(m -> m.sender().username())
                .containsExactly(ann.username(), ben.username(), ben.username(), ann.username(), ann.username());
        assertThat(batch).extracting(m -> m.sender().displayName())
                .containsExactly("Ann", "Ben", "Ben", "Ann", "Ann");
        assertThat(batch).allSatisfy(m -> {
            assertThat(m.createdAt()).isEqualTo(NOW);
            assertThat(m.kind()).isEqualTo(Message.TEXT);
        });
        assertThat(stored(first)).extracting(Message::content).containsExactly("before", "one", "three", "five");
        assertThat(stored(second)).extracting(Message::content).containsExactly("two", "four");
        assertThat(stored(first).subList(1, 4)).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(batch.get(0), batch.get(2), batch.get(4));
        assertThat(stored(second)).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(batch.get(1), batch.get(3));
        assertThat(counters(first)).containsExactly(4L, 4L, NOW);
        assertThat(counters(second)).containsExactly(2L, 2L, NOW);
        assertThat(published).containsExactlyElementsOf(batch.stream().map(MessageEvents::created).toList());

        assertThat(readMark(first, ann)).isEqualTo(4);
        assertThat(readMark(first, ben)).isEqualTo(3);
        assertThat(readMark(second, ann)).isEqualTo(2);
        assertThat(readMark(second, ben)).isEqualTo(1);
    }

    @Test
    void mentionsInOneBatchAreResolvedPerRoomAndByTheSendersRole() {
        Principal ann = user("ann"), ben = user("ben"), cy = user("cy");
        long first = room(ann, ben), second = room(ben, cy);

        List<Message> batch = sent(writer.writeAsOneBatch(List.of(
                text(ann, first, "@" + ben.username() + " and @" + cy.username()),
                text(ben, second, "@" + cy.username() + " @room"),
                text(ann, first, "@room, @" + ben.username() + " @" + ben.username()),
                text(ben, first, "@room says a member"),
                text(cy, second, "no one"))));

        assertThat(batch).extracting(Message::mentions).containsExactly(List.of(ben.userId()), List.of(cy.userId()),
                List.of(ben.userId()), List.of(), List.of());
        assertThat(batch).extracting(Message::mentionsRoom).containsExactly(false, true, true, false, false);
        assertThat(stored(first).stream().map(Message::mentions).toList())
                .containsExactly(List.of(ben.userId()), List.of(ben.userId()), List.of());
        assertThat(stored(second).stream().map(Message::mentionsRoom).toList()).containsExactly(true, false);
    }

    @Test
    void contentAndClientIdsAreStoredExactlyAsSent() {
        Principal ann = user("ann");
        long roomId = room(ann);
        List<String> contents = List.of("NULL", "", "a,b {c} \"d\" \\e 'f'", "line\nbreak\ttab", "héllo 👋 世界",
                "{\"json\": [1, null]}");
        List<SendRequest> requests = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            requests.add(withClientId(ann, roomId, contents.get(i), List.of("NULL", "\"q\"", "a,b", "{x}", "\\y", "z").get(i)));
        }
        requests.add(text(ann, roomId, "no clientId"));

        List<Message> batch = sent(writer.writeAsOneBatch(requests));

        assertThat(stored(roomId)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(batch);
        assertThat(stored(roomId)).extracting(Message::content).containsExactlyElementsOf(
                requests.stream().map(SendRequest::content).toList());
        assertThat(stored(roomId)).extracting(Message::clientId).containsExactly("NULL", "\"q\"", "a,b", "{x}", "\\y", "z", null);
        List<CompletableFuture<SendResult>> retried = writer.writeAsOneBatch(requests.subList(0, 6));
        assertThat(retried).allSatisfy(r -> assertThat(r.join().duplicate()).isTrue());
        assertThat(retried).extracting(r -> r.join().message().id())
                .containsExactlyElementsOf(batch.subList(0, 6).stream().map(Message::id).toList());
    }

    @Test
    void aSendersReadMarkOnlyMovesForward() {
        Principal ann = user("ann"), ben = user("ben");
        long roomId = room(ann, ben);
        db.withHandle(h -> h.execute("UPDATE room_members SET last_read_seq = 10 WHERE user_id = ?", ann.userId()));

        sent(writer.writeAsOneBatch(List.of(text(ann, roomId, "one"), text(ben, roomId, "two"))));

        assertThat(readMark(roomId, ann)).isEqualTo(10);
        assertThat(readMark(roomId, ben)).isEqualTo(2);
    }

    @Test
    void theSameClientIdTwiceInOneBatchIsStoredOnce() {
        Principal ann = user("ann"), ben = user("ben"), carl = user("carl");
        long first = room(ann, ben), second = room(ann, ben, carl);
        Message earlier = sent(writer.writeAsOneBatch(List.of(withClientId(ann, first, "stored", "old"))).getFirst());
        published.clear();

        List<CompletableFuture<SendResult>> results = writer.writeAsOneBatch(List.of(
                withClientId(ann, first, "again", "c-1"),
                withClientId(ben, first, "same id, other sender", "c-1"),
                withClientId(ann, first, "retry", "c-1"),
                withClientId(ann, first, "to one room", "c-2"),
                withClientId(ann, second, "then another", "c-2"),
                withClientId(ann, first, "retry of an earlier batch", "old"),
                withClientId(ann, second, "earlier id, other room", "old"),
                withClientId(carl, first, "not a member here", "c-3"),
                withClientId(carl, second, "so this one is new", "c-3")));

        SendResult stored = results.get(0).join();
        assertThat(stored.duplicate()).isFalse();
        assertThat(results.get(1).join().duplicate()).isFalse();
        assertThat(results.get(1).join().message().id()).isNotEqualTo(stored.message().id());
        SendResult retry = results.get(2).join();
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).usingRecursiveComparison().isEqualTo(stored.message());
        assertThat(results.get(3).join().duplicate()).isFalse();
        assertThat(refusal(results.get(4)).fields()).containsKey("clientId");
        assertThat(results.get(5).join().duplicate()).isTrue();
        assertThat(results.get(5).join().message()).usingRecursiveComparison().isEqualTo(earlier);
        assertThat(refusal(results.get(6)).fields()).containsKey("clientId");
        assertThat(refusal(results.get(7)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        SendResult fresh = results.get(8).join();
        assertThat(fresh.duplicate()).isFalse();
        assertThat(fresh.message().roomId()).isEqualTo(second);

        assertThat(stored(first)).extracting(Message::content)
                .containsExactly("stored", "again", "same id, other sender", "to one room");
        assertThat(stored(second)).extracting(Message::content).containsExactly("so this one is new");
        assertThat(stored(first)).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(published).extracting(e -> Json.MAPPER.readTree(((BusEvent.MessageCreated) e).message().json()).path("content").asString())
                .as("each message once, and the retry of an earlier batch announced again")
                .containsExactly("again", "same id, other sender", "to one room", "stored", "so this one is new");
    }

    @Test
    void aRefusedMessageInTheMiddleOfABatchFailsAlone() {
        Principal ann = user("ann"), ben = user("ben"), eve = user("eve");
        long roomId = room(ann, ben);
        room(eve);
        sent(writer.writeAsOneBatch(List.of(text(ann, roomId, "first"))));
        long deleted = sent(writer.writeAsOneBatch(List.of(text(ann, roomId, "gone")))).getFirst().seq();
        db.withHandle(h -> h.execute("UPDATE messages SET deleted_at = 1 WHERE room_id = ? AND seq = ?", roomId, deleted));
        published.clear();

        List<CompletableFuture<SendResult>> results = writer.writeAsOneBatch(List.of(
                text(ann, roomId, "one"),
                text(eve, roomId, "from outside"),
                reply(ben, roomId, "to nothing", 99L),
                reply(ben, roomId, "to a deleted message", deleted),
                reply(ben, roomId, "to the first", 1L),
                text(ann, roomId + 1000, "to no room"),
                text(ben, roomId, "last")));

        assertThat(refusal(results.get(1)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(results.get(1))).hasMessage("Room not found.");
        assertThat(refusal(results.get(2)).fields()).containsKey("replyTo");
        assertThat(refusal(results.get(3)).fields()).containsKey("replyTo");
        assertThat(refusal(results.get(5)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(results.get(4).join().message().replyTo()).isEqualTo(1L);
        assertThat(List.of(results.get(0), results.get(4), results.get(6)))
                .extracting(f -> f.join().message().seq()).containsExactly(3L, 4L, 5L);
        assertThat(stored(roomId)).extracting(Message::content)
                .containsExactly("first", "gone", "one", "to the first", "last");
        assertThat(counters(roomId)).containsExactly(5L, 5L, NOW);
        assertThat(readMark(roomId, ben)).isEqualTo(5);
        assertThat(readMark(roomId, ann)).isEqualTo(3);
        assertThat(published).hasSize(3);
    }

    @Test
    void aSendRefusedForItsFilesFailsAloneAndTakesNoSeq() {
        Principal ann = user("ann"), ben = user("ben");
        long roomId = room(ann, ben);
        TestFiles files = new TestFiles(database);
        String annsImage = files.image(ann.userId(), "a.png");
        String bensDoc = files.document(ben.userId(), "b.pdf");
        String annsDoc = files.document(ann.userId(), "c.pdf");
        published.clear();

        List<CompletableFuture<SendResult>> results = writer.writeAsOneBatch(List.of(
                withFiles(ann, roomId, "one", annsImage),
                withFiles(ann, roomId, "not hers", bensDoc),
                withFiles(ann, roomId, "attached just before", annsImage),
                text(ben, roomId, "plain"),
                withFiles(ben, roomId, "his", bensDoc),
                withFiles(ann, roomId, "", annsDoc, annsImage),
                withFiles(ann, roomId, "", annsDoc)));

        assertThat(refusal(results.get(1)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(results.get(2)).fields()).containsKey("attachments");
        assertThat(refusal(results.get(5)).fields()).containsKey("attachments");
        List<Message> batch = sent(List.of(results.get(0), results.get(3), results.get(4), results.get(6)));
        assertThat(batch).extracting(Message::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(batch).extracting(m -> m.attachments().stream().map(a -> a.id()).toList())
                .containsExactly(List.of(annsImage), List.of(), List.of(bensDoc), List.of(annsDoc));
        assertThat(stored(roomId)).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(batch);
        assertThat(counters(roomId)).containsExactly(4L, 4L, NOW);
        assertThat(published).containsExactlyElementsOf(batch.stream().map(MessageEvents::created).toList());
    }

    @Test
    void repliesInOneBatchUpdateEachRootOnceAndARefusedReplyTakesNoSeq() {
        Principal ann = user("ann"), ben = user("ben"), cy = user("cy"), dee = user("dee");
        long roomId = room(ann, ben, cy, dee);
        Message root = sent(writer.writeAsOneBatch(List.of(text(ann, roomId, "root"))).getFirst());
        Message other = sent(writer.writeAsOneBatch(List.of(text(ann, roomId, "other root"))).getFirst());
        published.clear();

        List<CompletableFuture<SendResult>> results = writer.writeAsOneBatch(List.of(
                inThread(ben, roomId, "b1", root.seq()), inThread(cy, roomId, "c1", root.seq()),
                inThread(ann, roomId, "bad", 99), inThread(dee, roomId, "d1", other.seq()),
                inThread(ben, roomId, "b2", root.seq()), inThread(dee, roomId, "d2", root.seq())));

        assertThat(refusal(results.get(2)).fields()).containsKey("threadRootSeq");
        List<Message> replies = sent(List.of(results.get(0), results.get(1), results.get(3), results.get(4), results.get(5)));
        assertThat(replies).extracting(Message::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(replies).extracting(Message::threadRootSeq)
                .containsExactly(root.seq(), root.seq(), other.seq(), root.seq(), root.seq());
        Message rootNow = db.withHandle(h -> messages.bySeq(h, roomId, root.seq()).orElseThrow());
        assertThat(rootNow.thread()).isEqualTo(new Message.Thread(4, NOW, 7, List.of(dee.userId(), ben.userId(), cy.userId())));
        Message otherNow = db.withHandle(h -> messages.bySeq(h, roomId, other.seq()).orElseThrow());
        assertThat(otherNow.thread()).isEqualTo(new Message.Thread(1, NOW, 5, List.of(dee.userId())));
        assertThat(List.of(rootNow.rev(), otherNow.rev())).containsExactly(8L, 9L);
        assertThat(counters(roomId)).containsExactly(7L, 9L, NOW);
        List<BusEvent> expected = new ArrayList<>(replies.stream().map(MessageEvents::created).toList());
        expected.add(MessageEvents.changed(rootNow));
        expected.add(MessageEvents.changed(otherNow));
        assertThat(published).containsExactlyElementsOf(expected);
    }

    private SendRequest inThread(Principal sender, long roomId, String content, long rootSeq) {
        return new SendRequest(sender, roomId, content, null, null, List.of(), rootSeq);
    }

    private SendRequest withFiles(Principal sender, long roomId, String content, String... fileIds) {
        return new SendRequest(sender, roomId, content, null, null, List.of(fileIds), null);
    }

    private SendRequest text(Principal sender, long roomId, String content) {
        return new SendRequest(sender, roomId, content, null, null, List.of(), null);
    }

    private SendRequest withClientId(Principal sender, long roomId, String content, String clientId) {
        return new SendRequest(sender, roomId, content, clientId, null, List.of());
    }

    private SendRequest reply(Principal sender, long roomId, String content, long replyTo) {
        return new SendRequest(sender, roomId, content, null, replyTo, List.of());
    }

    private static Message sent(CompletableFuture<SendResult> result) {
        SendResult r = result.join();
        assertThat(r.duplicate()).isFalse();
        return r.message();
    }

    private static List<Message> sent(List<CompletableFuture<SendResult>> results) {
        return results.stream().map(MessageBatchContract::sent).toList();
    }

    private static ParleyException refusal(CompletableFuture<SendResult> result) {
        assertThat(result).isCompletedExceptionally();
        try {
            result.join();
        } catch (CompletionException e) {
            return (ParleyException) e.getCause();
        }
        throw new AssertionError("not refused");
    }

    private List<Message> stored(long roomId) {
        return db.withHandle(h -> messages.range(h, roomId, 1, Long.MAX_VALUE, 100));
    }

    private List<Long> counters(long roomId) {
        return db.withHandle(h -> h.createQuery("SELECT last_seq, last_rev, last_message_at FROM rooms WHERE id = :id")
                .bind("id", roomId).map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
    }

    private long readMark(long roomId, Principal user) {
        return db.withHandle(h -> h.createQuery("SELECT last_read_seq FROM room_members WHERE room_id = :r AND user_id = :u")
                .bind("r", roomId).bind("u", user.userId()).mapTo(Long.class).one());
    }

    private Principal user(String name) {
        String username = name + (++users);
        String displayName = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        long id = db.withHandle(h -> h.createUpdate("""
                        INSERT INTO users (username, email, display_name, password_hash, created_at, updated_at)
                        VALUES (:u, :e, :d, 'x', 0, 0)""")
                .bind("u", username).bind("e", username + "@example.invalid").bind("d", displayName)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Principal(id, username, "session");
    }

    private long room(Principal owner, Principal... others) {
        return db.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO rooms (kind, name, created_by, created_at, updated_at)
                            VALUES ('group', 'room', :owner, 0, 0)""")
                    .bind("owner", owner.userId()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.execute("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, 'owner', 0)",
                    id, owner.userId());
            for (Principal p : others) {
                h.execute("INSERT INTO room_members (room_id, user_id, role, joined_at) VALUES (?, ?, 'member', 0)",
                        id, p.userId());
            }
            return id;
        });
    }

    /** Records what the writer publishes, on the writer's own thread. */
    private final class RecordingBus implements EventBus {
        @Override
        public void publish(BusEvent event) {
            published.add(event);
        }

        @Override
        public void subscribe(Consumer<BusEvent> subscriber) {}

        @Override
        public void close() {}
    }
}
