package org.parley.messages;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.files.Attachment;
import org.parley.files.Attachments;
import org.parley.messages.MessageStore.ClientKey;
import org.parley.rooms.Member;
import org.parley.rooms.MemberKey;
import org.parley.rooms.Memberships;
import org.parley.users.PublicUser;

/**
 * Stores a batch of sends in the caller's transaction with a fixed number of statements, however
 * many messages it holds: the messages already stored under the batch's clientIds, the senders'
 * memberships, the rooms' counters, the new messages and the senders' read marks take one
 * statement each on PostgreSQL; only a reply looks up the message it answers on its own, and
 * only a message with files checks them before it is numbered and links them after it is
 * inserted ({@link Attachments}), so messages without files cost no statement more.
 * Each send comes out as it would if the sends were stored one after another in queue order:
 * gap-free seqs per room in that order (a send refused for its files never takes a seq), a
 * clientId already used earlier in the batch returns that message, a file attached earlier in the
 * batch cannot be attached again, and a refused send fails alone. Memberships, counters and read
 * marks belong to rooms and are reached through {@link Memberships} on the same handle, one
 * statement each as before. A reply in a thread checks its root with one lookup, and each thread
 * that got replies has its root's summary updated, with a new rev, in the same transaction; the
 * roots changed are handed back with the outcomes, to be announced after commit.
 */
final class MessageBatch {
    private final MessageStore messages;
    private final Memberships rooms;
    private final Attachments attachments;

    MessageBatch(MessageStore messages, Memberships rooms, Attachments attachments) {
        this.messages = messages;
        this.rooms = rooms;
        this.attachments = attachments;
    }

    /**
     * What a batch wrote: one outcome per request, in order (a {@link SendResult}, or a {@link
     * BatchOutcome.Refused} with the refusal), and the thread roots whose summaries changed.
     */
    record Written(List<BatchOutcome> outcomes, List<Message> changedRoots) {}

    Written write(Handle h, List<SendRequest> requests, long now) {
        BatchOutcome[] outcomes = new BatchOutcome[requests.size()];
        Map<ClientKey, Message> stored = messages.byClientIds(h, clientKeys(requests));
        Map<MemberKey, Member> members = rooms.memberships(h, memberKeys(requests));
        Map<ClientKey, Integer> claimedInBatch = new HashMap<>();
        int[] duplicateOf = new int[requests.size()];
        Arrays.fill(duplicateOf, -1);
        List<Integer> accepted = new ArrayList<>();
        List<Message> unsaved = new ArrayList<>();
        List<Mentions> mentions = new ArrayList<>();
        List<Boolean> mayCallRoom = new ArrayList<>();
        Map<Long, Integer> newInRoom = new HashMap<>();
        Set<String> filesInBatch = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            SendRequest r = requests.get(i);
            ClientKey key = clientKey(r);
            try {
                Message earlier = key == null ? null : stored.get(key);
                Integer claimed = key == null ? null : claimedInBatch.get(key);
                if (earlier != null || claimed != null) {
                    long earlierRoom = earlier != null ? earlier.roomId() : requests.get(claimed).roomId();
                    if (earlierRoom != r.roomId()) {
                        throw ParleyException.invalid("clientId", "This clientId was already used for another room.");
                    }
                    if (earlier != null) outcomes[i] = new SendResult(earlier, true);
                    else duplicateOf[i] = claimed;
                    continue;
                }
                Member member = members.get(memberKey(r));
                if (member == null) throw new ParleyException(ErrorCode.NOT_FOUND, "Room not found.");
                Long threadRoot = threadRoot(h, r);
                List<Attachment> files = files(h, r, filesInBatch, now);
                var sender = new PublicUser(member.userId(), member.username(), member.displayName());
                unsaved.add(new Message(0, r.roomId(), 0, 0, Message.TEXT, r.content(), sender, r.clientId(),
                        r.replyTo(), now, null, false, List.of(), files, List.of(), false, threadRoot, null));
                mentions.add(Mentions.in(r.content()));
                mayCallRoom.add(member.role().canManage());
                accepted.add(i);
                newInRoom.merge(r.roomId(), 1, Integer::sum);
                if (key != null) claimedInBatch.put(key, i);
                filesInBatch.addAll(r.attachments());
            } catch (ParleyException refused) {
                outcomes[i] = new BatchOutcome.Refused(refused);
            }
        }
        if (!accepted.isEmpty()) {
            withMentions(h, unsaved, mentions, mayCallRoom);
            Map<Long, long[]> lastOfRoom = rooms.takeSeqs(h, newInRoom, now);
            List<Message> saved = messages.insertAll(h, numbered(unsaved, newInRoom, lastOfRoom));
            Map<MemberKey, Long> readMarks = new HashMap<>();
            for (int j = 0; j < saved.size(); j++) {
                Message m = saved.get(j);
                attachments.link(h, m.roomId(), m.seq(), m.attachments());
                outcomes[accepted.get(j)] = new SendResult(m, false);
                readMarks.merge(new MemberKey(m.roomId(), m.sender().id()), m.seq(), Math::max);
            }
            rooms.markRead(h, readMarks);
        }
        for (int i = 0; i < requests.size(); i++) {
            if (duplicateOf[i] >= 0) outcomes[i] = new SendResult(((SendResult) outcomes[duplicateOf[i]]).message(), true);
        }
        return new Written(Arrays.asList(outcomes), accepted.isEmpty() ? List.of() : updateRoots(h, outcomes, accepted));
    }

    /**
     * The thread this send is a reply in: its {@code threadRootSeq}, which must be a live top-level
     * text message of the room, or else the thread of the message it quotes ({@code replyTo}) when
     * that is a reply in a thread. Null for a top-level message.
     */
    private Long threadRoot(Handle h, SendRequest r) {
        Long quotedThread = null;
        if (r.replyTo() != null) {
            MessageStore.Placement quoted = messages.placement(h, r.roomId(), r.replyTo())
                    .filter(MessageStore.Placement::live)
                    .orElseThrow(() -> ParleyException.invalid("replyTo", "The message you reply to is not in this room."));
            quotedThread = quoted.threadRootSeq();
        }
        if (r.threadRootSeq() == null) return quotedThread;
        boolean root = messages.placement(h, r.roomId(), r.threadRootSeq())
                .map(MessageStore.Placement::canBeThreadRoot).orElse(false);
        if (!root) {
            throw ParleyException.invalid("threadRootSeq",
                    "threadRootSeq must be a message of this room that is not itself a reply in a thread.");
        }
        if (quotedThread != null && !quotedThread.equals(r.threadRootSeq())) {
            throw ParleyException.invalid("threadRootSeq", "The message you reply to is in another thread.");
        }
        return r.threadRootSeq();
    }

    /**
     * Counts the batch's stored replies on their roots, one update per thread, each root taking the
     * room's next rev; returns the roots as they are now. Runs after the rooms' counters were taken,
     * so the room is locked and each summary is read as the last writer left it.
     */
    private List<Message> updateRoots(Handle h, BatchOutcome[] outcomes, List<Integer> accepted) {
        Map<MessageStore.RoomSeq, List<Message>> byRoot = new java.util.LinkedHashMap<>();
        for (int i : accepted) {
            Message m = ((SendResult) outcomes[i]).message();
            if (m.threadRootSeq() == null) continue;
            byRoot.computeIfAbsent(new MessageStore.RoomSeq(m.roomId(), m.threadRootSeq()), k -> new ArrayList<>()).add(m);
        }
        List<Message> roots = new ArrayList<>(byRoot.size());
        byRoot.forEach((root, replies) -> {
            List<Long> newestFirst = new ArrayList<>();
            for (int j = replies.size() - 1; j >= 0; j--) newestFirst.add(replies.get(j).sender().id());
            long lastAt = replies.getLast().createdAt();
            messages.addReplies(h, root.roomId(), root.seq(), replies.size(), lastAt,
                    replies.stream().mapToLong(Message::seq).max().orElseThrow(), newestFirst,
                    rooms.takeRev(h, root.roomId()));
            roots.add(messages.bySeq(h, root.roomId(), root.seq()).orElseThrow());
        });
        return roots;
    }

    /**
     * Gives each message the members its text names and whether its {@code @room} counts (its
     * sender manages the room); the named members of every room in the batch are found with one
     * statement, and only when some message mentions someone.
     */
    private void withMentions(Handle h, List<Message> unsaved, List<Mentions> mentions, List<Boolean> mayCallRoom) {
        Map<Long, Set<String>> names = new HashMap<>();
        for (int j = 0; j < unsaved.size(); j++) {
            if (!mentions.get(j).usernames().isEmpty()) {
                names.computeIfAbsent(unsaved.get(j).roomId(), k -> new HashSet<>()).addAll(mentions.get(j).usernames());
            }
        }
        Map<Long, Map<String, Long>> named = names.isEmpty() ? Map.of() : rooms.membersNamed(h, names);
        for (int j = 0; j < unsaved.size(); j++) {
            Mentions found = mentions.get(j);
            if (found.isEmpty()) continue;
            Message m = unsaved.get(j);
            unsaved.set(j, m.withMentions(MentionedMembers.ids(found, named.getOrDefault(m.roomId(), Map.of())),
                    found.room() && mayCallRoom.get(j)));
        }
    }

    /** The files the send may attach, checked before it takes a seq; refused when one is already in this batch. */
    private List<Attachment> files(Handle h, SendRequest r, Set<String> filesInBatch, long now) {
        if (r.attachments().isEmpty()) return List.of();
        for (String id : r.attachments()) {
            if (filesInBatch.contains(id)) {
                throw ParleyException.invalid("attachments", "File " + id + " is already attached to a message.");
            }
        }
        return attachments.check(h, r.sender().userId(), r.attachments(), now);
    }

    /** The messages with the seqs and revs just taken: each room's range, given out in queue order. */
    private static List<Message> numbered(List<Message> unsaved, Map<Long, Integer> newInRoom,
                                          Map<Long, long[]> lastOfRoom) {
        Map<Long, long[]> next = new HashMap<>();
        lastOfRoom.forEach((room, last) -> {
            int n = newInRoom.get(room);
            next.put(room, new long[] {last[0] - n + 1, last[1] - n + 1});
        });
        List<Message> numbered = new ArrayList<>(unsaved.size());
        for (Message m : unsaved) {
            long[] seqRev = next.get(m.roomId());
            numbered.add(m.numbered(seqRev[0]++, seqRev[1]++));
        }
        return numbered;
    }

    private static ClientKey clientKey(SendRequest r) {
        return r.clientId() == null ? null : new ClientKey(r.sender().userId(), r.clientId());
    }

    private static MemberKey memberKey(SendRequest r) {
        return new MemberKey(r.roomId(), r.sender().userId());
    }

    private static Set<ClientKey> clientKeys(List<SendRequest> requests) {
        Set<ClientKey> keys = new HashSet<>();
        for (SendRequest r : requests) if (r.clientId() != null) keys.add(clientKey(r));
        return keys;
    }

    private static Set<MemberKey> memberKeys(List<SendRequest> requests) {
        Set<MemberKey> keys = new HashSet<>();
        for (SendRequest r : requests) keys.add(memberKey(r));
        return keys;
    }
}
