package org.parley.socketio;

import java.util.Set;

/**
 * Decides which rooms a resuming socket gets back. It runs once per recovery attempt, after the
 * connect middleware admitted the fresh socket (so it sees the attributes the middleware set) and
 * before anything is restored or replayed: rooms it leaves out are not re-entered, and no logged
 * broadcast to them is replayed. Rooms it returns that the saved session was not in are ignored;
 * the socket's own room (its id) is always kept. Throwing {@link ConnectionRefusedException}
 * refuses the connection with that message; any other failure makes the socket connect afresh
 * (not recovered), so the client resynchronises from the source of truth.
 */
@FunctionalInterface
public interface RecoveryFilter {

    /** The subset of {@code savedRooms} (the socket's own room excluded) the socket may re-enter. */
    Set<String> roomsToRestore(SocketIoSocket socket, Set<String> savedRooms) throws ConnectionRefusedException;
}
