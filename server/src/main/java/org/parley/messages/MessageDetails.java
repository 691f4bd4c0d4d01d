package org.parley.messages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.parley.files.Attachment;
import org.parley.files.Attachments;

/**
 * Completes messages read from their table with what other tables hold: their reactions (one
 * query for all of them) and their attachments (one query per room, and only for messages that
 * were stored with files, so a page without files costs nothing more). Used only by {@link MessageStore}.
 */
final class MessageDetails {
    private final Attachments attachments;

    MessageDetails(Attachments attachments) {
        this.attachments = attachments;
    }

    /** {@code messages} in the same order, with reactions and attachments; {@code withFiles} holds the ids stored with files. */
    List<Message> complete(Handle h, List<Message> messages, Set<Long> withFiles) {
        if (messages.isEmpty()) return messages;
        return withAttachments(h, withReactions(h, messages), withFiles);
    }

    private List<Message> withAttachments(Handle h, List<Message> messages, Set<Long> withFiles) {
        if (withFiles.isEmpty()) return messages;
        Map<Long, List<Long>> seqsByRoom = new LinkedHashMap<>();
        for (Message m : messages) {
            if (withFiles.contains(m.id()) && !m.deleted()) {
                seqsByRoom.computeIfAbsent(m.roomId(), k -> new ArrayList<>()).add(m.seq());
            }
        }
        if (seqsByRoom.isEmpty()) return messages;
        Map<Long, Map<Long, List<Attachment>>> byRoom = new LinkedHashMap<>();
        seqsByRoom.forEach((room, seqs) -> byRoom.put(room, attachments.of(h, room, seqs)));
        return messages.stream().map(m -> {
            List<Attachment> files = byRoom.getOrDefault(m.roomId(), Map.of()).get(m.seq());
            return files == null ? m : m.withAttachments(files);
        }).toList();
    }

    private List<Message> withReactions(Handle h, List<Message> messages) {
        Map<Long, Map<String, List<Long>>> byMessage = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN (<ids>)
                         ORDER BY created_at, user_id""")
                .bindList("ids", ids(messages))
                .map((rs, ctx) -> {
                    byMessage.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(3));
                    return null;
                }).list();
        if (byMessage.isEmpty()) return messages;
        return messages.stream().map(m -> {
            Map<String, List<Long>> r = byMessage.get(m.id());
            if (r == null) return m;
            return m.withReactions(r.entrySet().stream()
                    .map(e -> new Message.Reaction(e.getKey(), e.getValue().size(), List.copyOf(e.getValue()))).toList());
        }).toList();
    }

    private static Collection<Long> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }
}
