package org.parley.socketio.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.parley.socketio.conformance.EngineEcho;

/** Test handler: the conformance fixture's echo on every session, recording close reasons. */
final class EngineEchoHandler implements EngineConnectionHandler {

    final Queue<CloseReason> closes = new ConcurrentLinkedQueue<>();

    @Override
    public EngineListener onOpen(EngineSession session) {
        return new EngineEcho(session, closes::add);
    }
}
