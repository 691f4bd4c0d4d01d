package org.parley.gateway.conformance;

import java.util.List;
import org.parley.gateway.engineio.CloseReason;
import org.parley.gateway.engineio.EngineListener;
import org.parley.gateway.engineio.EngineSession;
import org.parley.gateway.engineio.OutboundFrame;

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
