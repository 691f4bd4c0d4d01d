package org.parley.socketio.conformance;

import java.util.List;
import java.util.function.Consumer;
import org.parley.socketio.engine.CloseReason;
import org.parley.socketio.engine.EngineListener;
import org.parley.socketio.engine.EngineSession;
import org.parley.socketio.engine.OutboundFrame;

/**
 * Raw Engine.IO handler of the fixture: sends every message back as it came, text as text and
 * binary as binary, and reports the session's close reason to whoever asked for it.
 */
public final class EngineEcho implements EngineListener {

    private final EngineSession session;
    private final Consumer<CloseReason> closed;

    /** An echo that needs nothing when the session ends (the fixture's). */
    public EngineEcho(EngineSession session) {
        this(session, reason -> {});
    }

    public EngineEcho(EngineSession session, Consumer<CloseReason> closed) {
        this.session = session;
        this.closed = closed;
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
        closed.accept(reason);
    }
}
