package org.parley.socketio;

/**
 * Told when a room of a namespace gets its first socket and when its last socket leaves it, for
 * every room including each socket's own. Called with the namespace's rooms locked, so the calls
 * for one namespace come in the order the rooms changed; a listener must return quickly and must
 * not wait on other sockets or the network.
 */
public interface RoomListener {

    /** {@code room} had no socket and now has one. */
    void roomCreated(String room);

    /** The last socket left {@code room}. */
    void roomDeleted(String room);
}
