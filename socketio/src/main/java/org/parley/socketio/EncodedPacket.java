package org.parley.socketio;

import java.util.List;
import org.parley.socketio.engine.OutboundFrame;

/**
 * A Socket.IO packet encoded once as Engine.IO frames: one text frame ({@code 4...}) followed by
 * its binary attachments. The same instance can be queued on any number of sessions.
 */
public record EncodedPacket(List<OutboundFrame> frames) {

    public EncodedPacket {
        frames = List.copyOf(frames);
    }

    /** The Socket.IO text of the packet, without the Engine.IO message prefix. */
    public String text() {
        return ((OutboundFrame.Text) frames.getFirst()).encoded().substring(1);
    }

    public int size() {
        int size = 0;
        for (OutboundFrame frame : frames) {
            size += frame.size();
        }
        return size;
    }
}
