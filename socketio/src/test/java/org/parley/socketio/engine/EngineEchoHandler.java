package org.parley.socketio.engine;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Test listener that echoes every message and records close reasons. */
final class EngineEchoHandler implements EngineConnectionHandler {

    final Queue<CloseReason> closes = new ConcurrentLinkedQueue<>();

    @Override
    public EngineListener onOpen(EngineSession session) {
        return new EngineListener() {
            @Override
            public void onMessage(String text) {
                session.send(List.of(new OutboundFrame.Text("4" + text)));
            }

            @Override
            public void onBinary(byte[] data) {
                session.send(List.of(new OutboundFrame.Binary(data)));
            }

            @Override
            public void onClose(CloseReason reason) {
                closes.add(reason);
            }
        };
    }
}
