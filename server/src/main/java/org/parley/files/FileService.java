package org.parley.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.errors.ErrorCode;
import org.parley.errors.ParleyException;
import org.parley.rooms.Memberships;
import org.parley.storage.Database;

/**
 * Who may read a file, and reading it. A finished, undeleted file may be read by its uploader
 * and by the current members of the room whose live (undeleted) message holds it; for everyone
 * else it does not exist ({@code not_found}), so ids cannot be probed. Membership is asked on
 * every read, so a removed member loses access at once, signed links included.
 */
public final class FileService {
    private final Database db;
    private final FileReads reads = new FileReads();
    private final Memberships memberships;
    private final BlobStore blobs;
    private final FileLinks links;

    public FileService(Database db, Memberships memberships, BlobStore blobs, FileLinks links) {
        this.db = db;
        this.memberships = memberships;
        this.blobs = blobs;
        this.links = links;
    }

    /** The file if {@code userId} may read it; {@code not_found} otherwise. */
    FileRow readable(long userId, String id) {
        if (!FileIds.wellFormed(id)) throw notFound();
        return db.withHandle(h -> readable(h, userId, id)).orElseThrow(FileService::notFound);
    }

    private Optional<FileRow> readable(Handle h, long userId, String id) {
        return reads.find(h, id).filter(f -> f.completedAt() != null && f.deletedAt() == null)
                .filter(f -> f.ownerId() == userId
                        || (f.roomId() != null && f.messageLive() && memberships.find(h, f.roomId(), userId).isPresent()));
    }

    public FileInfo info(long userId, String id) {
        return readable(userId, id).info();
    }

    InputStream open(String key, long from, long length) throws IOException {
        return blobs.read(key, from, length);
    }

    long size(String key) throws IOException {
        return blobs.size(key);
    }

    /** The files of a room (members only), newest first. */
    public List<RoomFile> inRoom(long userId, long roomId, Long before, Integer limit) {
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 200) throw ParleyException.invalid("limit", "limit must be between 1 and 200.");
        return db.withHandle(h -> {
            memberships.requireMember(h, roomId, userId);
            return reads.inRoom(h, roomId, before, n);
        });
    }

    /** Signed links for the files among {@code ids} that {@code userId} may read; the others are left out. */
    public Map<String, Map<String, Object>> links(long userId, Collection<String> ids) {
        if (ids.size() > 100) throw ParleyException.invalid("ids", "At most 100 links at once.");
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        db.withHandle(h -> {
            for (String id : ids) {
                if (!FileIds.wellFormed(id) || out.containsKey(id)) continue;
                readable(h, userId, id).ifPresent(f -> {
                    FileLinks.Signed content = links.sign(Attachment.contentUrl(id), userId);
                    Map<String, Object> link = new LinkedHashMap<>();
                    link.put("url", content.url());
                    if (f.thumbKey() != null) link.put("thumbnailUrl", links.sign(Attachment.thumbnailUrl(id), userId).url());
                    link.put("expiresAt", content.expiresAt());
                    out.put(id, link);
                });
            }
            return null;
        });
        return out;
    }

    /** The user a signed link speaks for, when its signature is valid for this path; empty otherwise. */
    Optional<Long> signedUser(String path, String u, String exp, String sig) {
        try {
            long user = Long.parseLong(u);
            long expires = Long.parseLong(exp);
            return links.verify(path, user, expires, sig) ? Optional.of(user) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ParleyException notFound() {
        return new ParleyException(ErrorCode.NOT_FOUND, "No such file.");
    }
}
