package org.parley.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames waiting to be written to one session, bounded by count and by bytes. Not thread-safe: the
 * owning {@link EngineSession} guards it with its lock.
 */
final class OutboundQueue {

    /** Starts small (an idle session holds nothing) and grows when a burst queues up. */
    private final ArrayDeque<OutboundFrame> frames = new ArrayDeque<>(4);
    private final int maxFrames;
    private final long maxBytes;
    private long bytes;

    OutboundQueue(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Adds all frames, or none if that would exceed a bound. */
    boolean offer(List<OutboundFrame> batch) {
        long batchBytes = 0;
        for (OutboundFrame frame : batch) {
            batchBytes += frame.size();
        }
        if (frames.size() + batch.size() > maxFrames || bytes + batchBytes > maxBytes) {
            return false;
        }
        frames.addAll(batch);
        bytes += batchBytes;
        return true;
    }

    /** Adds a frame regardless of the bounds (handshake and final close packets). */
    void offerForced(OutboundFrame frame) {
        frames.add(frame);
        bytes += frame.size();
    }

    OutboundFrame poll() {
        OutboundFrame frame = frames.poll();
        if (frame != null) {
            bytes -= frame.size();
        }
        return frame;
    }

    /** Removes frames for one polling response: at least one, then as many as fit in {@code budget}. */
    List<OutboundFrame> drain(int budget) {
        List<OutboundFrame> out = new ArrayList<>();
        int used = 0;
        while (!frames.isEmpty()) {
            int size = EnginePacketCodec.payloadSize(frames.peek()) + 1;
            if (!out.isEmpty() && used + size > budget) {
                break;
            }
            used += size;
            out.add(poll());
        }
        return out;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int size() {
        return frames.size();
    }

    void clear() {
        frames.clear();
        bytes = 0;
    }
}
