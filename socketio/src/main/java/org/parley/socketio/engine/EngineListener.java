package org.parley.socketio.engine;

/**
 * Receives what arrives on one Engine.IO session. Calls come in order, from transport threads;
 * implementations hand slow work to their own executor.
 */
public interface EngineListener {

    void onMessage(String text);

    void onBinary(byte[] data);

    /** Called once, when the session closes for any reason. */
    void onClose(CloseReason reason);
}
