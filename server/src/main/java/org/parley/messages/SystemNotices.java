package org.parley.messages;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.bus.BusEvent;
import org.parley.rooms.Memberships;
import org.parley.rooms.RoomMessage;
import org.parley.rooms.RoomNotices;
import org.parley.storage.Dialect;

/** The messages feature's side of {@link RoomNotices}: system messages, stored like sent ones at the room's next seq. */
public final class SystemNotices implements RoomNotices {
    private final MessageStore messages;
    private final Memberships rooms;

    public SystemNotices(Dialect dialect, Memberships rooms) {
        this.messages = new MessageStore(dialect);
        this.rooms = rooms;
    }

    @Override
    public Notice post(Handle h, long roomId, String text, long now) {
        long[] seqRev = rooms.takeSeqs(h, Map.of(roomId, 1), now).get(roomId);
        messages.insertAt(h, roomId, seqRev[0], seqRev[1], null, Message.SYSTEM, text, null, null, now);
        Message notice = messages.bySeq(h, roomId, seqRev[0]).orElseThrow();
        return new Notice(notice.seq(), MessageEvents.created(notice));
    }

    @Override
    public Optional<RoomMessage> shown(Handle h, long roomId, long seq) {
        return messages.bySeq(h, roomId, seq).map(RoomMessage.class::cast);
    }
}
