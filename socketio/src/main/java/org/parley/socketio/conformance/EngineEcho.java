package org.parley.socketio.conformance;

import java.util.List;
import org.parley.socketio.engine.CloseReason;
import org.parley.socketio.engine.EngineListener;
import org.parley.socketio.engine.EngineSession;
import org.parley.socketio.engine.OutboundFrame;

/** Raw Engine.IO handler of the fixture: sends every message back as it came. */
final class EngineEcho implements EngineListener {

    private final EngineSession session;

    EngineEcho(EngineSession session) {
        this.session = session;
    }

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
        // nothing to clean up
    }
}
