package org.parley.socketio.engine;

/** Told about every new Engine.IO session; returns the listener that receives its messages. */
@FunctionalInterface
public interface EngineConnectionHandler {
    EngineListener onOpen(EngineSession session);
}
