package org.parley.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;

/**
 * What messages need from files, always on the caller's handle so it takes part in the message's
 * transaction: linking a sender's finished uploads to a new message, reading the attachments of
 * messages, and releasing them when the message is deleted. A file is attached to one message at
 * most; a refusal is thrown before anything is linked.
 */
public final class Attachments {
    public static final int MAX_PER_MESSAGE = 10;

    private final FileStore files;

    public Attachments() {
        this.files = new FileStore();
    }

    /**
     * Links files to the message at {@code (roomId, seq)}: each must be a finished, unexpired,
     * undeleted file of {@code senderId} that no message holds yet. Returns them in the order given.
     */
    public List<Attachment> attach(Handle h, long senderId, long roomId, long seq, List<String> fileIds, long now) {
        List<Attachment> attached = check(h, senderId, fileIds, now);
        if (!attached.isEmpty()) files.link(h, roomId, seq, fileIds);
        return attached;
    }

    /**
     * Links attachments that {@link #check} returned earlier in the same transaction to the message
     * at {@code (roomId, seq)}, without reading them again.
     */
    public void link(Handle h, long roomId, long seq, List<Attachment> checked) {
        if (!checked.isEmpty()) files.link(h, roomId, seq, checked.stream().map(Attachment::id).toList());
    }

    /**
     * What {@link #attach} would link, checked without linking anything: lets a caller that gives
     * out seqs refuse a message for its files before it takes a seq for it.
     */
    public List<Attachment> check(Handle h, long senderId, List<String> fileIds, long now) {
        if (fileIds.isEmpty()) return List.of();
        if (fileIds.size() > MAX_PER_MESSAGE) {
            throw ParleyException.invalid("attachments", "A message can carry at most " + MAX_PER_MESSAGE + " files.");
        }
        if (new HashSet<>(fileIds).size() != fileIds.size()) {
            throw ParleyException.invalid("attachments", "The same file is attached twice.");
        }
        Map<String, FileStore.Attachable> found = files.attachable(h, fileIds);
        List<Attachment> attached = new ArrayList<>(fileIds.size());
        for (String id : fileIds) {
            FileStore.Attachable f = found.get(id);
            if (f == null || f.ownerId() != senderId || f.deleted()) {
                throw new ParleyException(ErrorCode.NOT_FOUND, "File " + id + " was not found.");
            }
            if (!f.complete()) throw ParleyException.invalid("attachments", "File " + id + " has not finished uploading.");
            if (f.expiresAt() != null && f.expiresAt() <= now) {
                throw ParleyException.invalid("attachments", "File " + id + " has expired; upload it again.");
            }
            if (f.attached()) throw ParleyException.invalid("attachments", "File " + id + " is already attached to a message.");
            attached.add(f.attachment());
        }
        return attached;
    }

    /** The attachments of these messages, in the order they were attached, by seq; one query. */
    public Map<Long, List<Attachment>> of(Handle h, long roomId, Collection<Long> seqs) {
        return seqs.isEmpty() ? Map.of() : files.attachmentsOf(h, roomId, seqs);
    }

    /** The message was deleted: its files are marked deleted now, and their bytes purged after the grace. */
    public void release(Handle h, long roomId, long seq, long now) {
        files.markDeletedFor(h, roomId, seq, now);
    }
}
